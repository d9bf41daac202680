// @kamkit/core/analytics — pipeline, portfolio and purchase analytics over a book or a Store.
export * from './source.js';
export { parseIso, DAY_MS, type Instant, type Period } from './util.js';
export * from './pipeline.js';
export * from './portfolio.js';
export * from './purchase.js';
