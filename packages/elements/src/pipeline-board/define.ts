import { define } from '../shared/define.js';
import { KamPipelineBoard } from './kam-pipeline-board.js';

define('kam-pipeline-board', KamPipelineBoard);

declare global {
  interface HTMLElementTagNameMap {
    'kam-pipeline-board': KamPipelineBoard;
  }
}
