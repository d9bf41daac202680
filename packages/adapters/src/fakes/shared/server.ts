// The scaffolding every vendor fake stands on: a node:http server on 127.0.0.1 (port 0), a
// request/response shape that keeps vendor code small, and fault knobs that misbehave the way
// real networks and vendors do — deterministically for a given seed, and bounded (request
// bodies, latency, logs and caches all have caps).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { hashUnit, seededRandom } from './random.js';

export interface RateLimitKnob {
  /** Every Nth request opens a limit window. */
  every: number;
  /** How long the window stays shut (ms); requests inside it get 429. Rounded up to whole seconds in Retry-After. */
  windowMs: number;
  /** Send Retry-After as delta seconds (default) or as an HTTP date. */
  retryAfter?: 'seconds' | 'date';
}

export interface FaultKnobs {
  /** Seed for every random draw. Default 1. */
  seed?: number;
  /** Fraction of requests answered with a 5xx (500 / 502 / 503). */
  errorRate?: number;
  /** Added to every answer (ms). */
  latencyMs?: number;
  /** Fraction of answers delayed by `spikeMs` more. */
  spikeRate?: number;
  spikeMs?: number;
  /** 429 bursts with Retry-After. */
  rateLimit?: RateLimitKnob;
  /** Fraction of JSON answers whose body is corrupted (still 200, still `application/json`). */
  malformedJsonRate?: number;
  /** Fraction of requests answered by an HTML error page (502 from a "gateway"). */
  htmlErrorRate?: number;
  /** Fraction of JSON answers cut off half-way (Content-Length promises more, then the socket closes). */
  truncatedRate?: number;
  /** Fraction of requests whose connection is destroyed before any answer. */
  dropRate?: number;
  /** Fraction of records served that violate the schema (chosen by id, stable across reads). */
  invalidRecordRate?: number;
}

export type FaultKind = 'error' | 'rate_limited' | 'malformed' | 'html' | 'truncated' | 'dropped' | 'spike';

export interface FakeRequest {
  method: string;
  url: URL;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** Parses the body as JSON; throws a 400-worthy error if it is not. */
  json<T = unknown>(): T;
  /** Parses a form-encoded body. */
  form(): URLSearchParams;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON (`application/json`) unless `text` is given. */
  body?: unknown;
  text?: string;
}

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** Vendor-shaped answers for the injected faults (Salesforce error arrays, problem+json, …). */
export interface FaultBodies {
  serverError?(status: number): FakeResponse;
  rateLimited?(retryAfterHeader: string, retryAfterMs: number): FakeResponse;
}

export interface FakeServerOptions {
  faults?: FaultKnobs;
  /** Requests the faults never touch (e.g. the token endpoint, metadata). */
  exempt?: (req: FakeRequest) => boolean;
  faultBodies?: FaultBodies;
  /** Request bodies above this are refused with 413. Default 5 MB. */
  maxBodyBytes?: number;
  /** Headers added to every answer (e.g. `Sforce-Limit-Info`). */
  headers?: (req: FakeRequest) => Record<string, string>;
  /** Entries kept in the request log. Default 500. */
  logSize?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  fault?: FaultKind;
}

export interface FakeStats {
  requests: number;
  faults: Record<FaultKind, number>;
}

const MAX_LATENCY_MS = 10_000;

const emptyFaults = (): Record<FaultKind, number> => ({ error: 0, rate_limited: 0, malformed: 0, html: 0, truncated: 0, dropped: 0, spike: 0 });

export class FakeHttpServer {
  readonly server: Server;
  url = '';
  port = 0;
  stats: FakeStats = { requests: 0, faults: emptyFaults() };
  readonly log: LoggedRequest[] = [];
  private knobs: FaultKnobs = {};
  private random: () => number = seededRandom(1);
  private limitedUntil = 0;
  private faultedRequests = 0;
  private readonly queued: Array<{ match: (r: FakeRequest) => boolean; response: FakeResponse }> = [];
  private readonly drops: Array<(r: FakeRequest) => boolean> = [];
  private readonly sockets = new Set<Socket>();

