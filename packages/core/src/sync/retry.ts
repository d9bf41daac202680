// Which failures are worth another try, and how long to wait before it.
import { KamConflictError, KamError } from '../errors.js';

export interface RetryPolicy {
  /**
   * Attempts per write before it is parked (kept, not dropped) until `resume()` or going online;
   * also the probes `drain()` waits through while the backend is unreachable. Default 8.
   */
  max: number;
  /** First back-off delay; doubles per attempt (and per probe while unreachable), with jitter. Default 500 ms. */
  baseMs: number;
  /** Longest back-off delay, also between probes while unreachable. Default 30 s. */
  capMs?: number;
}

export const defaultRetry: RetryPolicy = { max: 8, baseMs: 500, capMs: 30_000 };

/**
 * How the engine classifies a failed write. `unreachable` (new: it used to be `transient`, so a
 * `switch` over every kind must handle it): no answer at all — the network, not the write, unless
 * another write gets an answer right after (a poison write): it does not count toward
 * `retry.max`, and the engine holds the outbox and probes. See docs/offline.md.
 */
export type FailureKind = 'unreachable' | 'transient' | 'conflict' | 'permanent';

const transientCodes = new Set(['network', 'timeout', 'rate_limited']);

/**
 * No HTTP answer came back: connection refused or reset, DNS failure, a `TypeError` from `fetch`
 * (which a lost CORS preflight also throws), or a `network` KamError without a `status` (a
 * status means the server answered and the body was cut: that one counts as a try).
 */
function isUnreachable(error: unknown): boolean {
  if (error instanceof KamError) return error.code === 'network' && (error as { status?: unknown }).status === undefined;
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/**
 * A write is retried when the failure says nothing about the write itself:
 * - no answer at all (see `isUnreachable`): `unreachable`, not counted against the write;
 * - `KamError` with code `network` (with a status), `timeout` or `rate_limited` — a timeout is
 *   counted: the write may have reached the server and may be what hangs it;
 * - any `KamError` (typically `data_source`, a 5xx) carrying `retryable: true`, or an HTTP
 *   `status` of 408, 429 or ≥ 500 when it does not say `retryable: false`.
 * A `KamConflictError` is a conflict. Everything else — validation, not found, auth that the
 * HTTP layer could not refresh, a 4xx — is permanent: retrying would fail the same way.
 */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof KamConflictError || (error instanceof KamError && error.code === 'conflict')) return 'conflict';
  if (error instanceof KamError) {
    const flags = error as KamError & { retryable?: boolean; status?: number };
    if (flags.retryable === false) return 'permanent';
    if (isUnreachable(error)) return 'unreachable';
    if (flags.retryable === true || transientCodes.has(error.code)) return 'transient';
    const status = flags.status;
    if (typeof status === 'number' && (status === 408 || status === 429 || status >= 500)) return 'transient';
    return 'permanent';
  }
  return isUnreachable(error) ? 'unreachable' : 'permanent';
}

/** Delay before attempt `attempt + 1` (attempt ≥ 1): exponential with "equal jitter", or the server's Retry-After. */
export function backoffDelay(policy: RetryPolicy, attempt: number, error?: unknown, random: () => number = Math.random): number {
  const hinted = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  const cap = policy.capMs ?? defaultRetry.capMs!;
  if (typeof hinted === 'number' && Number.isFinite(hinted) && hinted >= 0) return Math.min(hinted, cap);
  const exp = Math.min(cap, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** A short, credential-free description of an error for `lastError` (persisted and shown to users). */
export function describeError(error: unknown): string {
  let text: string;
  if (error instanceof Error) text = `${error instanceof KamError ? error.code : error.name}: ${error.message}`;
  else text = String(error);
  // Messages from our layers never carry secrets; scrub anything shaped like one regardless, since
  // this string is written to IndexedDB.
  text = text
    .replace(/(bearer|basic)\s+[\w\-.~+/=]+/gi, '$1 [redacted]')
    .replace(/((?:access_|refresh_)?token|password|secret|session[-_]?id|sid|apikey|api_key)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi, '$1$2[redacted]');
  return text.length > 500 ? text.slice(0, 497) + '…' : text;
}
