// @kamkit/core — the framework-neutral heart of KAM Kit.
export * from './errors.js';
export * from './model/schemas.js';
export * from './model/validate.js';
export * from './model/money.js';
export * from './port/datasource.js';
export * from './store/types.js';
