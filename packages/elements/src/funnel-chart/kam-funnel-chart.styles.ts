import { css } from 'lit';
import { chartStyles } from '../shared/chart/chart.styles.js';

export const styles = [...chartStyles, css`.bar.won { fill: var(--_green); } .rate { fill: var(--_muted); }`];
