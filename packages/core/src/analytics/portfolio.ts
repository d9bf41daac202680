// Portfolio analytics: ABC / Pareto tiering by revenue or margin, concentration (top-N share,
// HHI, red lines), retention (GRR / NRR by period and by cohort, renewal rate), contribution
// ranking, breakdowns by region / industry, and team efficiency.
import type { FxTable, MoneyTotal } from '../model/money.js';
import { MoneyAccumulator, fxRate } from '../model/money.js';
import type { Order } from '../model/schemas.js';
import { toSource, type BookInput, type BookSource } from './source.js';
import { DAY_MS, addPeriods, nowMs, parseIso, periodKey, periodStart, type Instant, type Period } from './util.js';

export type ValueBasis = 'revenue' | 'margin';

export interface PortfolioOptions {
  now: Instant;
  currency: string;
  fx?: FxTable;
  /** FX snapshot date (default now). */
  fxAsOf?: Instant;
  /** Window of orders counted (default: the 365 days up to now). */
  from?: Instant;
  to?: Instant;
}

export interface AccountValue {
  accountId: string;
  name: string;
  value: number;
  share: number;
  cumulativeShare: number;
  rank: number;
}

/** Values per account in the reporting currency, plus the total with its breakdown. */
export function accountValues(book: BookInput, basis: ValueBasis, opts: PortfolioOptions): { values: Map<string, number>; total: MoneyTotal } {
  const src = toSource(book);
  const { from, to, asOf } = window(opts);
  const acc = new MoneyAccumulator(opts.currency, opts.fx, asOf);
  const values = new Map<string, number>();
  const rate = rateCache(opts.currency, opts.fx, asOf);
  for (const o of src.all('orders')) {
    if (o.status === 'cancelled') continue;
    const at = parseIso(o.orderedAt);
    if (at === undefined || at < from || at >= to) continue;
    const m = basis === 'revenue' ? o.amount : o.margin;
    if (!m || !Number.isFinite(m.amount)) continue;
    acc.add(m);
    const r = rate(m.currency);
    if (r === undefined) continue;
    values.set(o.accountId, (values.get(o.accountId) ?? 0) + m.amount * r);
  }
  return { values, total: acc.total() };
}

function window(opts: PortfolioOptions): { from: number; to: number; asOf: string; now: number } {
  const now = nowMs(opts.now);
  const to = opts.to !== undefined ? nowMs(opts.to) : now + 1;
  const from = opts.from !== undefined ? nowMs(opts.from) : to - 1 - 365 * DAY_MS;
  const asOf = new Date(opts.fxAsOf !== undefined ? nowMs(opts.fxAsOf) : now).toISOString();
  return { from, to, asOf, now };
}

function rateCache(currency: string, fx: FxTable | undefined, asOf: string): (c: string) => number | undefined {
  const m = new Map<string, number | undefined>();
  return (c) => {
    if (c === currency) return 1;
    if (m.has(c)) return m.get(c);
    const r = fx ? fxRate(fx, c, currency, asOf) : undefined;
    m.set(c, r);
    return r;
  };
}

function ranked(src: BookSource, values: Map<string, number>, includeZero: boolean): AccountValue[] {
  const names = new Map(src.all('accounts').map((a) => [a.id, a.name]));
  const ids = new Set(values.keys());
  if (includeZero) for (const id of names.keys()) ids.add(id);
  const rows = [...ids].map((id) => ({ accountId: id, name: names.get(id) ?? id, value: values.get(id) ?? 0 }));
  rows.sort((a, b) => b.value - a.value || a.accountId.localeCompare(b.accountId));
  const positive = rows.reduce((s, r) => s + Math.max(0, r.value), 0);
  let cum = 0;
  return rows.map((r, i) => {
    const share = positive > 0 ? Math.max(0, r.value) / positive : 0;
    cum += share;
    return { ...r, share, cumulativeShare: Math.min(1, cum), rank: i + 1 };
  });
}

export interface AbcOptions extends PortfolioOptions {
  basis?: ValueBasis;
  /** Cumulative value share closing tier A and tier B. Default { a: 0.8, b: 0.95 }. */
  cutoffs?: { a: number; b: number };
  /** Include accounts with no value in the window (as C). Default true. */
  includeZero?: boolean;
}

