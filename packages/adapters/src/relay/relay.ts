// The relay: a small node:http server that speaks the KAM Kit REST contract to browsers and
// forwards to any DataSource (Salesforce, Zoho, Kingdee, …) on the server, so vendor
// credentials never reach a page and no vendor CORS allowlist is needed. No framework: mount
// `relay.handle` in an existing server, or let `relay.listen()` start one.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from '@kamkit/core';
import { createContractHandler, PROBLEM_JSON, type ContractHandlerOptions } from './contract.js';

export interface RelayOptions {
  /** The vendor DataSource the relay forwards to (holds the credentials). */
  source: DataSource;
  /**
   * Origins allowed to call from a browser, exactly (`https://intranet.example.com`) or with a
   * leading wildcard label (`https://*.example.com`). Requests from other origins are refused
   * with 403; requests with no Origin (server to server) are allowed.
   */
  allowOrigins: string[];
  /** Let browsers send cookies (the host app's session) with cross-origin calls. Default false. */
  allowCredentials?: boolean;
  /** Where the contract is mounted. Default `/kam`. */
  basePath?: string;
  /** Decide whether a request may use the relay (check the host app's session here). */
  authenticate?: (req: IncomingMessage) => boolean | Promise<boolean>;
  /** Refuse writes (a read-only dashboard relay). */
  readOnly?: boolean;
  /** Largest request body accepted. Default 1 MB. */
  maxBodyBytes?: number;
  /** Server-side log of upstream failures (the answer to the browser is already safe). */
  onError?: ContractHandlerOptions['onError'];
  /** Idempotency-Key replay store size. Default 10 000. */
  idempotencyCapacity?: number;
}

export interface Relay {
  /** A node:http request listener: `createServer(relay.handle)` or mount it under your router. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Starts a server (default 127.0.0.1, a free port) and resolves with its base URL (including the base path). */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  readonly server?: Server;
}

const ALLOWED_METHODS = 'GET, POST, PATCH, OPTIONS';
const ALLOWED_HEADERS = 'authorization, content-type, if-match, idempotency-key';
const EXPOSED_HEADERS = 'etag, retry-after, idempotent-replayed';

function originAllowed(origin: string, allow: string[]): boolean {
  for (const pattern of allow) {
    if (pattern === origin) return true;
    const m = /^(https?:\/\/)\*\.(.+)$/.exec(pattern);
    if (m && origin.startsWith(m[1]) && origin.slice(m[1].length).endsWith(`.${m[2]}`)) return true;
  }
  return false;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...headers,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function problem(res: ServerResponse, status: number, code: string, title: string, detail: string, headers: Record<string, string> = {}): void {
  send(res, status, { ...headers, 'content-type': PROBLEM_JSON }, { type: `https://kamkit.dev/problems/${code.replace(/_/g, '-')}`, title, status, code, detail });
}

export function createRelay(opts: RelayOptions): Relay {
  const basePath = (opts.basePath ?? '/kam').replace(/\/$/, '');
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const contract = createContractHandler(opts.source, { onError: opts.onError, idempotencyCapacity: opts.idempotencyCapacity });
  let server: Server | undefined;

  async function handleAsync(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const cors: Record<string, string> = { vary: 'Origin' };
    if (origin) {
      if (!originAllowed(origin, opts.allowOrigins)) {
        problem(res, 403, 'origin_not_allowed', 'Origin not allowed', `${origin} is not on this relay's allowlist`, cors);
        return;
      }
      cors['access-control-allow-origin'] = origin;
      cors['access-control-expose-headers'] = EXPOSED_HEADERS;
      if (opts.allowCredentials) cors['access-control-allow-credentials'] = 'true';
    }
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      problem(res, 404, 'not_found', 'Not found', `nothing at ${url.pathname}`, cors);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      send(res, 204, {
        ...cors, 'access-control-allow-methods': opts.readOnly ? 'GET, OPTIONS' : ALLOWED_METHODS,
        'access-control-allow-headers': ALLOWED_HEADERS, 'access-control-max-age': '600',
      });
      return;
    }
    if (opts.authenticate && !(await opts.authenticate(req))) {
      problem(res, 401, 'unauthorized', 'Not signed in', 'this relay needs an authenticated session', cors);
      return;
    }
    if (opts.readOnly && method !== 'GET') {
      problem(res, 405, 'read_only', 'Read-only relay', 'this relay does not accept writes', { ...cors, allow: 'GET, OPTIONS' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        problem(res, 413, 'body_too_large', 'Request body too large', `the limit is ${maxBody} bytes`, cors);
        req.destroy();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    // A browser that goes away (navigation, abort) cancels the upstream call too.
    const upstream = new AbortController();
    res.on('close', () => { if (!res.writableEnded) upstream.abort(); });
    const answer = await contract({
      method, path: url.pathname.slice(basePath.length) || '/', query: url.searchParams,
      headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), signal: upstream.signal,
    });
    if (res.destroyed) return;
    send(res, answer.status, { ...cors, ...answer.headers }, answer.body);
  }

  const relay: Relay = {
    handle(req, res) {
      handleAsync(req, res).catch((e) => {
        opts.onError?.(e, { method: req.method ?? 'GET', path: req.url ?? '/', query: new URLSearchParams(), headers: req.headers, body: '' });
        if (!res.headersSent) problem(res, 500, 'internal', 'Relay error', 'an unexpected error occurred; see the relay log');
        else res.destroy();
      });
    },
    async listen(port = 0, host = '127.0.0.1') {
      server = createServer(relay.handle);
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolve());
      });
      const addr = server.address() as AddressInfo;
      return `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}${basePath}`;
    },
    async close() {
      if (!server) return;
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
    get server() {
      return server;
    },
  };
  return relay;
}
