// @kamkit/core/health — health model, signals, scoring with explanations, overrides, roll-ups.
export * from './signals.js';
export * from './model.js';
export * from './defaults.js';
export * from './score.js';
export * from './book.js';
export * from './overrides.js';
