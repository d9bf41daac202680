// A numeric index of the deals' dates, amounts and stage histories: every date parsed once into
// typed columns, so dashboards recomputing figures, slices and pipelines parse nothing twice
// and their per-deal loop reads typed arrays instead of objects.
//
// Two ways to get one:
// - over a plain array (treated as immutable), built once per array and kept while it lives;
// - over a live source with a change feed (the Store: `subscribe` + `get`), built on the first
//   call after a load and then maintained from the store's change events: a change to a deal
//   rewrites that deal's row only, so analytics on a live store never rebuild from objects.
import type { ForecastCategory, Opportunity } from '../model/schemas.js';
import type { BookSource } from './source.js';
import { parseIso, parseIsoMany } from './util.js';

export const forecastCategories: readonly ForecastCategory[] = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'];

export function categoryIndex(c: unknown): number {
  const k = forecastCategories.indexOf(c as ForecastCategory);
  return k >= 0 ? k : c === undefined || c === null ? -1 : -2;
}

function intern(m: Map<string, number>, key: string): number {
  let c = m.get(key);
  if (c === undefined) { c = m.size; m.set(key, c); }
  return c;
}

/** A copy of a with room for len items. */
export function grow<T extends Codes | Float64Array | Uint8Array>(a: T, len: number): T {
  const b = new (a.constructor as new (n: number) => T)(len);
  b.set(a);
  return b;
}

/**
 * Codes (stage, pipeline, currency) and stay counts are stored in the narrowest integer column
 * that holds them, one byte while they are under 128, and widened when one is not: a first read
 * writes every column into fresh memory, and on the bench machine a first write to a fresh
 * page costs ~20 µs of CPU (100,000 deals: 1.2 MB less than four bytes each).
 */
type Codes = Int8Array | Int16Array | Int32Array;

/** a, or a wider copy of it when v does not fit (v < 128 first: this runs for every stay). */
function fit(a: Codes, v: number): Codes {
  if (v < 128 || a instanceof Int32Array || (v < 32768 && a instanceof Int16Array)) return a;
  const b = a instanceof Int8Array && v < 32768 ? new Int16Array(a.length) : new Int32Array(a.length);
  b.set(a);
  return b;
}

/**
 * Rows in source order. A row is a deal, or a hole (`pipe` -1, `recs` undefined) where a deal
 * of a live index was removed; holes are skipped like deals of another pipeline, and squeezed
 * out (order kept) once they are many.
 */
export class DealIndex {
  /** Rows in use (deals and holes). */
  n = 0;
  /** Holes among the n rows. */
  holes = 0;
  /** The deal of each row (undefined: a hole). A build keeps the list it is given: a live index copies it before its first change. */
  recs: Array<Opportunity | undefined> = [];
  /** The id of each row's deal (a hole keeps its last one): figures that list deals read it here, not from the deal objects scattered over the heap. */
  ids: string[] = [];
  /** Interned ids: stage ids and pipeline ids, each its own dictionary. */
  readonly stageCodes = new Map<string, number>();
  readonly pipeCodes = new Map<string, number>();
  pipe: Codes;
  stage: Codes;
  /**
   * When the deal was created, where that is not its first stay's start (NaN: it is, or none);
   * made by the first such deal (in most books a deal's history starts when it was created).
   */
  created: Float64Array | undefined;
  close: Float64Array;
  closed: Float64Array;
  /** The deal's amount and its currency code (-1: no usable amount, left out of every sum). */
  amount: Float64Array;
  cur: Codes;
  /** Currency codes → the currency value as given (kept as is: the breakdown is keyed by it). */
  readonly currencies: unknown[] = [];
  readonly #curCodes = new Map<unknown, number>();
  /**
   * The deal's own probability (NaN when not a number) where hasProb is 1; else the stage's
   * applies. Both made by the first deal with a probability of its own (many books have none).
   */
  prob: Float64Array | undefined;
  hasProb: Uint8Array | undefined;
  /** The deal's own forecast category (index in forecastCategories), -1 none (the stage's applies), -2 not a category. */
  fcat: Int8Array;
  /** Stays of row i are [stayOff[i], stayOff[i] + stayLen[i]), sorted by entry. */
  stayOff: Int32Array;
  stayLen: Codes;
  enter: Float64Array;
  /**
   * The stage code of each stay, or ~code where the stay has an end of its own in ownLeave.
   * A stay ends where the next one starts (the last: not yet) unless its own end says otherwise,
   * which is rare: keeping only those spares 8 bytes of fresh memory a stay (see leaveOf).
   */
  stayStage: Codes;
  ownLeave = new Map<number, number>();
  /** Stay slots in use, and how many of them belong to no row any more (rewritten or removed deals). */
  stayTop = 0;
  stayGarbage = 0;
  // Consecutive deals mostly share their pipeline and often their stage: skip the maps then.
  #lastPipeId: string | undefined;
  #lastPipeCode = -1;
  #lastDealStageId: string | undefined;
  #lastDealStageCode = -1;
  #lastStageId: string | undefined;
  #lastStageCode = -1;

