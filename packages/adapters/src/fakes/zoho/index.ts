// The Zoho CRM fake (node:http): start it, seed it, inject faults.
export { startZohoFake, DEFAULT_ZOHO_CLIENT, zohoFaultExempt, type ZohoFake, type ZohoFakeOptions } from './server.js';
export { ZohoOrg, DEFAULT_STAGES, ZOHO_FAKE_FIELDS, formatZohoDateTime } from './state.js';
export { seedZohoFromBook, type ZohoIdMap } from './seed.js';
export { ZohoFakeServerState, createZohoHandler, zohoError, type ZohoClientCredentials } from './handler.js';
