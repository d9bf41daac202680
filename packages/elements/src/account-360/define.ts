import { define } from '../shared/define.js';
import '../health-badge/define.js';
import '../timeline/define.js';
import '../stakeholder-map/define.js';
import '../alerts/define.js';
import { KamAccount360 } from './kam-account-360.js';

define('kam-account-360', KamAccount360);

declare global {
  interface HTMLElementTagNameMap { 'kam-account-360': KamAccount360 }
}
