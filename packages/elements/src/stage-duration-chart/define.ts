import { define } from '../shared/define.js';
import { KamStageDurationChart } from './kam-stage-duration-chart.js';

define('kam-stage-duration-chart', KamStageDurationChart);

declare global {
  interface HTMLElementTagNameMap { 'kam-stage-duration-chart': KamStageDurationChart }
}
