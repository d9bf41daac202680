import { css } from 'lit';
import { chartStyles } from '../shared/chart/chart.styles.js';

export const styles = [...chartStyles, css`.redline { stroke: var(--_red); stroke-width: 2; stroke-dasharray: 5 3; } .bar.crossed { fill: var(--_red); } .band-diversified { fill: var(--_green-bg); } .band-moderate { fill: var(--_yellow-bg); } .band-high { fill: var(--_red-bg); } .band-critical { fill: var(--_red); opacity: .35; } .hhi { fill: var(--_fg); } .verdict { font-weight: 600; }`];
