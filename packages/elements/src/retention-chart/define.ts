import { define } from '../shared/define.js';
import { KamRetentionChart } from './kam-retention-chart.js';

define('kam-retention-chart', KamRetentionChart);

declare global {
  interface HTMLElementTagNameMap { 'kam-retention-chart': KamRetentionChart }
}
