import { css } from 'lit';
import { chartStyles } from '../shared/chart/chart.styles.js';

export const styles = [...chartStyles, css`.grr { fill: none; stroke: var(--_accent); stroke-width: 2; } .nrr { fill: none; stroke: var(--_green); stroke-width: 2; stroke-dasharray: 6 3; } .dot-grr { fill: var(--_accent); } .dot-nrr { fill: var(--_green); } .ref { stroke: var(--_muted); stroke-dasharray: 2 2; } .ink-dark { fill: #1f2328; } .ink-light { fill: #fff; }`];
