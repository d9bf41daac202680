// Registers every kam-* tag. Each element's define file adds itself here.
// The order is the bundle's: gzip finds a repeat only within 32 KB, so elements whose code is
// alike sit near each other (the provider and the core it pulls in first; the account views; the
// path, the board and the list; the dashboard and the charts). Measured, not guessed: 2.4 KB gzip
// less than in the order they were written. Check a new element's place with `node scripts/size.mjs`.
export {};
import './provider/define.js';
import './health-badge/define.js';
import './stakeholder-map/define.js';
import './health-explainer/define.js';
import './timeline/define.js';
import './alerts/define.js';
import './account-360/define.js';
import './stage-path/define.js';
import './pipeline-board/define.js';
import './account-list/define.js';
import './stage-duration-chart/define.js';
import './kpi-tile/define.js';
import './funnel-chart/define.js';
import './health-distribution-chart/define.js';
import './dashboard/define.js';
import './forecast-chart/define.js';
import './pareto-chart/define.js';
import './concentration-chart/define.js';
import './retention-chart/define.js';