  constructor(rows: number, stays: number) {
    this.pipe = new Int8Array(rows); this.stage = new Int8Array(rows);
    this.close = new Float64Array(rows); this.closed = new Float64Array(rows); this.amount = new Float64Array(rows);
    this.cur = new Int8Array(rows); this.fcat = new Int8Array(rows);
    this.stayOff = new Int32Array(rows); this.stayLen = new Int8Array(rows);
    this.enter = new Float64Array(stays); this.stayStage = new Int8Array(stays);
  }

  /** Every deal of a list, in order (the same rows as appending them one by one). */
  static build(list: readonly Opportunity[]): DealIndex {
    const n = list.length;
    // Room for four stays a deal, grown when a book has more (no separate counting pass).
    const ix = new DealIndex(n, 4 * n + 16);
    ix.recs = list as Array<Opportunity | undefined>;
    // Sized once: grown one id at a time, the array was copied five times over 100,000 deals,
    // each copy a new large object (fresh memory) of up to 800 KB.
    ix.ids = new Array<string>(n);
    for (let i0 = 0; i0 < n; i0 += BATCH) ix.writeBatch(list, i0, Math.min(n, i0 + BATCH), i0);
    sharedBatch?.strs.fill(''); // the batch keeps no date string of the book alive
    ix.n = n;
    return ix;
  }

  /** When stay k ended (NaN: not yet); `end` is one past its row's last stay. */
  leaveOf(k: number, end: number): number {
    return this.stayStage[k] < 0 ? this.ownLeave.get(k)! : k + 1 < end ? this.enter[k + 1] : NaN;
  }

  /** Appends a deal as the last row; returns its row. */
  append(o: Opportunity): number {
    const i = this.n;
    if (i === this.pipe.length) this.#growRows(Math.max(16, 2 * i));
    this.n++;
    this.recs[i] = o;
    this.writeBatch([o], 0, 1, i);
    return i;
  }

  /** Replaces row i's deal (same place in the order). */
  replace(i: number, o: Opportunity): void {
    this.stayGarbage += this.stayLen[i];
    this.recs[i] = o;
    this.writeBatch([o], 0, 1, i);
  }

  /** Turns row i into a hole. */
  remove(i: number): void {
    this.stayGarbage += this.stayLen[i];
    this.stayLen[i] = 0;
    this.pipe[i] = -1;
    this.recs[i] = undefined;
    this.holes++;
  }

