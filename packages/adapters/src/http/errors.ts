// The one error type every adapter's HTTP traffic ends in. It names the vendor, the endpoint
// (method + path, never the query string: SOQL filters, tokens and signatures live there), the
// status, the vendor's own error code and the request id, and says whether trying again later
// can help. It never carries a header, a token, a password or a request body.
import { KamError, type KamErrorCode } from '@kamkit/core';

/** Why a response could not be used, beyond its status. */
export type HttpFailureReason =
  | 'http_status'     // a non-2xx status with a readable body
  | 'malformed_json'  // the body claimed to be JSON and was not
  | 'html_page'       // an HTML error page (proxy, gateway, login page) where JSON was expected
  | 'truncated'       // the body ended early (connection cut mid-body, or JSON cut short)
  | 'network'         // the connection failed or was dropped
  | 'timeout'         // no answer within the timeout
  | 'aborted'         // the caller's AbortSignal fired
  | 'rate_limited'    // 429 or a vendor limit signal, retries exhausted or wait too long
  | 'session_lost'    // 401 / session expired and one refresh did not help
  | 'vendor_error';   // a 2xx envelope that carries a vendor error (Kingdee, Zoho multi-status)

export interface KamHttpErrorInit {
  code: KamErrorCode;
  vendor: string;
  /** `METHOD /path` with no query string. */
  endpoint: string;
  reason: HttpFailureReason;
  status?: number;
  /** The status line's reason phrase (`Not Found`), when the server sent one. */
  statusText?: string;
  vendorCode?: string;
  vendorMessage?: string;
  requestId?: string;
  retryable: boolean;
  /** How long the server asked us to wait, when it said (Retry-After). */
  retryAfterMs?: number;
  attempts?: number;
  cause?: unknown;
  /** Extra words for the message (never a secret). */
  detail?: string;
}

export class KamHttpError extends KamError {
  readonly vendor: string;
  readonly endpoint: string;
  readonly reason: HttpFailureReason;
  readonly status?: number;
  readonly statusText?: string;
  readonly vendorCode?: string;
  readonly vendorMessage?: string;
  readonly requestId?: string;
  /** True when the same request may succeed if tried again later (the sync engine's cue). */
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  /** Attempts made before giving up. */
  readonly attempts: number;

  constructor(init: KamHttpErrorInit) {
    super(init.code, composeMessage(init), { cause: init.cause });
    this.name = 'KamHttpError';
    this.vendor = init.vendor;
    this.endpoint = init.endpoint;
    this.reason = init.reason;
    this.status = init.status;
    this.statusText = init.statusText;
    this.vendorCode = init.vendorCode;
    this.vendorMessage = init.vendorMessage;
    this.requestId = init.requestId;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
  }

  /** Plain data for logs and the outbox (`lastError`): no cause chain, no secrets. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name, code: this.code, message: this.message, vendor: this.vendor, endpoint: this.endpoint,
      reason: this.reason, status: this.status, statusText: this.statusText, vendorCode: this.vendorCode, requestId: this.requestId,
      retryable: this.retryable, retryAfterMs: this.retryAfterMs, attempts: this.attempts,
    };
  }
}

const reasonWords: Record<HttpFailureReason, string> = {
  http_status: 'failed',
  malformed_json: 'returned malformed JSON',
  html_page: 'returned an HTML page instead of JSON',
  truncated: 'returned a truncated body',
  network: 'could not be reached (network error)',
  timeout: 'timed out',
  aborted: 'was cancelled',
  rate_limited: 'is rate limited',
  session_lost: 'rejected the session and one refresh did not help',
  vendor_error: 'reported an error',
};

function composeMessage(i: KamHttpErrorInit): string {
  const parts = [`${i.vendor} ${i.endpoint} ${reasonWords[i.reason]}`];
  if (i.status !== undefined) parts.push(`HTTP ${i.status}${i.statusText ? ` ${clip(redact(i.statusText), 60)}` : ''}`);
  if (i.vendorCode) parts.push(i.vendorCode);
  let msg = parts.join(' · ');
  if (i.vendorMessage) msg += `: ${clip(redact(i.vendorMessage), 300)}`;
  if (i.detail) msg += ` (${clip(redact(i.detail), 200)})`;
  if (i.requestId) msg += ` [request ${i.requestId}]`;
  if (i.attempts && i.attempts > 1) msg += ` after ${i.attempts} attempts`;
  return msg;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Removes anything that looks like a credential from text that came back from a server. */
export function redact(text: string): string {
  return text
    .replace(/(bearer|zoho-oauthtoken|basic)\s+[\w.~+/=-]+/gi, '$1 [redacted]')
    .replace(/((?:access|refresh)_token|password|client_secret|secret|session_?id|kdservice-sessionid|signature|appsecret)(["']?\s*[:=]\s*["']?)[^"'&\s,;}]+/gi, '$1$2[redacted]');
}

/** `METHOD /path`: the endpoint as it may appear in a message (no origin, no query, no fragment). */
export function endpointOf(method: string, url: string | URL): string {
  try {
    const u = typeof url === 'string' ? new URL(url, 'http://x.invalid') : url;
    return `${method.toUpperCase()} ${u.pathname}`;
  } catch {
    return `${method.toUpperCase()} ${String(url).split(/[?#]/)[0]}`;
  }
}
