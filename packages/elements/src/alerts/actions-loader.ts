// The alerts' dismiss, snooze, filter and paging code (actions.ts, its own chunk), fetched when the
// user reaches the element and shared by every <kam-alerts> on the page (see shared/lazy-part.ts).
import type { LazyPart } from '../shared/lazy-part.js';

export const actionsLoader: LazyPart<typeof import('./actions.js')> = { load: () => import('./actions.js') };
