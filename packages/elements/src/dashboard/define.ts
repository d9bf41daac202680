import { define } from '../shared/define.js';
import '../funnel-chart/define.js';
import '../stage-duration-chart/define.js';
import '../forecast-chart/define.js';
import '../pareto-chart/define.js';
import '../concentration-chart/define.js';
import '../health-distribution-chart/define.js';
import '../retention-chart/define.js';
import '../kpi-tile/define.js';
import { KamDashboard } from './kam-dashboard.js';

define('kam-dashboard', KamDashboard);

declare global {
  interface HTMLElementTagNameMap { 'kam-dashboard': KamDashboard }
}
