import { css } from 'lit';
import { chartStyles } from '../shared/chart/chart.styles.js';

export const styles = [...chartStyles, css`.curve { fill: none; stroke: var(--_accent); stroke-width: 2; } .t-A { fill: var(--_green); } .t-B { fill: var(--_yellow); } .t-C { fill: var(--_muted); }`];
