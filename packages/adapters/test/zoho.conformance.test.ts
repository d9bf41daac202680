// The shared adapter conformance suite, run against the Zoho adapter over real HTTP.
import { describe, expect, it } from 'vitest';
import { runConformance } from '../src/conformance/index.js';
import { createZohoSource } from '../src/zoho/adapter.js';
import { startZohoFake } from '../src/fakes/zoho/server.js';
import { seedZohoFromBook } from '../src/fakes/zoho/seed.js';

runConformance('zoho', async (book) => {
  const fake = await startZohoFake();
  seedZohoFromBook(fake.org, book);
  const source = createZohoSource({
    accountsUrl: fake.url, clientId: fake.client.clientId, clientSecret: fake.client.clientSecret, refreshToken: fake.client.refreshToken,
    defaultCurrency: 'CNY', http: { sleep: async () => {} },
  });
  return {
    source,
    close: () => fake.close(),
    fake: {
      url: fake.url,
      get stats() { return fake.server.stats; },
      setFaults: (k) => fake.server.setFaults(k),
      rejectNextWrite() {
        fake.state.rejectNext = { code: 'INVALID_DATA', message: 'invalid data', apiName: 'Account_Name' };
        return 'INVALID_DATA';
      },
      dropNextWriteResponse() {
        fake.server.queueDropAfterHandling((r) => r.method === 'PUT' || r.method === 'POST');
      },
      corrupt(kind, count) {
        const module = kind === 'accounts' ? 'Accounts' : 'Deals';
        const ids = [...fake.org.module(module)!.keys()].slice(0, count);
        for (const id of ids) fake.state.corruptIds.add(id);
        return ids;
      },
      writesApplied: () => fake.state.writesApplied,
    },
  };
}, { describe, it, expect: expect as never }, { stampResolutionMs: 1000 });
