// Signals: the raw per-account numbers a health model scores. Each is computed from the book
// at an explicit `now`; a signal without data is `undefined` (never NaN), and the model's
// missing-data policy decides what that means.
import type { Account, Money } from '../model/schemas.js';
import type { FxTable } from '../model/money.js';
import { fxRate } from '../model/money.js';
import { toSource, type BookInput } from '../analytics/source.js';
import { outstanding, renewalPending, ticketOpen } from './records.js';
import { DAY_MS, nowMs, toMs, type Instant } from '../analytics/util.js';

/** Signal name → value. `undefined` (or absent) means "no data". */
export type Signals = Record<string, number | undefined>;

export interface SignalInfo {
  /** Stable name a health model refers to, e.g. `payment.avgDaysLate`. */
  name: string;
  label: string;
  unit: 'days' | 'count' | 'share' | 'ratio' | 'flag' | 'nps' | 'csat' | 'points';
  description: string;
}

/**
 * Each built-in signal's unit, by name: what an element needs to format a value. Apart from
 * `builtInSignals` (which adds labels and descriptions) so that a page that only formats values
 * does not load those sentences.
 */
export const builtInSignalUnits: Readonly<Record<string, SignalInfo['unit']>> = {
  'renewal.daysToRenewal': 'days', 'tickets.count90d': 'count', 'tickets.severity90d': 'points',
  'activity.daysSinceLast': 'days', 'activity.count90d': 'count', 'payment.avgDaysLate': 'days',
  'payment.overdueShare': 'share', 'orders.trend': 'ratio', 'contacts.engaged': 'count',
  'relationship.execSponsor': 'flag', 'relationship.decisionMakerReached': 'flag', 'satisfaction.nps': 'nps', 'satisfaction.csat': 'csat',
};

export const builtInSignalNames: readonly string[] = /* @__PURE__ */ Object.keys(builtInSignalUnits);

/** Every signal `computeSignals` provides. A model may only use these (or ones you declare). */
export const builtInSignals: readonly SignalInfo[] = /* @__PURE__ */ (
  // name, label, description (the unit from builtInSignalUnits)
  [
    ['renewal.daysToRenewal', 'Days to renewal', 'Days until the nearest contract that is not yet renewed ends (negative when it ended unrenewed).'],
    ['tickets.count90d', 'Service requests (90 days)', 'Tickets opened in the last 90 days.'],
    ['tickets.severity90d', 'Service-request severity (90 days)', 'Severity-weighted tickets opened in the last 90 days or still open: critical 8, high 4, medium 2, low 1.'],
    ['activity.daysSinceLast', 'Days since last activity', 'Days since the latest touch point (visit, call, meeting, email …).'],
    ['activity.count90d', 'Activities (90 days)', 'Touch points in the last 90 days.'],
    ['payment.avgDaysLate', 'Average days late', 'Mean days past due of invoices due in the last 365 days (unpaid ones count until now).'],
    ['payment.overdueShare', 'Overdue share', 'Share of the outstanding receivable that is past due (0–1).'],
    ['orders.trend', 'Order trend', 'Order value in the last period against the one before: −1 (stopped) … +1 (doubled or new).'],
    ['contacts.engaged', 'Engaged contacts', 'Contacts engaged in the last 90 days.'],
    ['relationship.execSponsor', 'Executive sponsor', '1 when the account team has an executive sponsor, else 0.'],
    ['relationship.decisionMakerReached', 'Decision maker reached', '1 when a decision maker or economic buyer was engaged in the last 90 days, else 0.'],
    ['satisfaction.nps', 'NPS', 'Net promoter score of answers in the last 365 days (−100…100).'],
    ['satisfaction.csat', 'CSAT', 'Mean CSAT (1–5) of answers in the last 365 days.'],
  ] satisfies Array<[string, string, string]>
).map(([name, label, description]) => ({ name, label, unit: builtInSignalUnits[name], description }));

export interface SignalOptions {
  /** Window for "recent" engagement, tickets and activity counts. Default 90 days. */
  recentDays?: number;
  /** Length of each order-trend period. Default 180 days (last 180 vs the 180 before). */
  trendDays?: number;
  /** FX for order trend and overdue share across currencies (otherwise the main currency only). */
  fx?: FxTable;
}

const SEVERITY_POINTS = { critical: 8, high: 4, medium: 2, low: 1 } as const;

/** Converts to a common unit (the first currency seen, via fx when present); undefined = no rate. */
function unitValue(m: Money, base: string, fx: FxTable | undefined, asOf: string): number | undefined {
  if (!Number.isFinite(m.amount)) return undefined;
  if (m.currency === base) return m.amount;
  if (!fx) return undefined;
  const r = fxRate(fx, m.currency, base, asOf);
  return r === undefined ? undefined : m.amount * r;
}

