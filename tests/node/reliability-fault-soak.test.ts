// Fault soak: 10,000 accounts through each adapter (rest, salesforce, zoho, kingdee) and the core
// sync engine, against its fake with every fault on at once — 30 % 5xx, 429 bursts with
// Retry-After (Kingdee: its HTTP 200 + MsgCode call-limit signal), 5 % malformed JSON bodies,
// bodies cut short, dropped connections, latency spikes and
// 5 % of records in a shape the model refuses. Every good record lands once, every bad one is
// reported by id, nothing is duplicated. The per-adapter fault tests in packages/adapters/test
// cover the outbox drains through the same faults; this file is the read-side soak at full size
// for all four. Loopback only; bounded by seeded faults and capped retries. Retry-After is
// honoured but slept at a fifth of its length (the fake's limit windows are short to match),
// so the file stays quick without switching any fault off.
import { afterEach, describe, expect, it } from 'vitest';
import { Store, type Account, type DataSource } from '@kamkit/core';
import { SyncEngine } from '@kamkit/core/sync';
import {
  conformanceBook, createKingdeeSource, createRestSource, createSalesforceSource, createZohoSource, type HttpClientOptions,
} from '@kamkit/adapters';
import {
  startKingdeeFake, startRestFake, startSalesforceFake, startZohoFake, type FakeHttpServer, type FaultKnobs,
} from '@kamkit/adapters/fakes';
import { expectFaultSyncOutcome } from '../../packages/adapters/test/fault-outcome.js';

const N = 10_000;
// Small pages: 100 requests or more per sync, so every fault kind is drawn many times over.
const PAGE = 100;
const book = conformanceBook({ accounts: N, contacts: 0, opportunities: 0, activities: 0, contracts: 0 });

const FAULTS: FaultKnobs = {
  seed: 20261124,
  errorRate: 0.3,
  malformedJsonRate: 0.05,
  truncatedRate: 0.02,
  dropRate: 0.02,
  invalidRecordRate: 0.05,
  // Latency spikes, shorter than the per-attempt timeout: on a loaded CI machine a timeout near
  // the spike length fires on ordinary requests too (each one a needless retry).
  latencyMs: 2,
  spikeRate: 0.03,
  spikeMs: 400,
  // Retry-After says 1 s (whole seconds); the window is 200 ms and we sleep a fifth of the header.
  rateLimit: { every: 15, windowMs: 200 },
};

interface Run {
  retries: string[];
  http: Partial<HttpClientOptions>;
}

function run(): Run {
  const retries: string[] = [];
  return {
    retries,
    http: {
      retries: 10,
      rateLimitRetries: 10,
      timeoutMs: 5_000,
      backoff: { baseDelayMs: 5, maxDelayMs: 100 },
      // Real back-off and Retry-After arithmetic, slept at a fifth of the length.
      sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, Math.ceil(ms / 5));
        signal?.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); }, { once: true });
      }),
      onRetry: (r) => retries.push(r.reason),
    },
  };
}

interface Adapter {
  name: string;
  start(r: Run): Promise<{ source: DataSource; server: FakeHttpServer; corruptIds(): string[]; pageSize: number; close(): Promise<void> }>;
}

const sortedCorrupt = (server: FakeHttpServer, kind: string, ids: Iterable<string | number>) =>
  [...ids].map(String).filter((id) => server.isCorrupt(kind, id)).sort();

const adapters: Adapter[] = [
  {
    name: 'rest',
    async start({ http }) {
      const fake = await startRestFake({ book });
      fake.setFaults(FAULTS);
      return {
        source: createRestSource({ baseUrl: fake.url, pageSize: PAGE, http }),
        server: fake.server, pageSize: PAGE, close: () => fake.close(),
        corruptIds: () => sortedCorrupt(fake.server, 'accounts', book.accounts.map((a) => a.id)),
      };
    },
  },
  {
    name: 'salesforce',
    async start({ http }) {
      const fake = await startSalesforceFake({ book });
      fake.setFaults(FAULTS);
      return {
        source: createSalesforceSource({
          loginUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret, refreshToken: fake.refreshToken,
          currency: 'CNY', pipelineId: 'standard', pageSize: PAGE, http,
        }),
        server: fake.server, pageSize: PAGE, close: () => fake.close(),
        corruptIds: () => sortedCorrupt(fake.server, 'Account', fake.org.records.get('Account')!.keys()),
      };
    },
  },
  {
    name: 'zoho',
    async start({ http }) {
      const fake = await startZohoFake({ book });
      fake.setFaults(FAULTS);
      return {
        source: createZohoSource({
          accountsUrl: fake.url, clientId: fake.client.clientId, clientSecret: fake.client.clientSecret,
          refreshToken: fake.client.refreshToken, defaultCurrency: 'CNY', http,
        }),
        server: fake.server, pageSize: PAGE, close: () => fake.close(),
        corruptIds: () => sortedCorrupt(fake.server, 'Accounts', fake.org.module('Accounts')!.keys()),
      };
    },
  },
  {
    name: 'kingdee',
    async start({ http }) {
      const fake = await startKingdeeFake({ book });
      // Kingdee's call-limit signal is an HTTP 200 + MsgCode body, not a 429.
      fake.setFaults(FAULTS);
      return {
        source: createKingdeeSource({
          serverUrl: fake.url, acctId: fake.user.acctId, userName: fake.user.userName,
          auth: { mode: 'signed', appId: fake.app.appId, appSecret: fake.app.appSecret }, pageSize: PAGE, http,
        }),
        server: fake.server, pageSize: PAGE, close: () => fake.close(),
        corruptIds: () => sortedCorrupt(fake.server, 'BD_Customer', fake.dc.table('BD_Customer').keys()),
      };
    },
  },
];

let closing: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closing?.();
  closing = undefined;
});

describe('fault soak: 10,000 accounts through each adapter with every fault on', () => {
  for (const adapter of adapters) {
    it(`${adapter.name}: every good record lands once, every bad one is reported, nothing duplicated`, async () => {
      const r = run();
      const { source, server, corruptIds, pageSize, close } = await adapter.start(r);
      closing = close;
      const store = new Store();
      const engine = new SyncEngine({ store, source, pageSize, retry: { max: 20, baseMs: 5, capMs: 50 } });
      const report = await engine.syncChanges({ kinds: ['accounts'] });

      const bad = corruptIds();
      const { loaded } = expectFaultSyncOutcome({ store, report, bad, total: N, seeded: book.accounts as readonly Account[] });
      expect(loaded.length).toBe(N - bad.length);
      expect(report.stamps.accounts).toBeDefined();

      // Every kind of fault really happened, and the HTTP layer recovered from each.
      const f = server.stats.faults;
      expect(f.error, '5xx answers').toBeGreaterThan(5);
      expect(f.rate_limited, 'rate-limit bursts').toBeGreaterThan(0);
      expect(f.malformed + f.truncated, 'broken bodies').toBeGreaterThan(0);
      expect(f.dropped, 'dropped connections').toBeGreaterThan(0);
      expect(f.spike, 'latency spikes').toBeGreaterThan(0);
      expect(r.retries).toContain('rate_limited');
      expect(r.retries.length).toBeGreaterThanOrEqual(f.error);
    }, 60_000);
  }
});
