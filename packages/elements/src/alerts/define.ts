import { define } from '../shared/define.js';
import { KamAlerts } from './kam-alerts.js';

define('kam-alerts', KamAlerts);

declare global {
  interface HTMLElementTagNameMap { 'kam-alerts': KamAlerts }
}
