import { define } from '../shared/define.js';
import { KamHealthBadge } from './kam-health-badge.js';

define('kam-health-badge', KamHealthBadge);

declare global {
  interface HTMLElementTagNameMap {
    'kam-health-badge': KamHealthBadge;
  }
}
