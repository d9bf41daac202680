import { define } from '../shared/define.js';
import { KamParetoChart } from './kam-pareto-chart.js';

define('kam-pareto-chart', KamParetoChart);

declare global {
  interface HTMLElementTagNameMap { 'kam-pareto-chart': KamParetoChart }
}
