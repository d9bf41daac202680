// @kamkit/adapters — one DataSource per backend, the shared HTTP layer and the conformance suite.
// Browser-safe: the fake servers (`@kamkit/adapters/fakes`) and the relay
// (`@kamkit/adapters/relay`) need node:http and live behind their own entry points.
export * from './http/index.js';
export * from './conformance/index.js';
export * from './rest/index.js';
export * from './salesforce/index.js';
export { mapAndValidate } from './mapping/validate.js';
export { stampTime } from './mapping/stamp.js';
export * from './zoho/index.js';
export * from './kingdee/index.js';
