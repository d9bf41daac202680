// @kamkit/core — the framework-neutral heart of KAM Kit. The main entry is what every consumer
// needs: the domain model and its validation, money, the Store and the DataSource port. Everything
// else has its own entry, so a page loads only what it uses:
//   @kamkit/core/health       health model, signals, scoring with explanations, overrides
//   @kamkit/core/analytics    pipeline and portfolio analytics, purchase forecast
//   @kamkit/core/alerts       alert rules, evaluation, next best actions
//   @kamkit/core/sync         the outbox, retry policy and sync engine
//   @kamkit/core/persistence  IndexedDB: book cache, persistent outbox, embedded source
//   @kamkit/core/sample       the seeded sample book generator (demos, tests, benchmarks)
//   @kamkit/core/memory       MemorySource, a DataSource over records held in memory
//   @kamkit/core/dedupe       merging duplicate accounts (the Store's `dedupe` option)
export * from './errors.js';
export * from './model/schemas.js';
export * from './model/validate.js';
export * from './model/money.js';
export * from './model/normalize.js';
export * from './port/datasource.js';
export * from './store/types.js';
export * from './store/query.js';
export * from './store/moves.js';
export * from './store/store.js';
