// Starts the Zoho CRM fake on 127.0.0.1 (a free port unless one is given).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZohoOrg } from './state.js';
import { createZohoHandler, ZohoFakeServerState, zohoError, type ZohoClientCredentials } from './handler.js';

export interface ZohoFakeOptions {
  port?: number;
  clients?: ZohoClientCredentials[];
  tokenTtlSec?: number;
  /** Offset of the org's datetimes. Default `+08:00`. */
  offset?: string;
  now?: () => number;
  /**
   * Runs before the Zoho handler; return true when it answered the request itself (fault
   * injection: 429 bursts, 5xx, HTML pages, truncated bodies, dropped connections).
   */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

export interface ZohoFake {
  /** `http://127.0.0.1:PORT`: the accounts server and the `api_domain` at once. */
  url: string;
  org: ZohoOrg;
  state: ZohoFakeServerState;
  /** The first OAuth client (id, secret, refresh token) the fake accepts. */
  client: ZohoClientCredentials;
  close(): Promise<void>;
}

export const DEFAULT_ZOHO_CLIENT: ZohoClientCredentials = {
  clientId: '1000.KAMKITFAKECLIENT0000000000000',
  clientSecret: 'fake-client-secret-0123456789abcdef',
  refreshToken: '1000.fakerefresh.0123456789abcdef0123456789abcdef',
};

export async function startZohoFake(opts: ZohoFakeOptions = {}): Promise<ZohoFake> {
  const org = new ZohoOrg({ offset: opts.offset, now: opts.now });
  const clients = opts.clients ?? [DEFAULT_ZOHO_CLIENT];
  const state = new ZohoFakeServerState(org, { clients, tokenTtlSec: opts.tokenTtlSec ?? 3600 });
  const handle = createZohoHandler(state);
  const server = createServer((req, res) => {
    void (async () => {
      if (opts.intercept && (await opts.intercept(req, res))) return;
      await handle(req, res);
    })().catch((err: unknown) => {
      if (!res.headersSent) {
        const body = JSON.stringify(zohoError('INTERNAL_ERROR', `fake failed: ${err instanceof Error ? err.message : String(err)}`));
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(body);
      } else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.baseUrl = url;
  return {
    url, org, state, client: clients[0],
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
