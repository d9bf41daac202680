// @kamkit/core/dedupe — merging accounts that arrive from several sources (source id, name + tax id,
// name + domain), with a report of every decision. `dedupeAccounts()` is the Store's `dedupe` option.
export * from '../store/dedupe.js';