export type AbcTier = 'A' | 'B' | 'C';

export interface AbcResult {
  basis: ValueBasis;
  cutoffs: { a: number; b: number };
  total: MoneyTotal;
  accounts: Array<AccountValue & { tier: AbcTier }>;
  tiers: Record<AbcTier, { count: number; value: number; valueShare: number; accountShare: number; accountIds: string[] }>;
  /** The Pareto curve: after k accounts (by value, desc), their share of accounts and of value. */
  curve: Array<{ accounts: number; accountShare: number; valueShare: number }>;
}

/**
 * ABC tiering. Accounts sorted by value; an account is A while the cumulative share *before* it
 * is below cutoffs.a (so the account that crosses the line is still A), B likewise up to
 * cutoffs.b, the rest C. Accounts with no positive value are always C.
 */
export function abcTiers(book: BookInput, opts: AbcOptions): AbcResult {
  const src = toSource(book);
  const basis = opts.basis ?? 'revenue';
  const cutoffs = opts.cutoffs ?? { a: 0.8, b: 0.95 };
  if (!(cutoffs.a > 0 && cutoffs.a <= cutoffs.b && cutoffs.b <= 1)) throw new RangeError(`ABC cut-offs must satisfy 0 < a ≤ b ≤ 1, got a=${cutoffs.a}, b=${cutoffs.b}`);
  const { values, total } = accountValues(src, basis, opts);
  const rows = ranked(src, values, opts.includeZero ?? true);
  const tiers: AbcResult['tiers'] = { A: mk(), B: mk(), C: mk() };
  function mk() { return { count: 0, value: 0, valueShare: 0, accountShare: 0, accountIds: [] as string[] }; }
  const accounts = rows.map((r) => {
    const before = r.cumulativeShare - r.share;
    const tier: AbcTier = r.value <= 0 ? 'C' : before < cutoffs.a - 1e-12 ? 'A' : before < cutoffs.b - 1e-12 ? 'B' : 'C';
    const t = tiers[tier];
    t.count++; t.value += r.value; t.valueShare += r.share; t.accountIds.push(r.accountId);
    return { ...r, tier };
  });
  for (const k of ['A', 'B', 'C'] as const) tiers[k].accountShare = rows.length ? tiers[k].count / rows.length : 0;
  const curve = [{ accounts: 0, accountShare: 0, valueShare: 0 }, ...rows.map((r, i) => ({ accounts: i + 1, accountShare: (i + 1) / rows.length, valueShare: r.cumulativeShare }))];
  return { basis, cutoffs, total, accounts, tiers, curve };
}

export interface ConcentrationOptions extends PortfolioOptions {
  basis?: ValueBasis;
  /** Red lines: one account above `single`, the top five above `top5`. Default 0.15 / 0.40. */
  redLines?: { single?: number; top5?: number };
  /** HHI band upper bounds on the 0–10,000 scale. Default diversified < 1000 ≤ moderate < 1800 ≤ high < 2500 ≤ critical. */
  hhiBands?: { diversified: number; moderate: number; high: number };
}

export interface RedLine { id: 'single_account' | 'top5'; threshold: number; value: number; crossed: boolean; accountIds: string[] }

export interface Concentration {
  basis: ValueBasis;
  total: MoneyTotal;
  accounts: number;
  top1: number;
  top5: number;
  top10: number;
  /** Herfindahl–Hirschman index on the 0–10,000 scale (shares in percent). */
  hhi: number;
  /** The same on the 0–1 scale. */
  hhiFraction: number;
  hhiBand: 'diversified' | 'moderate' | 'high' | 'critical';
  redLines: RedLine[];
  ranking: AccountValue[];
}

