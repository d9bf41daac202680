// The one HTTP layer every adapter talks through (ky underneath). One place decides:
// - what may be repeated (GET, requests marked safe, writes carrying an idempotency key),
// - how long to wait (exponential back-off with jitter; Retry-After; vendor limit signals),
// - when to refresh credentials (401 or a vendor's "session lost", exactly once per request),
// - how a bad answer is named (KamHttpError: vendor, endpoint, status, vendor code, request id).
import ky from 'ky';
import type { KamErrorCode } from '@kamkit/core';
import { KamHttpError, endpointOf, type HttpFailureReason } from './errors.js';
import {
  backoffDelay, defaultErrorDetails, parseRetryAfter, parseSforceLimitInfo,
  type ApiUsage, type BackoffOptions, type VendorErrorDetails,
} from './signals.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Credentials, kept out of the adapters' way: applied to each request, refreshed on demand. */
export interface AuthProvider {
  /** Adds credentials to an outgoing request (e.g. `Authorization`, a session cookie). */
  apply(headers: Headers, request: { method: HttpMethod; url: URL }): void | Promise<void>;
  /** Obtains fresh credentials after the server rejected the session. Throw if it cannot. */
  refresh(signal?: AbortSignal): Promise<void>;
  /** Base URL learned at login (Salesforce `instance_url`, Zoho `api_domain`), overriding the configured one. */
  baseUrl?(): string | undefined;
  /** Called before each request: log in lazily the first time (so the base URL is known). */
  ensure?(signal?: AbortSignal): Promise<void>;
}

/** A vendor's reading of a response whose status alone does not tell (Kingdee MsgCode, Zoho codes, …). */
export type VendorSignal =
  | { kind: 'session_lost'; vendorCode?: string; message?: string }
  | { kind: 'rate_limited'; retryAfterMs?: number; vendorCode?: string; message?: string }
  | {
      kind: 'error'; vendorCode?: string; message?: string; code?: KamErrorCode; status?: number;
      /** Worth trying again later (marks the error; the sync engine reads it). */
      retryable?: boolean;
      /** Try again now, with back-off, if the request is safe to repeat. Default: `retryable`. */
      retryNow?: boolean;
    };

export interface ResponseInfo {
  status: number;
  headers: Headers;
  /** Parsed JSON (or text), undefined when empty. */
  body: unknown;
  method: HttpMethod;
  url: URL;
}

export interface HttpClientOptions {
  /** Short vendor name for errors: `salesforce`, `zoho`, `kingdee`, `rest`. */
  vendor: string;
  /** Base URL requests are resolved against (an AuthProvider's `baseUrl()` wins when it returns one). */
  baseUrl: string;
  /** Per-attempt timeout in ms. Default 30 000. */
  timeoutMs?: number;
  /** Retries after network errors / 5xx / timeouts for safe requests. Default 4. */
  retries?: number;
  /** Retries after 429 or a vendor rate-limit signal. Default 6. */
  rateLimitRetries?: number;
  backoff?: BackoffOptions;
  /** Longest Retry-After we are willing to sleep through (ms); longer fails as rate_limited. Default 60 000. */
  maxRetryAfterMs?: number;
  auth?: AuthProvider;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Header that carries a write's idempotency key (REST: `Idempotency-Key`); unset = not sent. */
  idempotencyHeader?: string;
  /** Response headers holding a request id, first match wins. */
  requestIdHeaders?: string[];
  /** Vendor reading of each parsed response; may turn a 200 into an error, a rate limit or a lost session. */
  inspect?: (info: ResponseInfo) => VendorSignal | undefined;
  /** Vendor code and message from an error body (default understands the common shapes). */
  errorDetails?: (body: unknown, info: ResponseInfo) => VendorErrorDetails;
  /** Called with Salesforce-style API usage whenever a response reports it. */
  onApiUsage?: (usage: ApiUsage) => void;
  /** Refuse new requests once remaining daily API calls fall to this many (leave room for other integrations). */
  apiReserve?: number;
  /** Called before each retry, for logs and progress displays. */
  onRetry?: (info: { endpoint: string; attempt: number; delayMs: number; reason: string }) => void;
  /** Injectable randomness (jitter) and sleep, for deterministic tests. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
}

export interface HttpRequest {
  method?: HttpMethod;
  /** Path relative to the base URL (`/services/data/v62.0/query`) or an absolute URL. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body (serialised here). */
  json?: unknown;
  /** Raw body (form or text). */
  body?: string | URLSearchParams;
  headers?: Record<string, string>;
  /** Marks a write as repeatable and, with `idempotencyHeader`, sends the key. */
  idempotencyKey?: string;
  /** Override whether this request may be repeated (e.g. a POST that only reads). */
  safe?: boolean;
  /** Non-2xx statuses the caller handles itself (e.g. 304, 404, 412): returned, not thrown. */
  accept?: number[];
  /** `json` (default) parses the body; `text` returns it as is. */
  responseType?: 'json' | 'text';
  signal?: AbortSignal;
  /** Skip the AuthProvider (e.g. the token endpoint itself). */
  noAuth?: boolean;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  url: URL;
  requestId?: string;
}

