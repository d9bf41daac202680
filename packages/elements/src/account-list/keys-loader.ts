// Fetches the list's keyboard, selection and opening (keys.ts, its own chunk) and keeps it, shared
// by every list on the page. A module of its own so that tests can swap the loader (to prove a
// failed or slow fetch is handled) without it becoming part of the package's API.
type Keys = typeof import('./keys.js');

export const keysLoader: { load: () => Promise<Keys>; loaded?: Keys; loading?: Promise<Keys> } = {
  load: () => import('./keys.js'),
};
