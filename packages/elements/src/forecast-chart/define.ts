import { define } from '../shared/define.js';
import { KamForecastChart } from './kam-forecast-chart.js';

define('kam-forecast-chart', KamForecastChart);

declare global {
  interface HTMLElementTagNameMap { 'kam-forecast-chart': KamForecastChart }
}
