import { define } from '../shared/define.js';
import '../health-badge/define.js';
import { KamHealthExplainer } from './kam-health-explainer.js';

define('kam-health-explainer', KamHealthExplainer);

declare global {
  interface HTMLElementTagNameMap {
    'kam-health-explainer': KamHealthExplainer;
  }
}
