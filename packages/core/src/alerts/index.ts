// @kamkit/core/alerts — alert rules, evaluation, next best actions.
export * from './rules.js';
export * from './defaults.js';
export * from './evaluate.js';
export * from './nba-rules.js';
export * from './nba.js';
