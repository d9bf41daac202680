import { define } from '../shared/define.js';
import '../health-badge/define.js';
import { KamAccountList } from './kam-account-list.js';

define('kam-account-list', KamAccountList);

declare global {
  interface HTMLElementTagNameMap {
    'kam-account-list': KamAccountList;
  }
}
