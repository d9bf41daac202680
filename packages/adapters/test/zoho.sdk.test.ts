// Fidelity: Zoho's own client, @zohocrm/typescript-sdk-8.0, pointed at the Zoho fake. The SDK
// maps every response through its strict JSON model (config/json_details.json), so a wrong key,
// type or status in the fake shows up here as an SDK exception or a wrong value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ZOHO from '@zohocrm/typescript-sdk-8.0';
import { startZohoFake, type ZohoFake } from '../src/fakes/zoho/server.js';

const {
  Environment, InitializeBuilder, OAuthBuilder, SDKConfigBuilder, LogBuilder, Levels, ParameterMap, HeaderMap, Record: ZRecord,
} = ZOHO as unknown as Record<string, any>;

/** The SDK's TokenStore contract, kept in memory so no token or secret is written to disk. */
class MemoryTokenStore {
  tokens: any[] = [];
  async findToken(token: any) {
    return this.tokens.find((t) => t.getClientId?.() === token.getClientId?.() && t.getRefreshToken?.() === token.getRefreshToken?.()) ?? null;
  }
  async findTokenById(id: string) {
    return this.tokens.find((t) => t.getId?.() === id) ?? null;
  }
  async saveToken(token: any) {
    if (!token.getId?.()) token.setId?.(String(this.tokens.length + 1));
    this.tokens = this.tokens.filter((t) => t.getId?.() !== token.getId?.());
    this.tokens.push(token);
  }
  async deleteToken(id: string) {
    this.tokens = this.tokens.filter((t) => t.getId?.() !== id);
  }
  async getTokens() {
    return this.tokens;
  }
  async deleteTokens() {
    this.tokens = [];
  }
}

let fake: ZohoFake;
let dir: string;
const store = new MemoryTokenStore();

beforeAll(async () => {
  fake = await startZohoFake();
  const accounts = Array.from({ length: 450 }, (_, i) => ({
    Account_Name: `客户 ${String(i + 1).padStart(4, '0')}`, Industry: 'Manufacturing', Employees: 100 + i, Annual_Revenue: 1_000_000 + i,
    Billing_State: '上海', Website: `https://c${i}.example.cn`,
  }));
  fake.org.insert('Accounts', accounts);
  dir = mkdtempSync(join(tmpdir(), 'zoho-sdk-'));
  const env = new Environment(fake.url, `${fake.url}/oauth/v2/token`, `${fake.url}/content`);
  const token = new OAuthBuilder().clientId(fake.client.clientId).clientSecret(fake.client.clientSecret).refreshToken(fake.client.refreshToken).findUser(false).build();
  const sdkConfig = new SDKConfigBuilder().autoRefreshFields(false).pickListValidation(true).build();
  const logger = new LogBuilder().level(Levels.OFF).filePath(join(dir, 'sdk.log')).build();
  await new InitializeBuilder().environment(env).token(token).store(store).SDKConfig(sdkConfig).resourcePath(dir).logger(logger).initialize();
});

afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('@zohocrm/typescript-sdk-8.0 against the Zoho fake', () => {
  it('fetches records across pages with page / per_page, then page_token', async () => {
    const ops = new ZRecord.RecordOperations('Accounts');
    const seen: string[] = [];
    let page = 1;
    let pageToken: string | undefined;
    for (;;) {
      const params = new ParameterMap();
      await params.add(ZRecord.GetRecordsParam.FIELDS, 'Account_Name,Industry,Employees,Modified_Time');
      await params.add(ZRecord.GetRecordsParam.PER_PAGE, 200);
      await params.add(ZRecord.GetRecordsParam.SORT_BY, 'id');
      await params.add(ZRecord.GetRecordsParam.SORT_ORDER, 'asc');
      if (pageToken) await params.add(ZRecord.GetRecordsParam.PAGE_TOKEN, pageToken);
      else await params.add(ZRecord.GetRecordsParam.PAGE, page);
      const response = await ops.getRecords(params, new HeaderMap());
      expect(response.getStatusCode()).toBe(200);
      const body = response.getObject();
      expect(body).toBeInstanceOf(ZRecord.ResponseWrapper);
      for (const rec of body.getData()) {
        seen.push(String(rec.getKeyValue('Account_Name')));
        expect(rec.getKeyValue('Employees')).toBeTypeOf('number');
        expect(rec.getKeyValue('Modified_Time')).toBeInstanceOf(Date);
      }
      const info = body.getInfo();
      if (!info.getMoreRecords()) break;
      // Second page by token, as past 2,000 records: the SDK must send it and read it back.
      pageToken = info.getNextPageToken();
      expect(pageToken).toBeTypeOf('string');
      page += 1;
    }
    expect(seen).toHaveLength(450);
    expect(new Set(seen).size).toBe(450);
    expect(seen[0]).toBe('客户 0001');
    expect(fake.state.log.some((l) => l.query.includes('page_token='))).toBe(true);
  });

  it('updates a record with PUT and reads back the per-record SUCCESS', async () => {
    const [deal] = fake.org.insert('Deals', [{ Deal_Name: 'Pump retrofit', Stage: 'Qualification', Amount: 120000, Closing_Date: '2026-12-31', Probability: 10 }]);
    const ops = new ZRecord.RecordOperations('Deals');
    const rec = new ZRecord.Record();
    rec.setId(BigInt(deal.id));
    rec.addKeyValue('Stage', new ZOHO.Choice('Negotiation/Review'));
    rec.addKeyValue('Amount', 150000.5);
    const body = new ZRecord.BodyWrapper();
    body.setData([rec]);
    const response = await ops.updateRecords(body, new HeaderMap());
    expect(response.getStatusCode()).toBe(200);
    const action = response.getObject();
    expect(action).toBeInstanceOf(ZRecord.ActionWrapper);
    const [result] = action.getData();
    expect(result).toBeInstanceOf(ZRecord.SuccessResponse);
    expect(result.getCode().getValue()).toBe('SUCCESS');
    const details = result.getDetails();
    expect(String(details instanceof Map ? details.get('id') : details.id)).toBe(deal.id);
    const stored = fake.org.module('Deals')!.get(deal.id)!;
    expect(stored.Stage).toBe('Negotiation/Review');
    expect(stored.Amount).toBe(150000.5);
    expect(stored.Probability).toBe(90);
  });

  it('sends If-Modified-Since as the fake expects and gets 304 when nothing changed', async () => {
    const ops = new ZRecord.RecordOperations('Accounts');
    const params = new ParameterMap();
    await params.add(ZRecord.GetRecordsParam.FIELDS, 'Account_Name');
    const headers = new HeaderMap();
    await headers.add(ZRecord.GetRecordsHeader.IF_MODIFIED_SINCE, new Date(Date.now() + 3600_000));
    const response = await ops.getRecords(params, headers);
    expect(response.getStatusCode()).toBe(304);
    expect(fake.state.log.at(-1)?.ifModifiedSince).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
  });

  it('reads the {code, details, message, status} error as an APIException', async () => {
    const ops = new ZRecord.RecordOperations('Accounts');
    const params = new ParameterMap();
    await params.add(ZRecord.GetRecordsParam.FIELDS, 'No_Such_Field');
    const response = await ops.getRecords(params, new HeaderMap());
    expect(response.getStatusCode()).toBe(400);
    const error = response.getObject();
    expect(error).toBeInstanceOf(ZRecord.APIException);
    expect(error.getCode().getValue()).toBe('INVALID_DATA');
    expect(error.getStatus().getValue()).toBe('error');
  });
});
