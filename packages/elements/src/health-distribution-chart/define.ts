import { define } from '../shared/define.js';
import { KamHealthDistributionChart } from './kam-health-distribution-chart.js';

define('kam-health-distribution-chart', KamHealthDistributionChart);

declare global {
  interface HTMLElementTagNameMap { 'kam-health-distribution-chart': KamHealthDistributionChart }
}