/** Concentration of value over accounts. Shares use positive values only. */
export function concentration(book: BookInput, opts: ConcentrationOptions): Concentration {
  const src = toSource(book);
  const basis = opts.basis ?? 'revenue';
  const { values, total } = accountValues(src, basis, opts);
  const rows = ranked(src, values, false).filter((r) => r.value > 0);
  const topN = (n: number) => rows.slice(0, n).reduce((s, r) => s + r.share, 0);
  let hhiF = 0;
  for (const r of rows) hhiF += r.share * r.share;
  const hhi = hhiF * 10_000;
  const b = opts.hhiBands ?? { diversified: 1000, moderate: 1800, high: 2500 };
  const single = opts.redLines?.single ?? 0.15;
  const top5Line = opts.redLines?.top5 ?? 0.4;
  const top5 = topN(5);
  return {
    basis, total, accounts: rows.length, top1: topN(1), top5, top10: topN(10), hhi, hhiFraction: hhiF,
    hhiBand: hhi < b.diversified ? 'diversified' : hhi < b.moderate ? 'moderate' : hhi < b.high ? 'high' : 'critical',
    redLines: [
      { id: 'single_account', threshold: single, value: rows[0]?.share ?? 0, crossed: (rows[0]?.share ?? 0) > single, accountIds: rows.filter((r) => r.share > single).map((r) => r.accountId) },
      { id: 'top5', threshold: top5Line, value: top5, crossed: top5 > top5Line, accountIds: rows.slice(0, 5).map((r) => r.accountId) },
    ],
    ranking: rows,
  };
}

export interface RetentionOptions {
  now: Instant;
  currency: string;
  fx?: FxTable;
  fxAsOf?: Instant;
  /** Period length. Default year. */
  period?: Period;
  /** How many complete periods back (default 4), ending with the last complete one (or the current one when includeCurrent). */
  periods?: number;
  includeCurrent?: boolean;
}

export interface RetentionPeriod {
  period: string;
  /** Revenue in the previous period of the accounts that had revenue then. */
  start: number;
  expansion: number;
  downgrade: number;
  churn: number;
  churnedAccounts: string[];
  /** (start − churn − downgrade) / start. */
  grr: number | undefined;
  /** (start + expansion − downgrade − churn) / start. */
  nrr: number | undefined;
  /** Revenue from accounts that had none in the previous period. */
  newRevenue: number;
}

export interface CohortRow {
  /** Period of the accounts' first order. */
  cohort: string;
  accounts: number;
  /** Revenue in the cohort's first period. */
  base: number;
  /** Per later period (index 0 = the first period): NRR and GRR against the base. */
  periods: Array<{ period: string; revenue: number; nrr: number | undefined; grr: number | undefined; activeAccounts: number }>;
}

export interface RenewalRate {
  /** Contracts that ended in the window and were decided (renewed or churned / lapsed). */
  due: number;
  renewed: number;
  churned: number;
  rate: number | undefined;
  valueRate: number | undefined;
}

export interface Retention {
  period: Period;
  currency: string;
  byPeriod: RetentionPeriod[];
  cohorts: CohortRow[];
  renewal: RenewalRate;
  /** Orders left out for lack of an FX rate. */
  excluded: MoneyTotal['excluded'];
}

