import { define } from '../shared/define.js';
import { KamConcentrationChart } from './kam-concentration-chart.js';

define('kam-concentration-chart', KamConcentrationChart);

declare global {
  interface HTMLElementTagNameMap { 'kam-concentration-chart': KamConcentrationChart }
}
