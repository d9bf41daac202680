// Node companion of sync-100k-idb: starts the Salesforce fake on loopback with 100,000 accounts
// and lets the bench page call it from its own origin, the way an org's CORS allowlist
// (Setup → CORS) does: the allowlisted origin is echoed in Access-Control-Allow-Origin and
// preflights are answered; any other browser origin gets 403 (reference/crm-apis.md §1.7).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { conformanceBook } from '../../packages/adapters/src/conformance/dataset.js';
import { startSalesforceFake } from '../../packages/adapters/src/fakes/salesforce/server.js';

export const ACCOUNTS = 100_000;

/** Puts a CORS allowlist of one origin in front of a node:http server's request handler. */
function allowOrigin(server: Server, origin: string): void {
  const handlers = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const from = req.headers.origin;
    if (from !== undefined) {
      if (from !== origin) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify([{ errorCode: 'FORBIDDEN', message: `Origin ${from} is not on the CORS allowlist` }]));
        return;
      }
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'Sforce-Limit-Info, ETag, Last-Modified, Retry-After');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, PATCH, DELETE, HEAD, OPTIONS',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
          'access-control-max-age': '7200',
        });
        res.end();
        return;
      }
    }
    for (const h of handlers) h.call(server, req, res);
  });
}

export async function start({ origin }: { origin: string }) {
  const book = conformanceBook({ accounts: ACCOUNTS, contacts: 0, opportunities: 0, activities: 0, contracts: 0 });
  const fake = await startSalesforceFake({ book, dailyApiLimit: 10_000_000 });
  allowOrigin(fake.server.server, origin);
  // A fake org's session for a loopback fake: never a real credential.
  return { env: { instanceUrl: fake.url, accessToken: fake.issueToken(), accounts: ACCOUNTS }, stop: () => fake.close() };
}
