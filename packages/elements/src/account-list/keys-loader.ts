// The list's keyboard, selection and opening (keys.ts, its own chunk), fetched when the user
// reaches the list and shared by every list on the page (see shared/lazy-part.ts).
import type { LazyPart } from '../shared/lazy-part.js';

export const keysLoader: LazyPart<typeof import('./keys.js')> = { load: () => import('./keys.js') };
