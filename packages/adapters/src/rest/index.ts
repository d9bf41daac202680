// `@kamkit/adapters/rest`: the REST-contract DataSource, loadable on its own (browser-safe).
export { RestSource, createRestSource, type RestSourceOptions } from './adapter.js';
export { createFieldMapper, type FieldMapping, type FieldRule, type FieldMapper } from '../mapping/field-map.js';
