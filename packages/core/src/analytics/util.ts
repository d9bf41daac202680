// Small numeric and time helpers shared by health, analytics and alerts. Every function here
// turns NaN / Infinity / unparsable dates into `undefined` instead of letting them through.

export const DAY_MS = 86_400_000;

/** A point in time as accepted everywhere: Date, epoch ms or an ISO string. */
export type Instant = Date | number | string;

/** Epoch ms of an instant, or undefined when it cannot be read. */
export function toMs(t: Instant | undefined | null): number | undefined {
  if (t === undefined || t === null) return undefined;
  if (typeof t === 'string') return parseIso(t);
  const ms = typeof t === 'number' ? t : t.getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** Epoch ms of `now`; throws when it is not a valid instant (a score must never depend on NaN). */
export function nowMs(now: Instant): number {
  const ms = toMs(now);
  if (ms === undefined) throw new RangeError(`"now" must be a valid date, got ${String(now)}`);
  return ms;
}

/** Whole and fractional days from a to b (b − a). */
export function daysBetween(aMs: number, bMs: number): number {
  return (bMs - aMs) / DAY_MS;
}

export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Mean of finite values, or undefined when there are none. */
export function mean(xs: readonly number[]): number | undefined {
  let s = 0;
  let n = 0;
  for (const x of xs) if (Number.isFinite(x)) { s += x; n++; }
  return n ? s / n : undefined;
}

/** Linear-interpolated quantile (q in 0..1) of finite values, or undefined when there are none. */
export function quantile(xs: readonly number[], q: number): number | undefined {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return undefined;
  const pos = (s.length - 1) * clamp(q, 0, 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function median(xs: readonly number[]): number | undefined {
  return quantile(xs, 0.5);
}

/** `YYYY-MM` of an instant (UTC). */
export function monthKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** `YYYY-Qn` of an instant (UTC). */
export function quarterKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export function yearKey(ms: number): string {
  return String(new Date(ms).getUTCFullYear());
}

export type Period = 'month' | 'quarter' | 'year';

export function periodKey(ms: number, period: Period): string {
  return period === 'month' ? monthKey(ms) : period === 'quarter' ? quarterKey(ms) : yearKey(ms);
}

/** Start (UTC ms) of the period containing ms. */
export function periodStart(ms: number, period: Period): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (period === 'month') return Date.UTC(y, m, 1);
  if (period === 'quarter') return Date.UTC(y, m - (m % 3), 1);
  return Date.UTC(y, 0, 1);
}

/** Start of the period `n` periods after the one starting at `startMs` (n may be negative). */
export function addPeriods(startMs: number, period: Period, n: number): number {
  const d = new Date(startMs);
  const months = period === 'month' ? n : period === 'quarter' ? 3 * n : 12 * n;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

const c0 = 48;
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(at + k) - c0;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Epoch ms of an ISO string, fast for the common shapes (`YYYY-MM-DD`, `…THH:mm[:ss[.sss]]Z`,
 * `…±hh:mm`); anything else goes through Date.parse, so results always equal Date.parse.
 * Undefined when unreadable.
 */
export function parseIso(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = s.length;
  if ((n === 24 || n === 20) && parseUtcFixed(s, n, scratch, 0)) return scratch[0];
  if (n >= 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
      const day = dayNumber(y, mo, d) * DAY_MS;
      if (n === 10) return d <= monthDays(y, mo) ? day : fallback(s);
      const sep = s.charCodeAt(10);
      if ((sep === 84 || sep === 32) && n >= 17) {
        const h = digits(s, 11, 2), mi = digits(s, 14, 2);
        let i = 16;
        let sec = 0, ms = 0;
        if (h >= 0 && h <= 24 && mi >= 0 && mi < 60 && s.charCodeAt(13) === 58) {
          if (s.charCodeAt(i) === 58) { sec = digits(s, 17, 2); i = 19; if (sec < 0 || sec > 59) return fallback(s); }
          if (s.charCodeAt(i) === 46) {
            let k = i + 1, frac = 0, scale = 100;
            while (k < n) { const c = s.charCodeAt(k) - c0; if (c < 0 || c > 9) break; frac += c * scale; scale /= 10; k++; }
            if (k === i + 1) return fallback(s);
            ms = Math.floor(frac); i = k;
          }
          let offset: number | undefined;
          if (i === n - 1 && s.charCodeAt(i) === 90) offset = 0;
          else if (i + 6 === n && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) && s.charCodeAt(i + 3) === 58) {
            const oh = digits(s, i + 1, 2), om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0) return fallback(s);
            offset = (s.charCodeAt(i) === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
          }
          if (offset !== undefined && d <= monthDays(y, mo)) {
            return day + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms - offset;
          }
        }
      }
    }
  }
  return fallback(s);
}

const CUM_DAYS = Int32Array.of(0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334);

/** Days from 1970-01-01 to January 1st of year y. */
function yearStartDays(y: number): number {
  const yp = y - 1;
  return 365 * (y - 1970) + Math.floor(yp / 4) - Math.floor(yp / 100) + Math.floor(yp / 400) - 477;
}
const YEAR0 = 1900;
const YEAR_START = Int32Array.from({ length: 300 }, (_, k) => yearStartDays(YEAR0 + k));

/** Days from 1970-01-01 to y-mo-d (proleptic Gregorian, mo 1–12): whole years (leap days before year y counted from year 1), then months. */
function dayNumber(y: number, mo: number, d: number): number {
  return (y >= YEAR0 && y < YEAR0 + YEAR_START.length ? YEAR_START[y - YEAR0] : yearStartDays(y)) + CUM_DAYS[mo] + (mo > 2 && isLeap(y) ? 1 : 0) + d - 1;
}
const scratch = new Float64Array(1);

/**
 * The shape toISOString writes (`YYYY-MM-DDTHH:mm:ss.sssZ`, or without `.sss`), read with fixed
 * offsets: most stored dates have it, and the general path below costs twice as much per string.
 * Writes epoch ms to out[at] and returns true; false for anything else (hour 24 included), which
 * the general path then handles. (Writing into a typed array rather than returning the number
 * spares a heap-allocated number per call where the call is not inlined.)
 */
function parseUtcFixed(s: string, n: number, out: Float64Array, at: number): boolean {
  if (s.charCodeAt(n - 1) !== 90 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const y0 = s.charCodeAt(0) - c0, y1 = s.charCodeAt(1) - c0, y2 = s.charCodeAt(2) - c0, y3 = s.charCodeAt(3) - c0;
  const mo0 = s.charCodeAt(5) - c0, mo1 = s.charCodeAt(6) - c0, d0 = s.charCodeAt(8) - c0, d1 = s.charCodeAt(9) - c0;
  const h0 = s.charCodeAt(11) - c0, h1 = s.charCodeAt(12) - c0, mi0 = s.charCodeAt(14) - c0, mi1 = s.charCodeAt(15) - c0;
  const s0 = s.charCodeAt(17) - c0, s1 = s.charCodeAt(18) - c0;
  // `x >>> 0 > 9` also catches x < 0 (a character below '0').
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (mo0 >>> 0) > 9 || (mo1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9 ||
    (h0 >>> 0) > 9 || (h1 >>> 0) > 9 || (mi0 >>> 0) > 9 || (mi1 >>> 0) > 9 || (s0 >>> 0) > 9 || (s1 >>> 0) > 9) return false;
  let ms = 0;
  if (n === 24) {
    if (s.charCodeAt(19) !== 46) return false;
    const f0 = s.charCodeAt(20) - c0, f1 = s.charCodeAt(21) - c0, f2 = s.charCodeAt(22) - c0;
    if ((f0 >>> 0) > 9 || (f1 >>> 0) > 9 || (f2 >>> 0) > 9) return false;
    ms = f0 * 100 + f1 * 10 + f2;
  }
  return writeUtc(y0 * 1000 + y1 * 100 + y2 * 10 + y3, mo0 * 10 + mo1, d0 * 10 + d1, h0 * 10 + h1, mi0 * 10 + mi1, s0 * 10 + s1, ms, out, at);
}

/** Checks a calendar date-time read by parseUtcFixed or parseUtcFixedBytes and writes its epoch ms to out[at]; false when out of range. */
function writeUtc(y: number, mo: number, d: number, h: number, mi: number, sec: number, ms: number, out: Float64Array, at: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return false;
  if (d > monthDays(y, mo)) return false;
  out[at] = dayNumber(y, mo, d) * DAY_MS + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
  return true;
}

/**
 * parseIso of strs[0..n) into out[at[k]] (NaN when unreadable; strs is cut to n), for index
 * builders. Reading a string a character at a time
 * costs a few ns a charCodeAt, and a stored date takes 24 of them; here the batch is joined into
 * one string, encoded into bytes in one native call and read from a typed array, which takes
 * about half as long a date (a sixth off the 100k-deal index build). A batch with a character
 * that is not ASCII (its bytes would no longer line up with the characters) goes through
 * parseIso string by string, and so does any string not in the shape toISOString writes.
 */
export function parseIsoMany(strs: string[], n: number, out: Float64Array, at: Int32Array): void {
  if (n === 0) return;
  if (strs.length > n) strs.length = n; // join reads them all
  const joined = strs.join('');
  const len = joined.length;
  if (batchBytes.length < len) batchBytes = new Uint8Array(Math.max(len, 2 * batchBytes.length));
  const r = encoder.encodeInto(joined, batchBytes);
  if (r.read !== len || r.written !== len) { // some character is not ASCII
    for (let k = 0; k < n; k++) out[at[k]] = parseIso(strs[k]) ?? NaN;
    return;
  }
  const u = batchBytes;
  for (let k = 0, o = 0; k < n; k++) {
    const s = strs[k], m = s.length;
    if (!((m === 24 || m === 20) && parseUtcFixedBytes(u, o, m, out, at[k]))) out[at[k]] = parseIso(s) ?? NaN;
    o += m;
  }
}

const encoder = new TextEncoder();
let batchBytes = new Uint8Array(0);

/** parseUtcFixed over the bytes u[o..o+n) of an ASCII string (the same checks and arithmetic). */
function parseUtcFixedBytes(u: Uint8Array, o: number, n: number, out: Float64Array, at: number): boolean {
  if (u[o + n - 1] !== 90 || u[o + 4] !== 45 || u[o + 7] !== 45 || u[o + 10] !== 84 || u[o + 13] !== 58 || u[o + 16] !== 58) return false;
  const y0 = u[o] - c0, y1 = u[o + 1] - c0, y2 = u[o + 2] - c0, y3 = u[o + 3] - c0;
  const mo0 = u[o + 5] - c0, mo1 = u[o + 6] - c0, d0 = u[o + 8] - c0, d1 = u[o + 9] - c0;
  const h0 = u[o + 11] - c0, h1 = u[o + 12] - c0, mi0 = u[o + 14] - c0, mi1 = u[o + 15] - c0;
  const s0 = u[o + 17] - c0, s1 = u[o + 18] - c0;
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (mo0 >>> 0) > 9 || (mo1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9 ||
    (h0 >>> 0) > 9 || (h1 >>> 0) > 9 || (mi0 >>> 0) > 9 || (mi1 >>> 0) > 9 || (s0 >>> 0) > 9 || (s1 >>> 0) > 9) return false;
  let ms = 0;
  if (n === 24) {
    if (u[o + 19] !== 46) return false;
    const f0 = u[o + 20] - c0, f1 = u[o + 21] - c0, f2 = u[o + 22] - c0;
    if ((f0 >>> 0) > 9 || (f1 >>> 0) > 9 || (f2 >>> 0) > 9) return false;
    ms = f0 * 100 + f1 * 10 + f2;
  }
  return writeUtc(y0 * 1000 + y1 * 100 + y2 * 10 + y3, mo0 * 10 + mo1, d0 * 10 + d1, h0 * 10 + h1, mi0 * 10 + mi1, s0 * 10 + s1, ms, out, at);
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function monthDays(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function fallback(s: string): number | undefined {
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}
