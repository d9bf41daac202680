// Registers every kam-* tag. Each element's define file adds itself here.
export {};
import './timeline/define.js';
import './stakeholder-map/define.js';
import './pipeline-board/define.js';
import './provider/define.js';
import './health-badge/define.js';
import './health-explainer/define.js';
import './account-list/define.js';
import './alerts/define.js';
import './stage-path/define.js';
import './account-360/define.js';
