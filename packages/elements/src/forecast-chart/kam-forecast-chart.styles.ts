import { css } from 'lit';
import { chartStyles } from '../shared/chart/chart.styles.js';

export const styles = [...chartStyles, css`.c-pipeline { stroke: var(--_blue); } .f-pipeline { fill: var(--_blue-bg); } .f-best_case { fill: var(--_yellow); } .f-commit { fill: var(--_accent); } .f-closed { fill: var(--_green); } .ink { fill: var(--_bg); } .legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 0.85em; margin: 0 0 4px; padding: 0; list-style: none; } .legend svg { display: inline; vertical-align: middle; } @media (forced-colors: active) { .f-pipeline, .f-best_case, .f-commit { fill: Canvas; } .ink, .f-closed { fill: CanvasText; } .c-pipeline { stroke: CanvasText; } } label.toggle { font-size: 0.85em; display: inline-flex; align-items: center; min-height: 24px; }`];