const defaultRequestIdHeaders = ['x-request-id', 'request-id', 'x-correlation-id', 'sforce-request-id', 'x-zcrm-request-id'];

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(signal!.reason); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

type Attempt =
  | { ok: true; response: HttpResponse<unknown> }
  | { ok: false; error: KamHttpError; retry: 'backoff' | 'rate' | 'auth' | 'never'; waitMs?: number };

export class HttpClient {
  readonly vendor: string;
  private readonly opts: HttpClientOptions;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Bumped after each successful refresh so parallel 401s share one refresh. */
  private authGeneration = 0;
  private refreshing?: Promise<void>;
  /** Last API usage a response reported (Salesforce `Sforce-Limit-Info`). */
  apiUsage?: ApiUsage;

  constructor(opts: HttpClientOptions) {
    this.opts = opts;
    this.vendor = opts.vendor;
    this.random = opts.random ?? Math.random;
    this.sleep = opts.sleep ?? defaultSleep;
  }

  get baseUrl(): string {
    return this.opts.auth?.baseUrl?.() || this.opts.baseUrl;
  }

  /** The base URL as a URL; a relative one (`/kam`) resolves against the page, in a browser. */
  private base(): URL {
    const raw = this.baseUrl;
    const page = (globalThis as { location?: { href?: string } }).location?.href;
    try {
      return new URL(raw, page);
    } catch {
      throw new KamHttpError({
        code: 'validation', vendor: this.vendor, endpoint: 'base URL', reason: 'http_status', retryable: false,
        detail: `"${raw.slice(0, 100)}" is not an absolute URL${page ? '' : ' (a relative base URL needs a page to resolve against)'}`,
      });
    }
  }

  get<T = unknown>(path: string, init: Omit<HttpRequest, 'method' | 'path'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>({ ...init, method: 'GET', path });
  }

  post<T = unknown>(path: string, init: Omit<HttpRequest, 'method' | 'path'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>({ ...init, method: 'POST', path });
  }

  patch<T = unknown>(path: string, init: Omit<HttpRequest, 'method' | 'path'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>({ ...init, method: 'PATCH', path });
  }

  put<T = unknown>(path: string, init: Omit<HttpRequest, 'method' | 'path'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>({ ...init, method: 'PUT', path });
  }