/** GRR and NRR per period and per first-order cohort, from order revenue; renewal rate from contracts. */
export function retention(book: BookInput, opts: RetentionOptions): Retention {
  const src = toSource(book);
  const now = nowMs(opts.now);
  const period = opts.period ?? 'year';
  const n = Math.max(1, opts.periods ?? 4);
  const asOf = new Date(opts.fxAsOf !== undefined ? nowMs(opts.fxAsOf) : now).toISOString();
  const rate = rateCache(opts.currency, opts.fx, asOf);
  const current = periodStart(now, period);
  const lastStart = opts.includeCurrent ? current : addPeriods(current, period, -1);
  const firstStart = addPeriods(lastStart, period, -(n - 1));
  const windowStart = addPeriods(firstStart, period, -1);
  const windowEnd = addPeriods(lastStart, period, 1);
  // revenue[account][periodIndex] for periods windowStart … lastStart (index 0 = the period before the first reported).
  const revenue = new Map<string, Float64Array>();
  const firstOrder = new Map<string, number>();
  const excludedAcc = new MoneyAccumulator(opts.currency, opts.fx, asOf);
  const starts: number[] = [];
  for (let p = windowStart; p < windowEnd; p = addPeriods(p, period, 1)) starts.push(p);
  const indexOf = (ms: number) => { let lo = 0, hi = starts.length - 1; while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= ms) lo = mid; else hi = mid - 1; } return lo; };
  for (const o of src.all('orders')) {
    if (o.status === 'cancelled') continue;
    const at = parseIso(o.orderedAt);
    if (at === undefined || at > now || !Number.isFinite(o.amount.amount)) continue;
    const f = firstOrder.get(o.accountId);
    if (f === undefined || at < f) firstOrder.set(o.accountId, at);
    if (at < windowStart || at >= windowEnd) continue;
    const r = rate(o.amount.currency);
    if (r === undefined) { excludedAcc.add(o.amount); continue; }
    let row = revenue.get(o.accountId);
    if (!row) { row = new Float64Array(starts.length); revenue.set(o.accountId, row); }
    row[indexOf(at)] += o.amount.amount * r;
  }
  const byPeriod: RetentionPeriod[] = [];
  for (let k = 1; k < starts.length; k++) {
    let start = 0, expansion = 0, downgrade = 0, churn = 0, newRevenue = 0;
    const churned: string[] = [];
    for (const [id, row] of revenue) {
      const prev = row[k - 1], cur = row[k];
      if (prev > 0) {
        start += prev;
        if (cur <= 0) { churn += prev; churned.push(id); }
        else if (cur < prev) downgrade += prev - cur;
        else expansion += cur - prev;
      } else if (cur > 0) newRevenue += cur;
    }
    byPeriod.push({
      period: periodKey(starts[k], period), start, expansion, downgrade, churn, churnedAccounts: churned.sort(),
      grr: start > 0 ? (start - churn - downgrade) / start : undefined,
      nrr: start > 0 ? (start + expansion - downgrade - churn) / start : undefined,
      newRevenue,
    });
  }
  // Cohorts by first-order period, within the reported periods.
  const cohorts: CohortRow[] = [];
  for (let k = 1; k < starts.length; k++) {
    const members = [...revenue.keys()].filter((id) => { const f = firstOrder.get(id)!; return f >= starts[k] && (k + 1 >= starts.length || f < starts[k + 1]); });
    if (!members.length) continue;
    const base = members.reduce((s, id) => s + revenue.get(id)![k], 0);
    const periods: CohortRow['periods'] = [];
    for (let q = k; q < starts.length; q++) {
      let rev = 0, kept = 0, active = 0;
      for (const id of members) { const row = revenue.get(id)!; rev += row[q]; kept += Math.min(row[q], row[k]); if (row[q] > 0) active++; }
      periods.push({ period: periodKey(starts[q], period), revenue: rev, nrr: base > 0 ? rev / base : undefined, grr: base > 0 ? kept / base : undefined, activeAccounts: active });
    }
    cohorts.push({ cohort: periodKey(starts[k], period), accounts: members.length, base, periods });
  }
  // Renewal rate over the reported window.
  let due = 0, renewed = 0, churnedC = 0, dueValue = 0, renewedValue = 0;
  for (const c of src.all('contracts')) {
    const end = parseIso(c.endDate);
    if (end === undefined || end < firstStart || end >= windowEnd || end > now) continue;
    const isRenewed = c.renewalStatus === 'renewed' || !!c.renewedById;
    const isChurned = c.renewalStatus === 'churned' || (!isRenewed && !c.autoRenew && c.renewalStatus !== 'in_negotiation');
    if (!isRenewed && !isChurned) continue;
    const r = rate(c.value.currency);
    due++;
    if (r !== undefined) dueValue += c.value.amount * r;
    if (isRenewed) { renewed++; if (r !== undefined) renewedValue += c.value.amount * r; } else churnedC++;
  }
  return {
    period, currency: opts.currency, byPeriod, cohorts,
    renewal: { due, renewed, churned: churnedC, rate: due ? renewed / due : undefined, valueRate: dueValue > 0 ? renewedValue / dueValue : undefined },
    excluded: excludedAcc.total().excluded,
  };
}

export interface ContributionRow {
  accountId: string;
  name: string;
  revenue: number;
  profit: number | undefined;
  margin: number | undefined;
  orders: number;
  /** Share of the window's months (from the account's first order in it) that had an order. */
  repurchaseRate: number | undefined;
  revenueRank: number;
  profitRank: number | undefined;
}

