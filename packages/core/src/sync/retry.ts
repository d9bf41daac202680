// Which failures are worth another try, and how long to wait before it.
import { KamConflictError, KamError } from '../errors.js';

export interface RetryPolicy {
  /** Attempts per write before it is parked (kept, not dropped) until `resume()` or going online. Default 8. */
  max: number;
  /** First back-off delay; doubles per attempt, with jitter. Default 500 ms. */
  baseMs: number;
  /** Longest back-off delay. Default 30 s. */
  capMs?: number;
}

export const defaultRetry: RetryPolicy = { max: 8, baseMs: 500, capMs: 30_000 };

/** How the engine classifies a failed write. */
export type FailureKind = 'transient' | 'conflict' | 'permanent';

const transientCodes = new Set(['network', 'timeout', 'rate_limited']);

/**
 * A write is retried when the failure says nothing about the write itself:
 * - `KamError` with code `network`, `timeout` or `rate_limited`;
 * - any `KamError` (typically `data_source`, a 5xx) carrying `retryable: true`, or an HTTP
 *   `status` of 408, 429 or ≥ 500 when it does not say `retryable: false`;
 * - a `TypeError` from `fetch` (connection refused, DNS, CORS preflight lost).
 * A `KamConflictError` is a conflict. Everything else — validation, not found, auth that the
 * HTTP layer could not refresh, a 4xx — is permanent: retrying would fail the same way.
 */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof KamConflictError || (error instanceof KamError && error.code === 'conflict')) return 'conflict';
  if (error instanceof KamError) {
    const flags = error as KamError & { retryable?: boolean; status?: number };
    if (flags.retryable === false) return 'permanent';
    if (flags.retryable === true || transientCodes.has(error.code)) return 'transient';
    const status = flags.status;
    if (typeof status === 'number' && (status === 408 || status === 429 || status >= 500)) return 'transient';
    return 'permanent';
  }
  if (error instanceof TypeError && /fetch|network|load failed/i.test(error.message)) return 'transient';
  return 'permanent';
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
