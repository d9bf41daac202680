// Fake vendor servers (node:http on 127.0.0.1) for tests, the demo and the benchmarks.
export * from './shared/index.js';
export * from './rest/index.js';
export * from './salesforce/index.js';
export * from './zoho/index.js';
export * from './kingdee/index.js';