/** Contribution ranking by revenue (then profit and repurchase rate beside it). */
export function contributionRanking(book: BookInput, opts: PortfolioOptions & { sortBy?: 'revenue' | 'profit' | 'repurchaseRate' }): ContributionRow[] {
  const src = toSource(book);
  const { from, to, asOf, now } = window(opts);
  const rate = rateCache(opts.currency, opts.fx, asOf);
  const agg = new Map<string, { revenue: number; profit: number; hasProfit: boolean; orders: number; months: Set<string>; first: number }>();
  for (const o of src.all('orders')) {
    if (o.status === 'cancelled') continue;
    const at = parseIso(o.orderedAt);
    if (at === undefined || at < from || at >= to) continue;
    const r = rate(o.amount.currency);
    if (r === undefined || !Number.isFinite(o.amount.amount)) continue;
    let a = agg.get(o.accountId);
    if (!a) { a = { revenue: 0, profit: 0, hasProfit: false, orders: 0, months: new Set(), first: at }; agg.set(o.accountId, a); }
    a.revenue += o.amount.amount * r;
    if (o.margin && Number.isFinite(o.margin.amount)) { const rm = rate(o.margin.currency); if (rm !== undefined) { a.profit += o.margin.amount * rm; a.hasProfit = true; } }
    a.orders++;
    a.months.add(periodKey(at, 'month'));
    if (at < a.first) a.first = at;
  }
  const names = new Map(src.all('accounts').map((x) => [x.id, x.name]));
  const end = Math.min(to, now);
  const rows: ContributionRow[] = [...agg].map(([id, a]) => {
    const months = Math.max(1, monthsBetween(a.first, end));
    return {
      accountId: id, name: names.get(id) ?? id, revenue: a.revenue,
      profit: a.hasProfit ? a.profit : undefined, margin: a.hasProfit && a.revenue > 0 ? a.profit / a.revenue : undefined,
      orders: a.orders, repurchaseRate: a.orders > 1 ? Math.min(1, (a.months.size - 1) / Math.max(1, months - 1)) : 0,
      revenueRank: 0, profitRank: undefined,
    };
  });
  [...rows].sort((x, y) => y.revenue - x.revenue || x.accountId.localeCompare(y.accountId)).forEach((r, i) => (r.revenueRank = i + 1));
  [...rows].filter((r) => r.profit !== undefined).sort((x, y) => y.profit! - x.profit! || x.accountId.localeCompare(y.accountId)).forEach((r, i) => (r.profitRank = i + 1));
  const key = opts.sortBy ?? 'revenue';
  return rows.sort((x, y) => ((y[key] ?? -Infinity) - (x[key] ?? -Infinity)) || x.accountId.localeCompare(y.accountId));
}

