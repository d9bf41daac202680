import { css } from 'lit';
import { chartStyles } from '../shared/chart/chart.styles.js';

export const styles = [...chartStyles, css`.p90 { stroke: var(--_muted); stroke-width: 2; } .median { fill: var(--_fg); } .bar.bottleneck { fill: var(--_red); } .flag { fill: var(--_red); font-weight: 600; }`];
