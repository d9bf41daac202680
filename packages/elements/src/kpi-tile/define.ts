import { define } from '../shared/define.js';
import { KamKpiTile } from './kam-kpi-tile.js';

define('kam-kpi-tile', KamKpiTile);

declare global {
  interface HTMLElementTagNameMap { 'kam-kpi-tile': KamKpiTile }
}
