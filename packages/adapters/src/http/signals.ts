// Reading the servers' "slow down" and "who was that" signals: Retry-After (seconds or an HTTP
// date), Salesforce's Sforce-Limit-Info daily usage, back-off with jitter, and error bodies in
// the shapes the vendors send them.

/** Milliseconds to wait from a Retry-After value (delta seconds or HTTP date); undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Salesforce API usage: `Sforce-Limit-Info: api-usage=10018/100000` (optionally `; api-bursts=1/750`). */
export interface ApiUsage {
  used: number;
  max: number;
  remaining: number;
  /** Other counters the header carried, e.g. `api-bursts`. */
  extra?: Record<string, { used: number; max: number }>;
}

export function parseSforceLimitInfo(value: string | null | undefined): ApiUsage | undefined {
  if (!value) return undefined;
  let usage: ApiUsage | undefined;
  const extra: Record<string, { used: number; max: number }> = {};
  for (const part of value.split(/[;,]/)) {
    const m = /^\s*([\w-]+)\s*=\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(part);
    if (!m) continue;
    const used = Number(m[2]);
    const max = Number(m[3]);
    if (m[1] === 'api-usage') usage = { used, max, remaining: Math.max(0, max - used) };
    else extra[m[1]] = { used, max };
  }
  if (usage && Object.keys(extra).length) usage.extra = extra;
  return usage;
}

export interface BackoffOptions {
  /** First retry waits around this long (ms). Default 200. */
  baseDelayMs?: number;
  /** No single wait exceeds this (ms). Default 8000. */
  maxDelayMs?: number;
}

/** Exponential back-off with "equal jitter": half the exponential step fixed, half random. */
export function backoffDelay(retry: number, opts: BackoffOptions, random: () => number): number {
  const base = opts.baseDelayMs ?? 200;
  const cap = opts.maxDelayMs ?? 8000;
  const step = Math.min(cap, base * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export interface VendorErrorDetails {
  vendorCode?: string;
  message?: string;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/**
 * Vendor code and message from an error body in any of the shapes the vendors use:
 * problem+json `{type,title,detail,code}`, `{error:{code,message}}`, Salesforce arrays
 * `[{errorCode,message,fields}]`, Zoho `{code,message,status}` (also inside `data[]`),
 * OAuth `{error,error_description}`, Kingdee `Result.ResponseStatus.Errors[]`.
 */
export function defaultErrorDetails(body: unknown): VendorErrorDetails {
  if (Array.isArray(body)) {
    const first = body[0];
    if (first && typeof first === 'object') {
      const o = first as Record<string, unknown>;
      if (o.errorCode || o.statusCode) return { vendorCode: str(o.errorCode) ?? str(o.statusCode), message: str(o.message) };
      if (Array.isArray(first)) return defaultErrorDetails(first);
      return defaultErrorDetails(first);
    }
    return {};
  }
  if (!body || typeof body !== 'object') return {};
  const o = body as Record<string, unknown>;
  if (o.error && typeof o.error === 'object') {
    const e = o.error as Record<string, unknown>;
    return { vendorCode: str(e.code), message: str(e.message) };
  }
  if (typeof o.error === 'string') return { vendorCode: o.error, message: str(o.error_description) };
  if (o.Result && typeof o.Result === 'object') {
    const rs = (o.Result as Record<string, unknown>).ResponseStatus as Record<string, unknown> | undefined;
    if (rs) {
      const errs = Array.isArray(rs.Errors) ? (rs.Errors as Array<Record<string, unknown>>) : [];
      return { vendorCode: str(rs.MsgCode) ?? str(rs.ErrorCode), message: errs.map((e) => str(e.Message)).filter(Boolean).join('; ') || undefined };
    }
  }
  if (Array.isArray(o.data) && o.data[0] && typeof o.data[0] === 'object') {
    const d = o.data[0] as Record<string, unknown>;
    if (d.status === 'error') return { vendorCode: str(d.code), message: str(d.message) };
  }
  if (o.code !== undefined || o.title !== undefined || o.detail !== undefined || o.message !== undefined) {
    return { vendorCode: str(o.code) ?? str(o.type), message: str(o.detail) ?? str(o.message) ?? str(o.title) };
  }
  return {};
}