  constructor(private readonly handler: FakeHandler, private readonly opts: FakeServerOptions = {}) {
    this.setFaults(opts.faults ?? {});
    this.server = createServer((req, res) => { void this.handle(req, res); });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.keepAliveTimeout = 5_000;
  }

  /** Starts listening on 127.0.0.1 on a free port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get faults(): Readonly<FaultKnobs> {
    return this.knobs;
  }

  /** Replaces the fault knobs and restarts the random sequence from their seed. */
  setFaults(knobs: FaultKnobs): void {
    this.knobs = { ...knobs };
    this.random = seededRandom(knobs.seed ?? 1);
    this.limitedUntil = 0;
    this.faultedRequests = 0;
  }

  resetStats(): void {
    this.stats = { requests: 0, faults: emptyFaults() };
    this.log.length = 0;
  }

  /** Answers the next request that matches with `response` instead of the handler (one-shot). */
  queueResponse(match: (r: FakeRequest) => boolean, response: FakeResponse): void {
    this.queued.push({ match, response });
  }

  /** The next request that matches is handled (its effects happen), then its connection is cut before the answer. */
  queueDropAfterHandling(match: (r: FakeRequest) => boolean): void {
    this.drops.push(match);
  }

  /** Whether a record id is one the `invalidRecordRate` knob corrupts (stable for a seed). */
  isCorrupt(kind: string, id: string): boolean {
    const rate = this.knobs.invalidRecordRate ?? 0;
    return rate > 0 && hashUnit(this.knobs.seed ?? 1, `${kind}:${id}`) < rate;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let request: FakeRequest;
    try {
      request = await readRequest(req, this.opts.maxBodyBytes ?? 5 * 1024 * 1024);
    } catch (e) {
      this.send(res, { method: req.method ?? 'GET', path: req.url ?? '/' } as FakeRequest, { status: 413, body: { message: String((e as Error).message) } });
      return;
    }
    this.stats.requests++;
    try {
      const queued = this.queued.findIndex((q) => q.match(request));
      if (queued >= 0) {
        const [q] = this.queued.splice(queued, 1);
        this.send(res, request, q.response);
        return;
      }
      const exempt = this.opts.exempt?.(request) ?? false;
      const k = this.knobs;
      let fault: FaultKind | undefined;
      if (!exempt) {
        // One draw per knob, in a fixed order, so a seed replays the same story.
        const draw = () => this.random();
        const drop = draw() < (k.dropRate ?? 0);
        const error = draw() < (k.errorRate ?? 0);
        const html = draw() < (k.htmlErrorRate ?? 0);
        const malformed = draw() < (k.malformedJsonRate ?? 0);
        const truncated = draw() < (k.truncatedRate ?? 0);
        const spike = draw() < (k.spikeRate ?? 0);
        const statusPick = draw();
        const latency = Math.min(MAX_LATENCY_MS, (k.latencyMs ?? 0) + (spike ? (k.spikeMs ?? 0) : 0));
        if (spike) this.stats.faults.spike++;
        if (latency > 0) await delay(latency);

        this.faultedRequests++;
        const rl = k.rateLimit;
        const now = Date.now();
        if (rl && (now < this.limitedUntil || (rl.every > 0 && this.faultedRequests % rl.every === 0))) {
          if (now >= this.limitedUntil) this.limitedUntil = now + rl.windowMs;
          const waitMs = this.limitedUntil - now;
          const header = rl.retryAfter === 'date'
            ? new Date(Math.ceil(this.limitedUntil / 1000) * 1000).toUTCString()
            : String(Math.max(1, Math.ceil(waitMs / 1000)));
          const answer = this.opts.faultBodies?.rateLimited?.(header, waitMs)
            ?? { status: 429, body: { message: 'Too many requests' } };
          this.stats.faults.rate_limited++;
          this.send(res, request, { ...answer, headers: { ...answer.headers, 'retry-after': header } }, 'rate_limited');
          return;
        }
        if (drop) {
          this.stats.faults.dropped++;
          this.record(request, 0, 'dropped');
          req.socket.destroy();
          return;
        }
        if (error) {
          const status = statusPick < 0.5 ? 500 : statusPick < 0.8 ? 503 : 502;
          this.stats.faults.error++;
          this.send(res, request, this.opts.faultBodies?.serverError?.(status) ?? { status, body: { message: 'Internal server error' } }, 'error');
          return;
        }
        if (html) {
          this.stats.faults.html++;
          this.send(res, request, { status: 502, headers: { 'content-type': 'text/html; charset=utf-8' }, text: HTML_502 }, 'html');
          return;
        }
        if (malformed) fault = 'malformed';
        else if (truncated) fault = 'truncated';
      }
      const response = await this.handler(request);
      const dropAt = this.drops.findIndex((m) => m(request));
      if (dropAt >= 0) {
        this.drops.splice(dropAt, 1);
        this.stats.faults.dropped++;
        this.record(request, 0, 'dropped');
        req.socket.destroy();
        return;
      }
      const jsonBody = response.text === undefined && response.body !== undefined;
      if (fault && jsonBody && response.status >= 200 && response.status < 300) {
        this.stats.faults[fault]++;
        const text = JSON.stringify(response.body);
        if (fault === 'malformed') {
          this.send(res, request, { ...response, text: corrupt(text), headers: { ...response.headers, 'content-type': 'application/json;charset=UTF-8' } }, 'malformed');
        } else {
          this.sendTruncated(res, request, response, text);
        }
        return;
      }
      this.send(res, request, response);
    } catch (e) {
      const status = (e as { status?: number }).status ?? 500;
      this.send(res, request, { status, body: { message: (e as Error).message } });
    }
  }

