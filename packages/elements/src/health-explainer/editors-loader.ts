// Fetches the explainer's editors chunk (editors.ts). A module of its own so that a test can swap
// the loader (to prove a failed fetch is shown) without it becoming part of the package's API.
export const editorsLoader = { load: () => import('./editors.js') };
