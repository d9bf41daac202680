// Change stamps for backends whose modification times have one-second resolution (Salesforce
// SystemModstamp, Zoho Modified_Time). A record saved in the same second as the newest one read,
// but after the read, carries that same time: "strictly later than the newest time read" would
// skip it for good. So a stamp names the boundary second and what was read in it —
// `<time>|<count>|<id>:<fingerprint>,…` — the next read asks from that second inclusive and drops
// only the boundary records it already delivered, unchanged. The fingerprint catches a record
// read, then saved again within the same second. Past MAX_SEEN records in one second (a mass
// update) the list becomes `*`: that second is read again, whole, next time (re-applying is
// harmless) rather than grow the stamp. `<count>` only grows within a second, so the engine's
// string comparison of two stamps of one second keeps the later. A plain time (a stamp from
// before, or a record's updatedAt) still means "strictly later than this".

const MAX_SEEN = 50;
const COUNT_WIDTH = 6;

interface Boundary {
  /** The boundary second's time, as the vendor formats it (so stamps compare as the records' updatedAt do). */
  time: string;
  ms: number;
  /** Records delivered at this second, all stamps of this second together (only grows). */
  n: number;
  /** id → fingerprint delivered at this second; null once past MAX_SEEN. */
  seen: Map<string, string> | null;
}

/** The time part of a stamp (a plain time, or one carrying what was read in its second). */
export function stampTime(stamp: string): string {
  const bar = stamp.indexOf('|');
  return bar < 0 ? stamp : stamp.slice(0, bar);
}

function parse(stamp: string): Boundary | undefined {
  const parts = stamp.split('|');
  if (parts.length !== 3) return undefined;
  const ms = Date.parse(parts[0]);
  const n = Number(parts[1]);
  if (Number.isNaN(ms) || !Number.isInteger(n)) return undefined;
  let seen: Map<string, string> | null = null;
  if (parts[2] !== '*') {
    seen = new Map();
    for (const e of parts[2] ? parts[2].split(',') : []) {
      const colon = e.lastIndexOf(':');
      if (colon > 0) seen.set(e.slice(0, colon), e.slice(colon + 1));
    }
  }
  return { time: parts[0], ms, n, seen };
}

/** FNV-1a of the record as served: changes when the record does. */
function fingerprint(raw: unknown): string {
  const s = JSON.stringify(raw) ?? '';
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Decides which records of an incremental read are new, and builds the stamp to return. */
export class ChangeStamp {
  /** What the caller already has (from `since`); undefined for a plain time. */
  private readonly since?: Boundary;
  /** The boundary so far, this walk's earlier pages included. */
  private running?: Boundary;

  /** `since` as the caller passed it; `walked` the stamp this walk's cursor carries, if any. */
  constructor(private readonly sinceStamp: string, walked?: string) {
    this.since = parse(sinceStamp);
    this.running = parse(walked ?? sinceStamp);
  }

  /** Read from this time on; `inclusive` when the boundary second itself must be read again. */
  get from(): { time: string; inclusive: boolean } {
    return this.since ? { time: this.since.time, inclusive: true } : { time: this.sinceStamp, inclusive: false };
  }

  /** Whether to deliver a record read at `time`; notes it in the stamp when it is. */
  keep(id: string, time: string, raw: unknown): boolean {
    const ms = Date.parse(time);
    if (Number.isNaN(ms)) return true;
    const fp = fingerprint(raw);
    const known = (b: Boundary | undefined) => !!b && b.ms === ms && b.seen?.get(id) === fp;
    if (known(this.since) || known(this.running)) return false;
    let b = this.running;
    if (!b || ms > b.ms) b = this.running = { time, ms, n: 0, seen: new Map() };
    if (ms === b.ms) {
      b.n++;
      if (b.seen) {
        b.seen.set(id, fp);
        if (b.seen.size > MAX_SEEN) b.seen = null;
      }
    }
    return true;
  }

  /** The stamp after the records seen so far. */
  stamp(): string {
    const b = this.running;
    if (!b) return this.sinceStamp;
    const seen = b.seen ? [...b.seen].map(([id, fp]) => `${id}:${fp}`).join(',') : '*';
    return `${b.time}|${String(Math.min(b.n, 10 ** COUNT_WIDTH - 1)).padStart(COUNT_WIDTH, '0')}|${seen}`;
  }
}
