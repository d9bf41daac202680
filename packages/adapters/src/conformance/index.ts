export * from './suite.js';
export * from './dataset.js';
