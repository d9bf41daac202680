// The board's rarely used parts, each its own module (and chunk), loaded the first time they are
// needed: the won / lost dialog, the card notices (refusals, conflicts, rollbacks), the
// "Move to…" menu, pointer dragging, the totals' breakdown by currency and the cards' extra fields, the keyboard and the move itself. A module of its own so that tests can swap a loader (to prove a failed fetch is
// shown) without the loaders becoming part of the package's API.
export const partLoaders = {
  dialog: () => import('./board-dialog.js'),
  notice: () => import('./card-notice.js'),
  menu: () => import('./move-menu.js'),
  drag: () => import('./drag.js'),
  breakdown: () => import('./breakdown.js'),
  fields: () => import('./card-fields.js'),
  move: () => import('./move.js'),
};
export type Parts = { [K in keyof typeof partLoaders]: Awaited<ReturnType<(typeof partLoaders)[K]>> };
export type PartName = keyof Parts;
/** Parts loaded so far (shared by every board on the page). */
export const loadedParts: Partial<Parts> = {};
const partPromises = new Map<PartName, Promise<unknown>>();

export function loadPart<K extends PartName>(name: K): Promise<Parts[K]> {
  let p = partPromises.get(name) as Promise<Parts[K]> | undefined;
  if (!p) {
    p = (partLoaders[name]() as Promise<Parts[K]>).then((m) => (loadedParts[name] = m));
    p.catch(() => partPromises.delete(name)); // a failed load is tried again on the next use
    partPromises.set(name, p);
  }
  return p;
}
