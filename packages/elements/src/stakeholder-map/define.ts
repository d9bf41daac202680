import { define } from '../shared/define.js';
import { KamStakeholderMap } from './kam-stakeholder-map.js';

define('kam-stakeholder-map', KamStakeholderMap);

declare global {
  interface HTMLElementTagNameMap { 'kam-stakeholder-map': KamStakeholderMap }
}
