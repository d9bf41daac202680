// @kamkit/core/analytics — pipeline and portfolio analytics, purchase forecast.
export * from './source.js';
export { parseIso, DAY_MS, type Instant, type Period } from './util.js';
export * from './pipeline.js';
export * from './portfolio.js';
export * from './purchase.js';
