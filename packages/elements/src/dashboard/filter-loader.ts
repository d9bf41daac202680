// The dashboard's filter-change chunk (filter.ts), fetched when the user reaches the dashboard and
// shared by every <kam-dashboard> on the page (see shared/lazy-part.ts).
import type { LazyPart } from '../shared/lazy-part.js';

export const filterLoader: LazyPart<typeof import('./filter.js')> = { load: () => import('./filter.js') };