  /** Room for at least `rows` rows. */
  #growRows(rows: number): void {
    this.pipe = grow(this.pipe, rows); this.stage = grow(this.stage, rows);
    if (this.created) this.created = grow(this.created, rows);
    this.close = grow(this.close, rows); this.closed = grow(this.closed, rows); this.amount = grow(this.amount, rows);
    this.cur = grow(this.cur, rows); this.fcat = grow(this.fcat, rows);
    if (this.prob) { this.prob = grow(this.prob, rows); this.hasProb = grow(this.hasProb!, rows); }
    this.stayOff = grow(this.stayOff, rows); this.stayLen = grow(this.stayLen, rows);
  }

  #growStays(need: number): void {
    const cap = Math.max(2 * this.enter.length, need);
    this.enter = grow(this.enter, cap); this.stayStage = grow(this.stayStage, cap);
  }

  #stageCode(id: string): number {
    const c = intern(this.stageCodes, id);
    this.stage = fit(this.stage, c); this.stayStage = fit(this.stayStage, c);
    return c;
  }

  /** Row i's amount, currency, probability and forecast category. */
  #writeNumbers(i: number, o: Opportunity): void {
    // What MoneyAccumulator.add would skip (no money, or an amount that is not a finite number) gets -1.
    const money = o.amount;
    if (money && Number.isFinite(money.amount)) {
      const c = money.currency;
      let code = this.#curCodes.get(c);
      if (code === undefined) { code = this.currencies.length; this.#curCodes.set(c, code); this.currencies.push(c); this.cur = fit(this.cur, code); }
      this.cur[i] = code;
      this.amount[i] = money.amount;
    } else this.cur[i] = -1;
    const p = o.probability as unknown;
    if (p !== undefined && p !== null) {
      this.prob ??= new Float64Array(this.pipe.length);
      this.hasProb ??= new Uint8Array(this.pipe.length);
      this.hasProb[i] = 1;
      this.prob[i] = typeof p === 'number' ? p : NaN;
    } else if (this.hasProb) this.hasProb[i] = 0;
    const fc = o.forecastCategory as unknown;
    this.fcat[i] = fc === undefined ? -1 : categoryIndex(fc);
  }

  /**
   * Writes the deals list[i0..i1) into rows row0, row0 + 1, …, reading their dates in one batch:
   * a first pass over the deals collects the date strings (and everything else of a row),
   * parseIsoMany reads them all, and a second pass over typed arrays only lays out the stays.
   * Each stay goes after the last ones in use.
   */
  private writeBatch(list: readonly Opportunity[], i0: number, i1: number, row0: number): void {
    // One Batch for every build: V8 ties the optimised writeBatch to the Batch it ran with, and a
    // new one per build threw that code away at the next GC, so each first read after a load ran
    // its build mostly unoptimised while it was compiled again.
    const b = (sharedBatch ??= new Batch());
    b.reset();
    const m = i1 - i0;
    for (let j = 0; j < m; j++) {
      const o = list[i0 + j], i = row0 + j;
      this.ids[i] = o.id;
      const pid = o.pipelineId;
      if (pid !== this.#lastPipeId || this.#lastPipeCode < 0) { this.#lastPipeId = pid; this.#lastPipeCode = intern(this.pipeCodes, pid); this.pipe = fit(this.pipe, this.#lastPipeCode); }
      this.pipe[i] = this.#lastPipeCode;
      b.dealStage[j] = o.stageId;
      const hist = o.stageHistory ?? [];
      const h = hist.length;
      b.reserve(h);
      b.created[j] = b.date(o.createdAt);
      let r = b.stays;
      b.stayFirst[j] = r;
      for (let k = 0; k < h; k++, r++) {
        const e = hist[k];
        b.enter[r] = b.date(e.enteredAt);
        const leftAt = e.leftAt;
        b.leave[r] = leftAt ? b.date(leftAt) : -1;
        b.stage[r] = e.stageId;
      }
      b.stays = r;
      b.closed[j] = b.date(o.closedAt);
      b.close[j] = b.date(o.closeDate);
      this.#writeNumbers(i, o);
    }
    b.stayFirst[m] = b.stays;
    parseIsoMany(b.strs, b.nStrs, b.ms, b.strAt);
    const { ms, left } = b;
    for (let j = 0; j < m; j++) {
      const i = row0 + j;
      const sid0 = b.dealStage[j];
      if (sid0 !== this.#lastDealStageId || this.#lastDealStageCode < 0) { this.#lastDealStageId = sid0; this.#lastDealStageCode = this.#stageCode(sid0); }
      this.stage[i] = this.#lastDealStageCode;
      const r0 = b.stayFirst[j], r1 = b.stayFirst[j + 1];
      const first = this.stayTop;
      if (first + r1 - r0 > this.enter.length) this.#growStays(first + r1 - r0);
      const { enter } = this;
      let at = first;
      let sorted = true;
      for (let r = r0; r < r1; r++) {
        const t = ms[b.enter[r]];
        if (t !== t) continue;
        enter[at] = t;
        const l = b.leave[r];
        left[at - first] = l < 0 ? NaN : ms[l];
        const sid = b.stage[r];
        if (sid !== this.#lastStageId || this.#lastStageCode < 0) { this.#lastStageId = sid; this.#lastStageCode = this.#stageCode(sid); }
        this.stayStage[at] = this.#lastStageCode;
        if (at > first && t < enter[at - 1]) sorted = false;
        at++;
      }
      this.closed[i] = ms[b.closed[j]];
      this.close[i] = ms[b.close[j]];
      this.#endStays(i, first, at, sorted, left);
      const c = ms[b.created[j]];
      // Once the column is made every row writes its own (equal to the first start or not, the figures are the same).
      if (this.created || (c === c && (at === first || c !== enter[first]))) (this.created ??= new Float64Array(this.pipe.length).fill(NaN))[i] = c;
    }
  }

  /** Row i's stays are [first, at), their own ends (NaN: none) in left[0, at - first): sorts them by entry if needed, keeps the ends that differ from the next entry. */
  #endStays(i: number, first: number, at: number, sorted: boolean, left: Float64Array): void {
    const { enter, stayStage } = this;
    if (!sorted) { // insertion sort by entry time (histories are short and nearly always sorted)
      for (let k = first + 1; k < at; k++) {
        const e = enter[k], l = left[k - first], x = stayStage[k];
        let q = k - 1;
        while (q >= first && enter[q] > e) { enter[q + 1] = enter[q]; left[q + 1 - first] = left[q - first]; stayStage[q + 1] = stayStage[q]; q--; }
        enter[q + 1] = e; left[q + 1 - first] = l; stayStage[q + 1] = x;
      }
    }
    for (let k = first; k < at; k++) {
      const l = left[k - first];
      if (l === l && (k + 1 === at || l !== enter[k + 1])) { stayStage[k] = ~stayStage[k]; this.ownLeave.set(k, l); }
    }
    this.stayOff[i] = first;
    this.stayLen = fit(this.stayLen, at - first);
    this.stayLen[i] = at - first;
    this.stayTop = at;
  }

  /**
   * Squeezes out holes and unused stays, rows kept in order. Run when they make up half of the
   * index, so its cost spreads over at least as many changes as it has rows (amortised O(1)).
   */
  compact(): void {
    const n = this.n;
    const enter = new Float64Array(Math.max(16, 2 * (this.stayTop - this.stayGarbage)));
    const stayStage = new (this.stayStage.constructor as new (n: number) => Codes)(enter.length), ownLeave = new Map<number, number>();
    const recs: Array<Opportunity | undefined> = [], ids: string[] = [];
    const { prob, hasProb } = this;
    let j = 0, at = 0;
    for (let i = 0; i < n; i++) {
      if (this.recs[i] === undefined) continue;
      recs.push(this.recs[i]); ids.push(this.ids[i]);
      this.pipe[j] = this.pipe[i]; this.stage[j] = this.stage[i];
      if (this.created) this.created[j] = this.created[i];
      this.close[j] = this.close[i]; this.closed[j] = this.closed[i]; this.amount[j] = this.amount[i];
      this.cur[j] = this.cur[i]; this.fcat[j] = this.fcat[i];
      if (prob) { prob[j] = prob[i]; hasProb![j] = hasProb![i]; }
      const s0 = this.stayOff[i], len = this.stayLen[i];
      enter.set(this.enter.subarray(s0, s0 + len), at); stayStage.set(this.stayStage.subarray(s0, s0 + len), at);
      for (let k = 0; k < len; k++) if (stayStage[at + k] < 0) ownLeave.set(at + k, this.ownLeave.get(s0 + k)!);
      this.stayOff[j] = at; this.stayLen[j] = len;
      at += len; j++;
    }
    this.recs = recs; this.ids = ids;
    this.n = j; this.holes = 0;
    this.enter = enter; this.stayStage = stayStage; this.ownLeave = ownLeave;
    this.stayTop = at; this.stayGarbage = 0;
  }

  get wasteful(): boolean {
    return this.holes * 2 > this.n || this.stayGarbage * 2 > this.stayTop;
  }
}

/**
 * Deals per batch of DealIndex.build: small enough that the batch's strings are still in the
 * CPU cache when they are joined (a batch of 8192 deals was slower by a tenth), large enough
 * that the per-batch calls do not count.
 */
const BATCH = 256;
let sharedBatch: Batch | undefined;

/**
 * What writeBatch collects from a batch of deals. Each date becomes a slot of `ms`: strings are
 * parsed together (a string equal to the one before shares its slot: a stay's end is usually
 * the next stay's start), anything else at once by parseIso (undefined: NaN).
 */
class Batch {
  strs: string[] = [];
  nStrs = 0;
  /** The slot of each string in strs. */
  strAt = new Int32Array(8 * BATCH);
  ms = new Float64Array(8 * BATCH);
  slots = 0;
  #prev: string | undefined;
  #prevSlot = -1;
  /** Per deal of the batch: date slots, its stage id, where its stays start (and one past the last deal: where they end). */
  readonly created = new Int32Array(BATCH);
  readonly closed = new Int32Array(BATCH);
  readonly close = new Int32Array(BATCH);
  readonly dealStage: string[] = [];
  readonly stayFirst = new Int32Array(BATCH + 1);
  /** Per stay: entry and end slots (-1: no end), stage id. */
  enter = new Int32Array(4 * BATCH);
  leave = new Int32Array(4 * BATCH);
  readonly stage: string[] = [];
  stays = 0;
  /** The ends of one deal's stays, as read, while they are sorted. */
  left = new Float64Array(16);

  reset(): void {
    this.nStrs = 0; this.slots = 0; this.stays = 0; this.#prev = undefined;
  }

  /** Room for one more deal with h stays. */
  reserve(h: number): void {
    const slots = this.slots + 3 + 2 * h;
    if (slots > this.ms.length) { const c = Math.max(slots, 2 * this.ms.length); this.ms = grow(this.ms, c); this.strAt = grow(this.strAt, c); }
    if (this.stays + h > this.enter.length) { const c = Math.max(this.stays + h, 2 * this.enter.length); this.enter = grow(this.enter, c); this.leave = grow(this.leave, c); }
    if (h > this.left.length) this.left = new Float64Array(2 * h);
  }

  /** The slot of a date. */
  date(s: unknown): number {
    if (s === this.#prev && s !== undefined) return this.#prevSlot;
    const slot = this.slots++;
    if (typeof s === 'string') {
      this.strs[this.nStrs] = s; // overwritten batch after batch (no `length = 0`: that would free the array's store)
      this.strAt[this.nStrs++] = slot;
      this.#prev = s; this.#prevSlot = slot;
    } else this.ms[slot] = parseIso(s as string | undefined) ?? NaN;
    return slot;
  }
}

// ---- Over plain arrays

const arrayIndexes = new WeakMap<readonly Opportunity[], DealIndex>();

/** The index of a plain array of deals, built on first use and kept while the array lives. */
export function arrayDealIndex(list: readonly Opportunity[]): DealIndex {
  const hit = arrayIndexes.get(list);
  if (hit && hit.n === list.length) return hit;
  const ix = DealIndex.build(list);
  arrayIndexes.set(list, ix);
  return ix;
}

// ---- Over a live source

/** What a live source adds to a BookSource: the Store's change feed and look-up by id. */
interface LiveSource extends BookSource {
  subscribe(listener: (e: { kind: string; type: string; ids: readonly string[] }) => void): () => void;
  get(kind: 'opportunities', id: string): Opportunity | undefined;
}

function isLive(src: BookSource): src is LiveSource {
  const s = src as Partial<LiveSource>;
  return typeof s.subscribe === 'function' && typeof s.get === 'function';
}

/**
 * A DealIndex kept current from a store's change events. Events only note which deals changed
 * (O(ids)); the next read rewrites those rows (O(changed)) and leaves every other row alone.
 *
 * Row order follows the store's order (insertion order; a replaced deal keeps its place, a
 * removed and re-added one moves to the end), so every sum adds in the same order as a fresh
 * build over `all('opportunities')` and the figures equal it to the last bit.
 */
class LiveDealIndex {
  #ix: DealIndex | undefined;
  /** Row of each deal id: made by the first read that applies changes, not by a build (a page that never edits a deal never needs it). */
  #rowOf: Map<string, number> | undefined;
  /** Deals changed since the last read. */
  readonly #dirty = new Set<string>();
  /** Of those, the ones removed at some point (if present again, they were re-added: at the end). */
  readonly #removed = new Set<string>();
  #rebuild = true;
  /** The store's array the rows were last checked against. */
  #synced: readonly Opportunity[] | undefined;
  /** Reads that rebuilt everything, and rows rewritten in place, appended or removed (for tests). */
  readonly stats = { builds: 0, rewritten: 0, appended: 0, removed: 0 };

  constructor(private readonly src: LiveSource) {
    src.subscribe((e) => {
      if (e.kind !== 'opportunities' || this.#rebuild) return;
      if (e.type === 'reset') { this.#rebuild = true; this.#dirty.clear(); this.#removed.clear(); return; }
      for (const id of e.ids) {
        this.#dirty.add(id);
        if (e.type === 'remove') this.#removed.add(id);
      }
    });
  }

  read(): DealIndex {
    const list = this.src.all('opportunities');
    // The store hands out the same array until something changes.
    if (this.#ix && !this.#rebuild && list === this.#synced && this.#dirty.size === 0) return this.#ix;
    if (this.#ix && !this.#rebuild) {
      // Past a quarter of the rows, one build in order beats row by row. After applying, the rows
      // must hold the store's deals in its order (a pointer compare per row, no parsing): a store
      // read inside Store.batch (events not delivered yet) or a source that emits nothing fails
      // it, and is rebuilt rather than answered from stale rows.
      if (this.#dirty.size * 4 > this.#ix.n || !this.apply(list) || !this.matches(list)) this.#rebuild = true;
    }
    if (this.#rebuild || !this.#ix) {
      this.#ix = DealIndex.build(list);
      this.#rowOf = undefined;
      this.stats.builds++;
      this.#rebuild = false;
      this.#dirty.clear(); this.#removed.clear();
    }
    this.#synced = list;
    return this.#ix;
  }

  private matches(list: readonly Opportunity[]): boolean {
    const { recs, n } = this.#ix!;
    if (n - this.#ix!.holes !== list.length) return false;
    for (let i = 0, j = 0; i < n; i++) {
      const r = recs[i];
      if (r !== undefined && r !== list[j++]) return false;
    }
    return true;
  }

  /** Applies the changed deals; false when the store's order cannot be matched (then: rebuild). */
  private apply(list: readonly Opportunity[]): boolean {
    const ix = this.#ix!;
    // Rows still in the store's array they were built from: copied before the first row changes.
    if (ix.recs === this.#synced) ix.recs = ix.recs.slice();
    const rowOf = this.#rowOf ?? this.rows();
    const added: string[] = [];
    for (const id of this.#dirty) {
      const rec = this.src.get('opportunities', id);
      const row = rowOf.get(id);
      if (rec && row !== undefined && !this.#removed.has(id)) {
        if (ix.recs[row] !== rec) { ix.replace(row, rec); this.stats.rewritten++; }
        continue;
      }
      if (row !== undefined) { ix.remove(row); rowOf.delete(id); this.stats.removed++; }
      if (rec) added.push(id);
    }
    this.#dirty.clear(); this.#removed.clear();
    // Deals added since the last read are the last ones in the store's order, in that order
    // (events merged by Store.batch may not tell it).
    const k = added.length;
    if (k > list.length) return false;
    if (k > 0) {
      const want = new Set(added);
      for (let q = list.length - k; q < list.length; q++) if (!want.has(list[q].id)) return false;
    }
    for (let q = list.length - k; q < list.length; q++) {
      rowOf.set(list[q].id, ix.append(list[q]));
      this.stats.appended++;
    }
    if (ix.wasteful) {
      ix.compact();
      this.#rowOf = undefined;
    }
    return true;
  }

  /** The row of each deal of the index (holes have none). */
  private rows(): Map<string, number> {
    const { recs, n } = this.#ix!;
    const m = new Map<string, number>();
    for (let i = 0; i < n; i++) { const r = recs[i]; if (r !== undefined) m.set(r.id, i); }
    this.#rowOf = m;
    return m;
  }
}

const liveIndexes = new WeakMap<object, LiveDealIndex>();

/**
 * The deal index of a source: maintained from the change feed for a live source (the Store),
 * else built over its opportunities array. `stats` (live sources only) counts the work done.
 */
export function dealIndexOf(src: BookSource): DealIndex {
  if (!isLive(src)) return arrayDealIndex(src.all('opportunities'));
  let live = liveIndexes.get(src);
  if (!live) { live = new LiveDealIndex(src); liveIndexes.set(src, live); }
  return live.read();
}

/** How much work a store's maintained deal index has done (undefined before its first read). For tests. */
export function dealIndexStats(src: BookSource): Readonly<LiveDealIndex['stats']> | undefined {
  return liveIndexes.get(src)?.stats;
}
