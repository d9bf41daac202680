export * from './errors.js';
export * from './signals.js';
export * from './client.js';
export * from './auth.js';
