// A rarely used part of an element in a chunk of its own, fetched the first time it is needed and
// kept for the page (every copy of the element shares it). One record per chunk, so that a test can
// swap `load` (to prove a failed or slow fetch is handled) without the loaders becoming public API.

/** A lazily fetched module: `load` fetches it, `loaded` is it once here, `loading` the fetch on its way. */
export interface LazyPart<M> {
  load: () => Promise<M>;
  loaded?: M;
  loading?: Promise<M>;
}

/** The part's module, fetched once for the page; a failed fetch is forgotten, so the next call tries again. */
export function fetchPart<M>(part: LazyPart<M>): Promise<M> {
  return part.loading ??= part.load().then((m) => (part.loaded = m), (err: unknown) => {
    part.loading = undefined;
    throw err;
  });
}
