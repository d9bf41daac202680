// @kamkit/core — the framework-neutral heart of KAM Kit.
export * from './errors.js';
export * from './model/schemas.js';
export * from './model/validate.js';
export * from './model/money.js';
export * from './port/datasource.js';
export * from './store/types.js';
export * from './model/normalize.js';
export * from './store/query.js';
export * from './store/moves.js';
export * from './store/dedupe.js';
export * from './store/store.js';
export * from './port/memory-source.js';
export * from './sample/index.js';
