// `@kamkit/adapters/salesforce`: the Salesforce REST API DataSource.
export { SalesforceSource, createSalesforceSource, type SalesforceSourceOptions } from './adapter.js';
export type { SalesforceFieldOptions } from './mapping.js';
