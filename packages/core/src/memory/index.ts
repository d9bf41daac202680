// @kamkit/core/memory — a DataSource over records held in memory: tests, demos, stories, and Node
// jobs over a book already in hand. Same contract as every adapter (paging, changes, writes with
// preconditions and stage-move rules).
export * from '../port/memory-source.js';
