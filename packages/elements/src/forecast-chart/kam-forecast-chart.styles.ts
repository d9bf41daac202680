import { css } from 'lit';
import { chartStyles } from '../shared/chart/chart.styles.js';

export const styles = [...chartStyles, css`.c-pipeline { fill: var(--_blue-bg); stroke: var(--_blue); } .c-best_case { fill: var(--_yellow); } .c-commit { fill: var(--_accent); } .c-closed { fill: var(--_green); } .c-omitted { fill: var(--_border); } .legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 0.85em; margin: 0 0 4px; padding: 0; list-style: none; } .legend svg { display: inline; vertical-align: middle; } label.toggle { font-size: 0.85em; display: inline-flex; align-items: center; min-height: 24px; }`];
