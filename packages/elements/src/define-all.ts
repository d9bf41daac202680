// Registers every kam-* tag. Each element's define file adds itself here (and its styles module
// to the list above them).
// The order is the bundle's, and gzip finds a repeat only within 32 KB: so every element's styles
// come first, together (CSS is alike from one element to the next), then the elements, those whose
// code is alike near each other (the provider and the core it pulls in first; the path, the board
// and the list; the account views; the dashboard and the charts). Measured, not guessed: 4 KB gzip
// less than the elements in the order they were written; the path, board and list ahead of the
// account views (their styles too) 145 B less again once terser ran after esbuild and lit joined
// the main file (session 14, a hill-climb of group moves and adjacent swaps, none of which else
// paid over 20 B). Check a change with `node scripts/size.mjs`.
export {};
import './provider/kam-provider.styles.js';
import './stage-path/kam-stage-path.styles.js';
import './pipeline-board/kam-pipeline-board.styles.js';
import './account-list/kam-account-list.styles.js';
import './health-badge/kam-health-badge.styles.js';
import './stakeholder-map/kam-stakeholder-map.styles.js';
import './health-explainer/kam-health-explainer.styles.js';
import './timeline/kam-timeline.styles.js';
import './alerts/kam-alerts.styles.js';
import './account-360/kam-account-360.styles.js';
import './stage-duration-chart/kam-stage-duration-chart.styles.js';
import './kpi-tile/kam-kpi-tile.styles.js';
import './funnel-chart/kam-funnel-chart.styles.js';
import './health-distribution-chart/kam-health-distribution-chart.styles.js';
import './dashboard/kam-dashboard.styles.js';
import './forecast-chart/kam-forecast-chart.styles.js';
import './pareto-chart/kam-pareto-chart.styles.js';
import './concentration-chart/kam-concentration-chart.styles.js';
import './retention-chart/kam-retention-chart.styles.js';
import './provider/define.js';
import './stage-path/define.js';
import './pipeline-board/define.js';
import './account-list/define.js';
import './health-badge/define.js';
import './stakeholder-map/define.js';
import './health-explainer/define.js';
import './timeline/define.js';
import './alerts/define.js';
import './account-360/define.js';
import './stage-duration-chart/define.js';
import './kpi-tile/define.js';
import './funnel-chart/define.js';
import './health-distribution-chart/define.js';
import './dashboard/define.js';
import './forecast-chart/define.js';
import './pareto-chart/define.js';
import './concentration-chart/define.js';
import './retention-chart/define.js';
