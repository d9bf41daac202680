export * from './server.js';
export * from './random.js';
