export * from './server.js';
export { SalesforceOrg, type SObject } from './org.js';
export { parseSoql, SoqlError, type SoqlQuery } from './soql.js';
