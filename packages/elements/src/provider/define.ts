import { define } from '../shared/define.js';
import { KamProvider } from './kam-provider.js';

define('kam-provider', KamProvider);

declare global {
  interface HTMLElementTagNameMap {
    'kam-provider': KamProvider;
  }
}