  /** Resolves a path against the current base URL (a leading `/` keeps the base URL's own path prefix). */
  url(path: string, query?: HttpRequest['query']): URL {
    let u: URL;
    if (/^https?:\/\//i.test(path)) {
      u = new URL(path);
    } else {
      const base = this.base();
      const prefix = base.pathname.replace(/\/$/, '');
      const q = path.indexOf('?');
      const p = q >= 0 ? path.slice(0, q) : path;
      const rel = p.startsWith('/') ? p : `/${p}`;
      const full = prefix && rel !== prefix && !rel.startsWith(`${prefix}/`) ? prefix + rel : rel;
      u = new URL(base.origin + full + (q >= 0 ? path.slice(q) : ''));
    }
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u;
  }

  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const method = req.method ?? 'GET';
    const safe = req.safe ?? (method === 'GET' || req.idempotencyKey !== undefined);
    const maxRetries = this.opts.retries ?? 4;
    const maxRateRetries = this.opts.rateLimitRetries ?? 6;
    let retries = 0;
    let rateRetries = 0;
    let refreshed = false;
    let attempts = 0;
    for (;;) {
      attempts++;
      const generation = this.authGeneration;
      const result = await this.attempt(method, req, safe, attempts);
      if (result.ok) return result.response as HttpResponse<T>;
      const { error } = result;
      if (result.retry === 'auth' && !refreshed && this.opts.auth && !req.noAuth) {
        refreshed = true;
        await this.refreshOnce(generation, req.signal, error);
        continue;
      }
      let delay: number | undefined;
      if (result.retry === 'rate' && rateRetries < maxRateRetries) {
        rateRetries++;
        delay = result.waitMs ?? backoffDelay(rateRetries, { baseDelayMs: 1000, maxDelayMs: 30_000, ...this.opts.backoff }, this.random);
        if (delay > (this.opts.maxRetryAfterMs ?? 60_000)) throw withAttempts(error, attempts);
      } else if (result.retry === 'backoff' && safe && retries < maxRetries) {
        retries++;
        delay = backoffDelay(retries, this.opts.backoff ?? {}, this.random);
      }
      if (delay === undefined) throw withAttempts(error, attempts);
      this.opts.onRetry?.({ endpoint: error.endpoint, attempt: attempts, delayMs: delay, reason: error.reason });
      try {
        await this.sleep(delay, req.signal);
      } catch (cause) {
        throw this.fail({ method, url: this.url(req.path), reason: 'aborted', code: 'aborted', retryable: false, cause, attempts });
      }
    }
  }

  private async refreshOnce(generation: number, signal: AbortSignal | undefined, original: KamHttpError): Promise<void> {
    if (this.authGeneration !== generation) return; // someone else refreshed while we were in flight
    if (!this.refreshing) {
      this.refreshing = (async () => {
        try {
          await this.opts.auth!.refresh(signal);
          this.authGeneration++;
        } finally {
          this.refreshing = undefined;
        }
      })();
    }
    try {
      await this.refreshing;
    } catch (cause) {
      // Keep what the server said about the session (status, vendor code) and why the refresh failed.
      const inner = cause instanceof KamHttpError ? cause : undefined;
      throw new KamHttpError({
        code: inner?.code === 'network' ? 'network' : 'auth', vendor: this.vendor, endpoint: original.endpoint, reason: 'session_lost',
        status: original.status, vendorCode: original.vendorCode ?? inner?.vendorCode, vendorMessage: original.vendorMessage,
        requestId: original.requestId, retryable: inner?.retryable ?? false, cause,
        detail: `refreshing the credentials failed${inner ? `: ${inner.vendorCode ?? inner.reason}${inner.status ? ` (HTTP ${inner.status})` : ''}` : ''}`,
      });
    }
  }

  private fail(p: {
    method: string; url: URL; reason: HttpFailureReason; code: KamErrorCode; retryable: boolean; status?: number; statusText?: string;
    vendorCode?: string; vendorMessage?: string; requestId?: string; cause?: unknown; detail?: string; retryAfterMs?: number; attempts?: number;
  }): KamHttpError {
    return new KamHttpError({ ...p, vendor: this.vendor, endpoint: endpointOf(p.method, p.url) });
  }

  private async attempt(method: HttpMethod, req: HttpRequest, safe: boolean, attempts: number): Promise<Attempt> {
    if (this.opts.auth?.ensure && !req.noAuth) await this.opts.auth.ensure(req.signal);
    const url = this.url(req.path, req.query);
    if (req.signal?.aborted) {
      return { ok: false, retry: 'never', error: this.fail({ method, url, reason: 'aborted', code: 'aborted', retryable: false, cause: req.signal.reason, attempts }) };
    }
    if (this.opts.apiReserve !== undefined && this.apiUsage && this.apiUsage.remaining <= this.opts.apiReserve) {
      return {
        ok: false, retry: 'never', error: this.fail({
          method, url, reason: 'rate_limited', code: 'rate_limited', retryable: true, vendorCode: 'API_RESERVE_REACHED',
          detail: `${this.apiUsage.remaining} of ${this.apiUsage.max} daily API calls left, reserve is ${this.opts.apiReserve}`,
        }),
      };
    }
    const headers = new Headers(this.opts.headers);
    for (const [k, v] of Object.entries(req.headers ?? {})) headers.set(k, v);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    let body: string | URLSearchParams | undefined = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    if (req.idempotencyKey && this.opts.idempotencyHeader) headers.set(this.opts.idempotencyHeader, req.idempotencyKey);
    if (this.opts.auth && !req.noAuth) {
      // Credentials go only to the origin they were issued for: an absolute URL elsewhere (a
      // forged paging cursor, a redirect in a body) is refused rather than handed a token.
      if (url.origin !== this.base().origin) {
        return {
          ok: false, retry: 'never', error: this.fail({
            method, url: new URL(url.pathname, 'http://x.invalid'), reason: 'http_status', code: 'validation', retryable: false,
            detail: 'refusing to send credentials to a different origin than the base URL',
          }),
        };
      }
      await this.opts.auth.apply(headers, { method, url });
    }

    let res: Response;
    try {
      res = await ky(url, {
        method, headers, body, signal: req.signal, timeout: this.opts.timeoutMs ?? 30_000,
        retry: 0, throwHttpErrors: false, fetch: this.opts.fetch,
      });
    } catch (cause) {
      return this.transportFailure(method, url, cause, req.signal, attempts);
    }
    const requestId = this.requestIdOf(res.headers);
    const usage = parseSforceLimitInfo(res.headers.get('sforce-limit-info'));
    if (usage) {
      this.apiUsage = usage;
      this.opts.onApiUsage?.(usage);
    }

    let text: string;
    try {
      text = await res.text();
    } catch (cause) {
      if (req.signal?.aborted) return this.transportFailure(method, url, cause, req.signal, attempts);
      // The connection died mid-body: the status line arrived, the body did not.
      return {
        ok: false, retry: 'backoff', error: this.fail({
          method, url, reason: 'truncated', code: 'network', retryable: safe, status: res.status, requestId, cause,
          detail: 'connection closed before the body ended',
        }),
      };
    }

    const contentType = res.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    let parseFailure: { reason: HttpFailureReason; detail: string; cause?: unknown } | undefined;
    if (req.responseType !== 'text' && text.length > 0) {
      const head = text.trimStart().slice(0, 1);
      const looksHtml = /text\/html/i.test(contentType) || head === '<';
      if (looksHtml) {
        parseFailure = { reason: 'html_page', detail: htmlTitle(text) ?? 'an HTML page' };
      } else {
        try {
          parsed = JSON.parse(text);
        } catch (cause) {
          const truncated = (head === '{' || head === '[') && /end of (JSON )?(data|input)|Unterminated|Expected .* after/i.test(String((cause as Error).message));
          parseFailure = truncated
            ? { reason: 'truncated', detail: `JSON ended after ${text.length} characters`, cause }
            : { reason: 'malformed_json', detail: String((cause as Error).message).slice(0, 120), cause };
        }
      }
    } else if (text.length === 0) {
      parsed = undefined;
    }

    const info: ResponseInfo = { status: res.status, headers: res.headers, body: parsed, method, url };
    const signal = parseFailure ? undefined : this.opts.inspect?.(info);
    const status = res.status;

    if (status === 401 || signal?.kind === 'session_lost') {
      const d = parseFailure ? {} : this.details(info, signal);
      return {
        ok: false, retry: 'auth', error: this.fail({
          method, url, reason: 'session_lost', code: 'auth', retryable: false, status, requestId,
          vendorCode: d.vendorCode, vendorMessage: d.message,
        }),
      };
    }
    if (status === 429 || signal?.kind === 'rate_limited') {
      const d = parseFailure ? {} : this.details(info, signal);
      const waitMs = (signal?.kind === 'rate_limited' ? signal.retryAfterMs : undefined) ?? parseRetryAfter(res.headers.get('retry-after'));
      return {
        ok: false, retry: 'rate', waitMs, error: this.fail({
          method, url, reason: 'rate_limited', code: 'rate_limited', retryable: true, status, requestId,
          vendorCode: d.vendorCode, vendorMessage: d.message, retryAfterMs: waitMs,
        }),
      };
    }
    const is2xx = status >= 200 && status < 300;
    // A non-2xx whose body is not JSON is an error page from a web server or proxy (a 404 for a
    // mistyped path, a 503 while it restarts): it is reported by its status, not as "malformed JSON".
    const ctype = contentType.split(';')[0].trim();
    const page = !is2xx && parseFailure && parseFailure.reason !== 'truncated' && (status < 500 || parseFailure.reason === 'malformed_json')
      ? { reason: 'http_status' as const, statusText: res.statusText, detail: parseFailure.reason === 'html_page' || /json/i.test(ctype) ? parseFailure.detail : `${ctype || 'untyped'} body` }
      : undefined;
    if (status >= 500 || status === 408) {
      const d = parseFailure ? {} : this.details(info, signal);
      return {
        ok: false, retry: 'backoff', error: this.fail({
          method, url, reason: parseFailure?.reason ?? 'http_status', code: status === 408 ? 'timeout' : 'data_source',
          retryable: safe, status, requestId, vendorCode: d.vendorCode, vendorMessage: d.message, detail: parseFailure?.detail, ...page,
        }),
      };
    }
    if (page) {
      // Never repeated, even when the caller accepts this status: its API answers that with JSON.
      return {
        ok: false, retry: 'never', error: this.fail({ method, url, code: statusCode(status), retryable: false, status, requestId, ...page }),
      };
    }
    const accepted = is2xx || (req.accept?.includes(status) ?? false);
    if (parseFailure) {
      // A 2xx whose body is unusable: corruption on the way (proxy, cut connection); repeatable if safe.
      return {
        ok: false, retry: accepted ? 'backoff' : 'never', error: this.fail({
          method, url, reason: parseFailure.reason, code: 'data_source', retryable: accepted && safe, status, requestId,
          detail: parseFailure.detail, cause: parseFailure.cause,
        }),
      };
    }
    if (signal?.kind === 'error') {
      return {
        ok: false, retry: (signal.retryNow ?? signal.retryable) ? 'backoff' : 'never', error: this.fail({
          method, url, reason: 'vendor_error', code: signal.code ?? 'data_source', retryable: signal.retryable ?? false,
          status: signal.status ?? status, requestId, vendorCode: signal.vendorCode, vendorMessage: signal.message,
        }),
      };
    }
    if (accepted) return { ok: true, response: { status, headers: res.headers, body: parsed, url, requestId } };

    const d = this.details(info, signal);
    return {
      ok: false, retry: 'never', error: this.fail({
        method, url, reason: 'http_status', code: statusCode(status), retryable: false, status, requestId, vendorCode: d.vendorCode, vendorMessage: d.message,
      }),
    };
  }

  private details(info: ResponseInfo, signal: VendorSignal | undefined): VendorErrorDetails {
    const d = (this.opts.errorDetails ?? defaultErrorDetails)(info.body, info);
    return { vendorCode: signal?.vendorCode ?? d.vendorCode, message: signal?.message ?? d.message };
  }

  private requestIdOf(headers: Headers): string | undefined {
    for (const h of this.opts.requestIdHeaders ?? defaultRequestIdHeaders) {
      const v = headers.get(h);
      if (v) return v.slice(0, 128);
    }
    return undefined;
  }

  private transportFailure(method: HttpMethod, url: URL, cause: unknown, signal: AbortSignal | undefined, attempts: number): Attempt {
    const name = (cause as { name?: string } | undefined)?.name;
    if (signal?.aborted) {
      return { ok: false, retry: 'never', error: this.fail({ method, url, reason: 'aborted', code: 'aborted', retryable: false, cause, attempts }) };
    }
    if (name === 'TimeoutError') {
      return {
        ok: false, retry: 'backoff', error: this.fail({
          method, url, reason: 'timeout', code: 'timeout', retryable: true, cause,
          detail: `no answer within ${this.opts.timeoutMs ?? 30_000} ms`,
        }),
      };
    }
    const detail = networkDetail(cause);
    return { ok: false, retry: 'backoff', error: this.fail({ method, url, reason: 'network', code: 'network', retryable: true, cause, detail }) };
  }
}

function statusCode(status: number): KamErrorCode {
  return status === 404 ? 'not_found' : status === 403 ? 'auth' : 'data_source';
}

function withAttempts(e: KamHttpError, attempts: number): KamHttpError {
  if (e.attempts === attempts) return e;
  return new KamHttpError({
    code: e.code, vendor: e.vendor, endpoint: e.endpoint, reason: e.reason, status: e.status, statusText: e.statusText, vendorCode: e.vendorCode,
    vendorMessage: e.vendorMessage, requestId: e.requestId, retryable: e.retryable, retryAfterMs: e.retryAfterMs,
    attempts, cause: e.cause,
  });
}

function networkDetail(cause: unknown): string | undefined {
  const c = cause as { message?: string; cause?: { code?: string; message?: string } } | undefined;
  return c?.cause?.code ?? c?.cause?.message ?? c?.message;
}

function htmlTitle(html: string): string | undefined {
  const m = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(html);
  return m ? `HTML page "${m[1].trim()}"` : undefined;
}
