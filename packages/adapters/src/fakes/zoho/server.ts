// Starts the Zoho CRM fake on 127.0.0.1 on the shared fake-server scaffolding (fault knobs,
// request log, one-shot queued answers and dropped connections).
import type { Book } from '@kamkit/core';
import { startFakeServer, type FakeHttpServer, type FakeRequest, type FakeStats, type FaultKnobs } from '../shared/server.js';
import type { ConformanceFake } from '../../conformance/suite.js';
import { ZohoOrg } from './state.js';
import { seedZohoFromBook, type ZohoIdMap } from './seed.js';
import { createZohoHandler, ZohoFakeServerState, zohoError, type ZohoClientCredentials } from './handler.js';

export interface ZohoFakeOptions {
  clients?: ZohoClientCredentials[];
  tokenTtlSec?: number;
  /** Offset of the org's datetimes. Default `+08:00`. */
  offset?: string;
  now?: () => number;
  faults?: FaultKnobs;
  /** Loads this book (first pipeline → Stage picklist; records → modules). */
  book?: Book;
  /** False: a single-currency org, without Currency / Exchange_Rate fields. Default true. */
  multiCurrency?: boolean;
}

export interface ZohoFake extends ConformanceFake {
  /** `http://127.0.0.1:PORT`: the accounts server and the `api_domain` at once. */
  url: string;
  org: ZohoOrg;
  state: ZohoFakeServerState;
  /** The shared scaffolding: `setFaults`, `queueResponse`, `queueDropAfterHandling`, `stats`, `log`. */
  server: FakeHttpServer;
  /** The first OAuth client (id, secret, refresh token) the fake accepts. */
  client: ZohoClientCredentials;
  /** Book ids → Zoho ids when started with a book. */
  ids?: ZohoIdMap;
  close(): Promise<void>;
}

export const DEFAULT_ZOHO_CLIENT: ZohoClientCredentials = {
  clientId: '1000.KAMKITFAKECLIENT0000000000000',
  clientSecret: 'fake-client-secret-0123456789abcdef',
  refreshToken: '1000.fakerefresh.0123456789abcdef0123456789abcdef',
};

/** Requests the fault knobs leave alone: the token endpoint and metadata (faults there only test the test). */
export const zohoFaultExempt = (r: FakeRequest): boolean => r.path === '/oauth/v2/token' || r.path.includes('/settings/');

export async function startZohoFake(opts: ZohoFakeOptions = {}): Promise<ZohoFake> {
  const org = new ZohoOrg({ offset: opts.offset, now: opts.now });
  const clients = opts.clients ?? [DEFAULT_ZOHO_CLIENT];
  const state = new ZohoFakeServerState(org, { clients, tokenTtlSec: opts.tokenTtlSec ?? 3600 });
  const server = await startFakeServer(createZohoHandler(state), {
    faults: opts.faults,
    exempt: zohoFaultExempt,
    faultBodies: {
      serverError: (status) => ({ status, body: zohoError('INTERNAL_ERROR', 'Internal Server Error') }),
      rateLimited: () => ({ status: 429, body: zohoError('TOO_MANY_REQUESTS', 'The number of requests has exceeded the concurrency limit') }),
    },
  });
  state.baseUrl = server.url;
  state.singleCurrency = opts.multiCurrency === false;
  state.isCorrupt = (module, id) => server.isCorrupt(module, id);
  const ids = opts.book ? seedZohoFromBook(org, opts.book) : undefined;
  return {
    url: server.url, org, state, server, client: clients[0], ids,
    close: () => server.close(),
    get stats(): FakeStats { return server.stats; },
    setFaults: (k) => server.setFaults(k),
    rejectNextWrite() {
      state.rejectNext = { code: 'INVALID_DATA', message: 'invalid data', apiName: 'Account_Name' };
      return 'INVALID_DATA';
    },
    dropNextWriteResponse() {
      server.queueDropAfterHandling((r) => (r.method === 'PUT' || r.method === 'POST') && r.path.startsWith('/crm/'));
    },
    corrupt(kind, count) {
      const found = [...org.module(kind === 'accounts' ? 'Accounts' : 'Deals')!.keys()].slice(0, count);
      for (const id of found) state.corruptIds.add(id);
      return found;
    },
    writesApplied: () => state.writesApplied,
  };
}
