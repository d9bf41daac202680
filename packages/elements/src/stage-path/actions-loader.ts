// Fetches the stage path's actions chunk (actions.ts) once for the page. A module of its own so
// that a test can swap the loader (to prove a failed fetch is shown) without it becoming part of
// the package's API.
type Actions = typeof import('./actions.js');

export const actionsLoader = { load: (): Promise<Actions> => import('./actions.js') };
/** The chunk, once fetched (every path on the page shares it). */
export let loadedActions: Actions | undefined;
let pending: Promise<Actions> | undefined;

/** The chunk; a failed fetch is tried again on the next call. */
export function loadActions(): Promise<Actions> {
  return pending ??= actionsLoader.load().then((m) => (loadedActions = m), (err: unknown) => {
    pending = undefined;
    throw err;
  });
}
