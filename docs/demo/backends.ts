// Node side of the demo: the vendor fakes on loopback, each behind a relay that holds the
// vendor credentials, so the page reaches Salesforce, Zoho or Kingdee through the rest adapter
// exactly as a production page reaches the company's relay. Loaded by scripts/start.mjs.
import type { DataSource } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import { createSalesforceSource } from '@kamkit/adapters/salesforce';
import { createZohoSource } from '@kamkit/adapters/zoho';
import { createKingdeeSource } from '@kamkit/adapters/kingdee';
import { createRestSource } from '@kamkit/adapters/rest';
import { startSalesforceFake, startRestFake, startZohoFake, startKingdeeFake } from '@kamkit/adapters/fakes';
import { createRelay } from '@kamkit/adapters/relay';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Vendor = 'salesforce' | 'zoho' | 'kingdee' | 'rest';

export const vendors: readonly Vendor[] = ['salesforce', 'zoho', 'kingdee', 'rest'];

export interface DemoBackends {
  /**
   * The relay for each vendor, mounted at `/relay/<vendor>` in the demo's own server (same
   * origin as the page: no CORS); a node:http listener.
   */
  relays: Record<Vendor, (req: IncomingMessage, res: ServerResponse) => void>;
  /** The fakes' own URLs, for the terminal. */
  fakes: Record<Vendor, string>;
  close(): Promise<void>;
}

/**
 * Starts the four fakes seeded with the sample book and a relay in front of each vendor
 * adapter. `allowOrigins` is read on every request, so the caller may add the page's origin
 * once its server knows its port.
 */
export async function startDemoBackends(opts: { allowOrigins: string[] }): Promise<DemoBackends> {
  // The same seed as the embedded default: the same accounts whichever path the page takes.
  const book = generateSampleBook({ seed: 1 });
  const [sf, zoho, kd, rest] = await Promise.all([
    startSalesforceFake({ book }),
    startZohoFake({ book }),
    startKingdeeFake({ book }),
    startRestFake({ book, token: 'demo-rest-token' }),
  ]);
  const upstreams: Record<Vendor, DataSource> = {
    salesforce: createSalesforceSource({
      loginUrl: sf.url, clientId: sf.clientId, clientSecret: sf.clientSecret, refreshToken: sf.refreshToken,
      currency: 'CNY', pipelineId: 'standard', fields: { tier: 'KAM_Tier__c' },
    }),
    zoho: createZohoSource({
      accountsUrl: zoho.url, clientId: zoho.client.clientId, clientSecret: zoho.client.clientSecret, refreshToken: zoho.client.refreshToken,
      defaultCurrency: 'CNY', tierField: 'KAM_Tier',
    }),
    kingdee: createKingdeeSource({
      serverUrl: kd.url, acctId: kd.user.acctId, userName: kd.user.userName,
      auth: { mode: 'signed', appId: kd.app.appId, appSecret: kd.app.appSecret }, tierKey: 'F_KAM_Tier',
    }),
    rest: createRestSource({ baseUrl: rest.url, token: 'demo-rest-token' }),
  };
  const relays = {} as DemoBackends['relays'];
  for (const vendor of vendors) {
    const relay = createRelay({
      source: upstreams[vendor], allowOrigins: opts.allowOrigins, basePath: `/relay/${vendor}`,
      // Server-side log only: the browser gets a safe problem+json answer.
      onError: (err) => console.error(`[relay ${vendor}]`, err instanceof Error ? err.message : err),
    });
    relays[vendor] = relay.handle;
  }
  const closers = [() => sf.close(), () => zoho.close(), () => kd.close(), () => rest.close()];
  return {
    relays,
    fakes: { salesforce: sf.url, zoho: zoho.url, kingdee: kd.url, rest: rest.url },
    async close() { await Promise.allSettled(closers.map((c) => c())); },
  };
}
