// `@kamkit/adapters/zoho`: the Zoho CRM v8 DataSource.
export { ZohoSource, createZohoSource, zohoIfModifiedSince, type ZohoSourceOptions } from './adapter.js';
export { pipelinesFromZoho, fromZoho, patchToZoho, DEFAULT_PIPELINE_ID as ZOHO_DEFAULT_PIPELINE_ID, type ZohoMappingContext } from './mapping.js';
export { ZOHO_FIELDS, ZOHO_MODULES, type ZohoRecord, type ZohoError, type ZohoActionResult, type ZohoPipeline, type ZohoField } from './wire.js';