function mainCurrency(items: readonly { currency: string }[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let bestN = 0;
  for (const i of items) {
    const n = (counts.get(i.currency) ?? 0) + 1;
    counts.set(i.currency, n);
    if (n > bestN) { best = i.currency; bestN = n; }
  }
  return best;
}

/**
 * Every built-in signal for one account at `now`. Values are finite numbers or undefined.
 * Records dated after `now` are ignored (the book may hold future-dated plans).
 */
export function computeSignals(book: BookInput, accountId: string, now: Instant, opts: SignalOptions = {}): Signals {
  const src = toSource(book);
  const t = nowMs(now);
  const asOf = new Date(t).toISOString();
  const recent = (opts.recentDays ?? 90) * DAY_MS;
  const trendSpan = (opts.trendDays ?? 180) * DAY_MS;
  const out: Signals = {};

  // Renewal proximity: the nearest contract end that has not been renewed or churned.
  let nearest: number | undefined;
  for (const c of src.byAccount('contracts', accountId)) {
    if (!renewalPending(c)) continue;
    const end = toMs(c.endDate);
    const start = toMs(c.startDate);
    if (end === undefined || (start !== undefined && start > t)) continue;
    const days = (end - t) / DAY_MS;
    if (days < -365) continue; // long lapsed: history, not a pending renewal
    if (nearest === undefined || days < nearest) nearest = days;
  }
  out['renewal.daysToRenewal'] = nearest;

  // Service requests: frequency and severity.
  let ticketCount = 0;
  let severity = 0;
  for (const k of src.byAccount('tickets', accountId)) {
    const opened = toMs(k.openedAt);
    if (opened === undefined || opened > t) continue;
    const isRecent = t - opened <= recent;
    const isOpen = ticketOpen(k);
    if (isRecent) ticketCount++;
    if (isRecent || isOpen) severity += SEVERITY_POINTS[k.severity] ?? 0;
  }
  out['tickets.count90d'] = ticketCount;
  out['tickets.severity90d'] = severity;

  // Engagement: recency and volume of activities; which contacts they touched.
  let lastActivity: number | undefined;
  let activityCount = 0;
  const engagedContacts = new Set<string>();
  for (const a of src.byAccount('activities', accountId)) {
    const at = toMs(a.occurredAt);
    if (at === undefined || at > t) continue;
    if (lastActivity === undefined || at > lastActivity) lastActivity = at;
    if (t - at <= recent) {
      activityCount++;
      if (a.contactId) engagedContacts.add(a.contactId);
    }
  }
  out['activity.daysSinceLast'] = lastActivity === undefined ? undefined : (t - lastActivity) / DAY_MS;
  out['activity.count90d'] = activityCount;

  // Relationship breadth.
  let decisionMaker = 0;
  let engaged = 0;
  for (const c of src.byAccount('contacts', accountId)) {
    const last = toMs(c.lastEngagedAt);
    const isEngaged = engagedContacts.has(c.id) || (last !== undefined && last <= t && t - last <= recent);
    if (!isEngaged) continue;
    engaged++;
    if (c.role === 'decision_maker' || c.role === 'economic_buyer') decisionMaker = 1;
  }
  out['contacts.engaged'] = engaged;
  out['relationship.decisionMakerReached'] = decisionMaker;
  out['relationship.execSponsor'] = src.byAccount('teamMembers', accountId).some((m) => m.role === 'executive_sponsor') ? 1 : 0;

  // Payment behaviour.
  const invoices = src.byAccount('invoices', accountId).filter((i) => {
    const issued = toMs(i.issuedAt);
    return issued === undefined || issued <= t;
  });
  if (invoices.length) {
    let lateSum = 0;
    let lateN = 0;
    const base = mainCurrency(invoices.map((i) => i.amount))!;
    let open = 0;
    let overdue = 0;
    for (const inv of invoices) {
      const due = toMs(inv.dueDate);
      if (due === undefined) continue;
      const paid = toMs(inv.paidDate);
      const rest = outstanding(inv);
      if (due <= t && t - due <= 365 * DAY_MS) {
        const settled = paid !== undefined && paid <= t && rest <= 0;
        lateSum += Math.max(0, ((settled ? paid! : t) - due) / DAY_MS);
        lateN++;
      }
      if (rest > 0) {
        const v = unitValue({ amount: rest, currency: inv.amount.currency }, base, opts.fx, asOf);
        if (v === undefined) continue;
        open += v;
        if (due < t) overdue += v;
      }
    }
    out['payment.avgDaysLate'] = lateN ? lateSum / lateN : undefined;
    out['payment.overdueShare'] = open > 0 ? overdue / open : 0;
  } else {
    out['payment.avgDaysLate'] = undefined;
    out['payment.overdueShare'] = undefined;
  }

  // Order trend: last period against the one before.
  const orders = src.byAccount('orders', accountId).filter((o) => o.status !== 'cancelled');
  if (orders.length) {
    const base = mainCurrency(orders.map((o) => o.amount))!;
    let last = 0;
    let prior = 0;
    let any = false;
    for (const o of orders) {
      const at = toMs(o.orderedAt);
      if (at === undefined || at > t) continue;
      const v = unitValue(o.amount, base, opts.fx, asOf);
      if (v === undefined) continue;
      any = true;
      if (t - at <= trendSpan) last += v;
      else if (t - at <= 2 * trendSpan) prior += v;
    }
    out['orders.trend'] = !any ? undefined : prior > 0 ? Math.max(-1, Math.min(1, (last - prior) / prior)) : last > 0 ? 1 : undefined;
  } else out['orders.trend'] = undefined;

  // Satisfaction.
  let promoters = 0;
  let detractors = 0;
  let npsN = 0;
  let csatSum = 0;
  let csatN = 0;
  for (const s of src.byAccount('surveys', accountId)) {
    const at = toMs(s.answeredAt);
    if (at === undefined || at > t || t - at > 365 * DAY_MS || !Number.isFinite(s.score)) continue;
    if (s.kind === 'nps') {
      npsN++;
      if (s.score >= 9) promoters++;
      else if (s.score <= 6) detractors++;
    } else { csatSum += s.score; csatN++; }
  }
  out['satisfaction.nps'] = npsN ? ((promoters - detractors) / npsN) * 100 : undefined;
  out['satisfaction.csat'] = csatN ? csatSum / csatN : undefined;

  for (const k of Object.keys(out)) if (out[k] !== undefined && !Number.isFinite(out[k]!)) out[k] = undefined;
  return out;
}

/** Accounts of a book (helper for callers that score everything). */
export function accountsOf(book: BookInput): readonly Account[] {
  return toSource(book).all('accounts');
}
