import { css } from 'lit';
import { chartStyles } from '../shared/chart/chart.styles.js';

export const styles = [...chartStyles, css`.tone-red { fill: var(--_red); } .tone-yellow { fill: var(--_yellow); } .tone-green { fill: var(--_green); } .tone-blue, .tone-none { fill: var(--_blue); } .prev { fill: none; stroke: var(--_fg); stroke-dasharray: 3 2; }`];
