// The stage path's actions chunk (actions.ts), fetched on the first action and shared by every
// path on the page (see shared/lazy-part.ts).
import type { LazyPart } from '../shared/lazy-part.js';
import { withKit } from '../pipeline-board/parts.js';

export const actionsLoader: LazyPart<typeof import('./actions.js')> = { load: withKit(() => import('./actions.js')) };
