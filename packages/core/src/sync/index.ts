// @kamkit/core/sync — the offline outbox: storage contract, retry policy, sync engine.
export * from './outbox-storage.js';
export * from './retry.js';
export * from './engine.js';
