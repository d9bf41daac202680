import { define } from '../shared/define.js';
import { KamFunnelChart } from './kam-funnel-chart.js';

define('kam-funnel-chart', KamFunnelChart);

declare global {
  interface HTMLElementTagNameMap { 'kam-funnel-chart': KamFunnelChart }
}
