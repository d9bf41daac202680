import { define } from '../shared/define.js';
import { KamStagePath } from './kam-stage-path.js';

define('kam-stage-path', KamStagePath);

declare global {
  interface HTMLElementTagNameMap {
    'kam-stage-path': KamStagePath;
  }
}
