// The explainer's editors chunk (editors.ts: what-if, override form, points table), fetched the
// first time one is shown and shared by every explainer on the page (see shared/lazy-part.ts).
import type { LazyPart } from '../shared/lazy-part.js';

export const editorsLoader: LazyPart<typeof import('./editors.js')> = { load: () => import('./editors.js') };