  private record(req: FakeRequest, status: number, fault?: FaultKind): void {
    this.log.push({ method: req.method, path: req.path, status, fault });
    if (this.log.length > (this.opts.logSize ?? 500)) this.log.splice(0, this.log.length - (this.opts.logSize ?? 500));
  }

  private headersFor(req: FakeRequest, response: FakeResponse, text: string, isJson: boolean): Record<string, string> {
    return {
      ...(isJson ? { 'content-type': 'application/json;charset=UTF-8' } : {}),
      ...(req.url ? this.opts.headers?.(req) : {}),
      ...response.headers,
      'content-length': String(Buffer.byteLength(text)),
    };
  }

  private send(res: ServerResponse, req: FakeRequest, response: FakeResponse, fault?: FaultKind): void {
    const isJson = response.text === undefined && response.body !== undefined;
    const text = response.text ?? (response.body === undefined ? '' : JSON.stringify(response.body));
    this.record(req, response.status, fault);
    res.writeHead(response.status, this.headersFor(req, response, text, isJson));
    res.end(text);
  }

  private sendTruncated(res: ServerResponse, req: FakeRequest, response: FakeResponse, text: string): void {
    this.record(req, response.status, 'truncated');
    res.writeHead(response.status, this.headersFor(req, response, text, true));
    const bytes = Buffer.from(text);
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
  }
}

/** Starts a fake on 127.0.0.1:0. */
export function startFakeServer(handler: FakeHandler, opts: FakeServerOptions = {}): Promise<FakeHttpServer> {
  return new FakeHttpServer(handler, opts).listen();
}

/** An error a handler can throw to answer with a status. */
export class FakeHttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function readRequest(req: IncomingMessage, maxBytes: number): Promise<FakeRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(new Error(`request body larger than ${maxBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('error', reject);
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      resolve({
        method: (req.method ?? 'GET').toUpperCase(),
        url,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        json<T>() {
          try {
            return JSON.parse(body) as T;
          } catch {
            throw new FakeHttpError(400, 'request body is not valid JSON');
          }
        },
        form() {
          return new URLSearchParams(body);
        },
      });
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Breaks JSON the way broken middleware does: a stray byte in the middle. */
function corrupt(text: string): string {
  const at = Math.max(1, Math.floor(text.length / 3));
  return `${text.slice(0, at)}\u0000}{${text.slice(at)}`;
}

const HTML_502 = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><h1>Bad Gateway</h1><p>The upstream server returned an invalid response.</p><hr><address>nginx</address></body></html>
`;
