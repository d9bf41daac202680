import { define } from '../shared/define.js';
import { KamTimeline } from './kam-timeline.js';

define('kam-timeline', KamTimeline);

declare global {
  interface HTMLElementTagNameMap { 'kam-timeline': KamTimeline }
}
