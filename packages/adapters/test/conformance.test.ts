// Every adapter passes the same exported conformance suite, over real HTTP against its fake.
import { describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.js';
import { createRestSource } from '../src/rest/index.js';
import { createSalesforceSource } from '../src/salesforce/index.js';
import { startRestFake, startSalesforceFake } from '../src/fakes/index.js';
import { createRelay } from '../src/relay/index.js';
import { createZohoSource } from '../src/zoho/index.js';
import { createKingdeeSource } from '../src/kingdee/index.js';
import { startZohoFake, startKingdeeFake } from '../src/fakes/index.js';

const api = { describe, it, expect: expect as never };
const quickRetries = { backoff: { baseDelayMs: 5, maxDelayMs: 50 } };

runConformance('rest', async (book) => {
  const fake = await startRestFake({ book, token: 'rest-conformance-token' });
  const source = createRestSource({ baseUrl: fake.url, token: 'rest-conformance-token', http: quickRetries });
  return { source, fake, close: () => fake.close() };
}, api, { pageSize: 200 });

runConformance('salesforce', async (book) => {
  const fake = await startSalesforceFake({ book });
  const source = createSalesforceSource({
    loginUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret, refreshToken: fake.refreshToken,
    currency: 'CNY', pipelineId: 'standard', fields: { contractValue: 'Contract_Value__c' }, http: quickRetries,
  });
  return { source, fake, close: () => fake.close() };
}, api, { pageSize: 200, stampResolutionMs: 1000 });

// The production shape: the browser's rest adapter → the relay (holding the credentials) →
// the salesforce adapter → Salesforce. SystemModstamp has whole-second resolution.
runConformance('rest → relay → salesforce', async (book) => {
  const fake = await startSalesforceFake({ book });
  const upstream = createSalesforceSource({
    loginUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret, refreshToken: fake.refreshToken,
    currency: 'CNY', pipelineId: 'standard', http: quickRetries,
  });
  const relay = createRelay({ source: upstream, allowOrigins: ['http://localhost:8000'] });
  const url = await relay.listen();
  const source = createRestSource({ baseUrl: url, http: quickRetries });
  return { source, fake, close: async () => { await relay.close(); await fake.close(); } };
}, api, { pageSize: 200, stampResolutionMs: 1000 });

// Zoho CRM: api_domain from the token response, page / page_token paging, read-compare-write
// preconditions; Modified_Time has whole-second resolution.
runConformance('zoho', async (book) => {
  const fake = await startZohoFake({ book });
  const source = createZohoSource({
    accountsUrl: fake.url, clientId: fake.client.clientId, clientSecret: fake.client.clientSecret, refreshToken: fake.client.refreshToken,
    defaultCurrency: 'CNY', http: quickRetries,
  });
  return { source, fake, close: () => fake.close() };
}, api, { pageSize: 200, stampResolutionMs: 1000 });

// Kingdee K/3 Cloud, once per auth mode: session login (ValidateUser + kdservice-sessionid) and
// per-request signed headers.
runConformance('kingdee (session login)', async (book) => {
  const fake = await startKingdeeFake({ book });
  const source = createKingdeeSource({
    serverUrl: fake.url, acctId: fake.user.acctId, userName: fake.user.userName, auth: { mode: 'password', password: fake.user.password }, http: quickRetries,
  });
  return { source, fake, close: () => fake.close() };
}, api, { pageSize: 200 });

runConformance('kingdee (signed headers)', async (book) => {
  const fake = await startKingdeeFake({ book });
  const source = createKingdeeSource({
    serverUrl: fake.url, acctId: fake.user.acctId, userName: fake.user.userName,
    auth: { mode: 'signed', appId: fake.app.appId, appSecret: fake.app.appSecret }, http: quickRetries,
  });
  return { source, fake, close: () => fake.close() };
}, api, { pageSize: 200 });

// How a browser page reaches Kingdee: rest adapter → relay (holding the app secret) → kingdee.
runConformance('rest → relay → kingdee', async (book) => {
  const fake = await startKingdeeFake({ book });
  const upstream = createKingdeeSource({
    serverUrl: fake.url, acctId: fake.user.acctId, userName: fake.user.userName,
    auth: { mode: 'signed', appId: fake.app.appId, appSecret: fake.app.appSecret }, http: quickRetries,
  });
  const relay = createRelay({ source: upstream, allowOrigins: ['http://localhost:8000'] });
  const url = await relay.listen();
  const source = createRestSource({ baseUrl: url, http: quickRetries });
  return { source, fake, close: async () => { await relay.close(); await fake.close(); } };
}, api, { pageSize: 200 });