function monthsBetween(a: number, b: number): number {
  const da = new Date(a), db = new Date(b);
  return (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + db.getUTCMonth() - da.getUTCMonth() + 1;
}

export interface BreakdownRow {
  key: string;
  accounts: number;
  revenue: MoneyTotal;
  margin: MoneyTotal;
  openPipeline: MoneyTotal;
  wonDeals: number;
}

/** Revenue, margin, open pipeline and won deals per region or industry ('' = not set). */
export function breakdownBy(book: BookInput, dimension: 'region' | 'industry' | 'tier', opts: PortfolioOptions): BreakdownRow[] {
  const src = toSource(book);
  const { from, to, asOf } = window(opts);
  const keyOf = new Map(src.all('accounts').map((a) => [a.id, (a[dimension] as string | undefined) ?? '']));
  const rows = new Map<string, { accounts: Set<string>; revenue: MoneyAccumulator; margin: MoneyAccumulator; open: MoneyAccumulator; won: number }>();
  const row = (k: string) => {
    let r = rows.get(k);
    if (!r) { r = { accounts: new Set(), revenue: new MoneyAccumulator(opts.currency, opts.fx, asOf), margin: new MoneyAccumulator(opts.currency, opts.fx, asOf), open: new MoneyAccumulator(opts.currency, opts.fx, asOf), won: 0 }; rows.set(k, r); }
    return r;
  };
  for (const a of src.all('accounts')) row(keyOf.get(a.id)!).accounts.add(a.id);
  for (const o of src.all('orders') as readonly Order[]) {
    if (o.status === 'cancelled') continue;
    const at = parseIso(o.orderedAt);
    if (at === undefined || at < from || at >= to) continue;
    const r = row(keyOf.get(o.accountId) ?? '');
    r.revenue.add(o.amount);
    if (o.margin) r.margin.add(o.margin);
  }
  const kinds = new Map<string, string>();
  for (const p of src.pipelines()) for (const s of p.stages) kinds.set(`${p.id}\u0000${s.id}`, s.kind);
  for (const o of src.all('opportunities')) {
    const kind = kinds.get(`${o.pipelineId}\u0000${o.stageId}`);
    const r = row(keyOf.get(o.accountId) ?? '');
    if (kind === 'open') r.open.add(o.amount);
    else if (kind === 'won') { const at = parseIso(o.closedAt ?? o.closeDate); if (at !== undefined && at >= from && at < to) r.won++; }
  }
  return [...rows].map(([key, r]) => ({ key, accounts: r.accounts.size, revenue: r.revenue.total(), margin: r.margin.total(), openPipeline: r.open.total(), wonDeals: r.won }))
    .sort((a, b) => b.revenue.amount - a.revenue.amount || a.key.localeCompare(b.key));
}

export interface TeamEfficiencyRow {
  /** Owner id or team name ('' = none). */
  key: string;
  people: number;
  won: number;
  lost: number;
  wonValue: MoneyTotal;
  winRate: number | undefined;
  wonPerPerson: number;
  /** Mean days from creation to won. */
  averageCycleDays: number | undefined;
}

/** Deals won per person and average cycle, per owner or per team, for deals closed in the window. */
export function teamEfficiency(book: BookInput, by: 'owner' | 'team', opts: PortfolioOptions): TeamEfficiencyRow[] {
  const src = toSource(book);
  const { from, to, asOf } = window(opts);
  const teamOf = new Map(src.all('users').map((u) => [u.id, u.team ?? '']));
  const kinds = new Map<string, string>();
  for (const p of src.pipelines()) for (const s of p.stages) kinds.set(`${p.id}\u0000${s.id}`, s.kind);
  const rows = new Map<string, { people: Set<string>; won: number; lost: number; value: MoneyAccumulator; cycle: number; cycleN: number }>();
  const row = (k: string) => {
    let r = rows.get(k);
    if (!r) { r = { people: new Set(), won: 0, lost: 0, value: new MoneyAccumulator(opts.currency, opts.fx, asOf), cycle: 0, cycleN: 0 }; rows.set(k, r); }
    return r;
  };
  if (by === 'team') for (const u of src.all('users')) row(u.team ?? '').people.add(u.id);
  for (const o of src.all('opportunities')) {
    const kind = kinds.get(`${o.pipelineId}\u0000${o.stageId}`);
    if (kind !== 'won' && kind !== 'lost') continue;
    const closed = parseIso(o.closedAt ?? o.closeDate);
    if (closed === undefined || closed < from || closed >= to) continue;
    const owner = o.ownerId ?? '';
    const r = row(by === 'owner' ? owner : teamOf.get(owner) ?? '');
    if (owner) r.people.add(owner);
    if (kind === 'won') {
      r.won++;
      r.value.add(o.amount);
      const start = parseIso(o.createdAt) ?? parseIso(o.stageHistory?.[0]?.enteredAt);
      if (start !== undefined && closed >= start) { r.cycle += (closed - start) / DAY_MS; r.cycleN++; }
    } else r.lost++;
  }
  return [...rows].map(([key, r]) => ({
    key, people: r.people.size, won: r.won, lost: r.lost, wonValue: r.value.total(),
    winRate: r.won + r.lost ? r.won / (r.won + r.lost) : undefined,
    wonPerPerson: r.people.size ? r.won / r.people.size : r.won,
    averageCycleDays: r.cycleN ? r.cycle / r.cycleN : undefined,
  })).sort((a, b) => b.won - a.won || a.key.localeCompare(b.key));
}
