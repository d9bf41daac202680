// Evaluating alert rules over a book at an explicit `now`. Each alert carries its reason in
// words, the numbers behind it (`facts`) and a suggested next action.
import type { FxTable } from '../model/money.js';
import type { Opportunity, Stage } from '../model/schemas.js';
import { sumMoney } from '../model/money.js';
import type { HealthModel } from '../health/model.js';
import { defaultHealthModel } from '../health/defaults.js';
import { computeSignals } from '../health/signals.js';
import { outstanding, renewalPending, ticketOpen } from '../health/records.js';
import { scoreBook, type BookHealth } from '../health/book.js';
import type { PreviousScore } from '../health/score.js';
import type { HealthOverride } from '../health/overrides.js';
import { concentration } from '../analytics/portfolio.js';
import { forecastNextPurchase } from '../analytics/purchase.js';
import { toSource, type BookInput } from '../analytics/source.js';
import { DAY_MS, nowMs, parseIso, type Instant } from '../analytics/util.js';
import type { AlertRule, AlertSeverity, AlertType, SuggestedAction } from './rules.js';
import { defaultAlertRules } from './defaults.js';
import { count, date, money, num, pct } from './format.js';

export interface Alert {
  /** Stable per rule and subject: `ruleId:accountId[:subjectId]`. */
  id: string;
  ruleId: string;
  type: AlertType;
  severity: AlertSeverity;
  accountId?: string;
  opportunityId?: string;
  contractId?: string;
  /** Short English title; elements localise from `type` + `facts`. */
  title: string;
  /** Why it fired, with the numbers, in one English sentence. */
  reason: string;
  /** The numbers behind it. */
  facts: Record<string, number | string | boolean | null>;
  action: SuggestedAction;
  at: string;
}

export interface AlertOptions {
  now: Instant;
  rules?: readonly AlertRule[];
  /** The health model (default `defaultHealthModel`) used when `health` is not given. */
  model?: HealthModel;
  /** Pre-computed book health (scoreBook); computed when a health rule needs it. */
  health?: BookHealth;
  /** Health overrides applied when `health` is computed here (as every other health figure applies them). */
  overrides?: readonly HealthOverride[];
  /** Previous scores for `health_dropped` when `health` is computed here. */
  previous?: ReadonlyMap<string, PreviousScore | number> | Record<string, PreviousScore | number>;
  /** Reporting currency for amounts in facts (default: each amount's own). */
  currency?: string;
  fx?: FxTable;
  /** Only these accounts (portfolio rules still look at the whole book). */
  accountIds?: readonly string[];
}

const SEVERITY_ORDER: Record<AlertSeverity, number> = { red: 0, yellow: 1, blue: 2 };
const HEALTH_RULES = new Set<AlertType>(['health_below_band', 'health_dropped', 'renewal_due']);

const defaultAction: Record<AlertType, SuggestedAction> = Object.fromEntries(defaultAlertRules.map((r) => [r.type, r.action!])) as Record<AlertType, SuggestedAction>;

function round(x: number, d = 1): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** Runs every enabled rule; alerts come back red first, then yellow, then blue. */
export function evaluateAlerts(book: BookInput, opts: AlertOptions): Alert[] {
  const src = toSource(book);
  const now = nowMs(opts.now);
  const at = new Date(now).toISOString();
  const rules = (opts.rules ?? defaultAlertRules).filter((r) => r.enabled !== false);
  const accounts = opts.accountIds ? opts.accountIds.map((id) => ({ id })) : src.all('accounts');
  const names = new Map(src.all('accounts').map((a) => [a.id, a.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const model = opts.model ?? defaultHealthModel;
  let health = opts.health;
  if (!health && rules.some((r) => HEALTH_RULES.has(r.type))) {
    health = scoreBook(src, model, { now, previous: opts.previous, overrides: opts.overrides, skipNextBand: true, accountIds: accounts.map((a) => a.id), fx: opts.fx, currency: opts.currency });
  }
  const out: Alert[] = [];
  const push = (rule: AlertRule, severity: AlertSeverity, a: Omit<Alert, 'id' | 'ruleId' | 'type' | 'severity' | 'action' | 'at'>, subject?: string) => {
    out.push({
      id: [rule.id, a.accountId ?? '', subject ?? ''].filter(Boolean).join(':'),
      ruleId: rule.id, type: rule.type, severity: rule.severity ?? severity, action: rule.action ?? defaultAction[rule.type], at, ...a,
    });
  };
  // One health-band alert per account: band rules are nested thresholds of one score, so an
  // account below yellow is below green too; it gets the most severe that applies (then the
  // deepest band), whatever the rules' order. Index of each account's one in `out`.
  const bandAlert = new Map<string, number>();
  const stages = new Map<string, Stage>();
  for (const p of src.pipelines()) for (const s of p.stages) stages.set(`${p.id}\u0000${s.id}`, s);
  const stageOf = (o: Opportunity) => stages.get(`${o.pipelineId}\u0000${o.stageId}`);

  for (const rule of rules) {
    switch (rule.type) {
      case 'health_below_band': {
        const bi = model.bands.findIndex((b) => b.id === rule.band);
        if (bi < 0) break;
        for (const acc of accounts) {
          const r = health?.results.get(acc.id);
          if (!r) continue;
          const ri = model.bands.findIndex((b) => b.id === r.band.id);
          if (ri >= bi) continue;
          const worst = r.drivers.negative[0];
          push(rule, r.band.tone === 'green' ? 'blue' : r.band.tone, {
            accountId: acc.id, title: `Health ${r.band.label.toLowerCase()}`,
            reason: `${nameOf(acc.id)} scores ${num(r.score)} (${r.band.label}), below ${model.bands[bi].label} at ${num(model.bands[bi].min)}${worst ? `; biggest loss: ${worst.label} (−${count(worst.pointsLost, 'point', 1)})` : ''}.`,
            facts: { score: round(r.score, 2), band: r.band.id, threshold: model.bands[bi].min, coverage: round(r.coverage, 3), topDriver: worst?.id ?? null, topDriverPointsLost: worst ? round(worst.pointsLost, 2) : null },
          });
          const had = bandAlert.get(acc.id);
          if (had === undefined) { bandAlert.set(acc.id, out.length - 1); continue; }
          const a = out.pop()!, b = out[had];
          if ((SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.facts.threshold as number) - (b.facts.threshold as number)) < 0) out[had] = a;
        }
        break;
      }
      case 'health_dropped': {
        for (const acc of accounts) {
          const r = health?.results.get(acc.id);
          if (!r?.trend || -r.trend.delta < rule.points) continue;
          push(rule, r.band.tone === 'red' ? 'red' : 'yellow', {
            accountId: acc.id, title: 'Health dropped',
            reason: `${nameOf(acc.id)} fell ${count(-r.trend.delta, 'point', 1)}, from ${num(r.trend.previous)} to ${num(r.score)} (threshold ${num(rule.points)}).`,
            facts: { score: round(r.score, 2), previous: round(r.trend.previous, 2), drop: round(-r.trend.delta, 2), threshold: rule.points, band: r.band.id },
          });
        }
        break;
      }
      case 'renewal_due': {
        for (const acc of accounts) {
          for (const c of src.byAccount('contracts', acc.id)) {
            if (!renewalPending(c)) continue;
            const end = parseIso(c.endDate);
            if (end === undefined) continue;
            const days = (end - now) / DAY_MS;
            if (days < 0 || days > rule.withinDays) continue;
            const r = health?.results.get(acc.id);
            const sig = health?.signals.get(acc.id) ?? computeSignals(src, acc.id, now);
            const openTickets = src.byAccount('tickets', acc.id).filter((k) => ticketOpen(k) && (parseIso(k.openedAt) ?? 0) <= now).length;
            const risky = r?.band.tone === 'red' || days <= rule.withinDays / 3;
            push(rule, risky ? 'red' : r?.band.tone === 'yellow' ? 'yellow' : 'blue', {
              accountId: acc.id, contractId: c.id, title: 'Renewal due',
              reason: `${c.name || 'Contract'} with ${nameOf(acc.id)} ends in ${count(Math.ceil(days), 'day')}${r ? `; health ${num(r.score)} (${r.band.label})` : ''}, ${count(openTickets, 'open ticket')}${sig['satisfaction.nps'] !== undefined ? `, NPS ${num(sig['satisfaction.nps']!)}` : ''}${sig['satisfaction.csat'] !== undefined ? `, CSAT ${num(sig['satisfaction.csat']!, 2)}` : ''}.`,
              facts: {
                daysLeft: round(days, 1), endDate: c.endDate, contractValue: c.value.amount, currency: c.value.currency,
                health: r ? round(r.score, 2) : null, band: r?.band.id ?? null, openTickets,
                nps: sig['satisfaction.nps'] ?? null, csat: sig['satisfaction.csat'] ?? null, renewalStatus: c.renewalStatus,
              },
            }, c.id);
          }
        }
        break;
      }
      case 'payment_overdue': {
        for (const acc of accounts) {
          let maxDays = 0, n = 0;
          const amounts: Array<{ amount: number; currency: string }> = [];
          for (const inv of src.byAccount('invoices', acc.id)) {
            const due = parseIso(inv.dueDate);
            if (due === undefined) continue;
            const rest = outstanding(inv);
            if (!(rest > 0)) continue;
            const late = (now - due) / DAY_MS;
            if (late <= rule.days) continue;
            n++;
            maxDays = Math.max(maxDays, late);
            amounts.push({ amount: rest, currency: inv.amount.currency });
          }
          if (!n) continue;
          const total = sumMoney(amounts, opts.currency ?? amounts[0].currency, opts.fx, at);
          push(rule, maxDays > 2 * Math.max(30, rule.days) ? 'red' : 'yellow', {
            accountId: acc.id, title: 'Payment overdue',
            reason: `${nameOf(acc.id)} has ${count(n, 'invoice')} unpaid more than ${count(rule.days, 'day')} past due (longest ${count(Math.floor(maxDays), 'day')}), ${money(total.amount, total.currency)} outstanding${total.excluded.length ? ` plus ${total.excluded.map((e) => money(e.amount, e.currency)).join(', ')} without an FX rate` : ''}.`,
            facts: { invoices: n, maxDaysOverdue: Math.floor(maxDays), outstanding: round(total.amount, 2), currency: total.currency, threshold: rule.days },
          });
        }
        break;
      }
      case 'order_volume_down': {
        for (const acc of accounts) {
          const trend = computeSignals(src, acc.id, now, { trendDays: rule.periodDays, fx: opts.fx })['orders.trend'];
          if (trend === undefined || -trend * 100 <= rule.percent) continue;
          push(rule, -trend >= 0.6 ? 'red' : 'yellow', {
            accountId: acc.id, title: 'Orders down',
            reason: `${nameOf(acc.id)} ordered ${pct(-trend)} less in the last ${count(rule.periodDays, 'day')} than in the ${count(rule.periodDays, 'day')} before (threshold ${pct(rule.percent / 100)}).`,
            facts: { changePercent: round(trend * 100, 1), threshold: rule.percent, periodDays: rule.periodDays },
          });
        }
        break;
      }
      case 'purchase_overdue': {
        for (const acc of accounts) {
          const f = forecastNextPurchase(src.byAccount('orders', acc.id), now, { tolerance: rule.tolerance });
          if (f.orders < rule.minOrders || !f.overdue) continue;
          const since = (now - parseIso(f.lastOrderAt)!) / DAY_MS;
          push(rule, since > 2 * rule.tolerance * f.medianIntervalDays! ? 'red' : 'yellow', {
            accountId: acc.id, title: 'Purchase overdue',
            reason: `${nameOf(acc.id)} usually orders every ${count(f.medianIntervalDays!, 'day', 1)} but last ordered ${count(Math.floor(since), 'day')} ago (expected ${date(f.expectedAt!)}).`,
            facts: { daysSinceLastOrder: Math.floor(since), medianIntervalDays: round(f.medianIntervalDays!, 1), expectedAt: f.expectedAt!, tolerance: rule.tolerance, orders: f.orders, confidence: f.confidence },
          });
        }
        break;
      }
      case 'no_decision_maker': {
        for (const acc of accounts) {
          if (rule.onlyWithOpenDeals && !src.byAccount('opportunities', acc.id).some((o) => stageOf(o)?.kind === 'open')) continue;
          const sig = computeSignals(src, acc.id, now, { recentDays: rule.withinDays });
          if (sig['relationship.decisionMakerReached'] === 1) continue;
          const dms = src.byAccount('contacts', acc.id).filter((c) => c.role === 'decision_maker' || c.role === 'economic_buyer');
          push(rule, 'yellow', {
            accountId: acc.id, title: 'No engaged decision maker',
            reason: dms.length
              ? `None of ${nameOf(acc.id)}'s ${count(dms.length, 'decision maker')} was engaged in the last ${count(rule.withinDays, 'day')}.`
              : `${nameOf(acc.id)} has no contact recorded as decision maker or economic buyer.`,
            facts: { decisionMakers: dms.length, engagedContacts: sig['contacts.engaged'] ?? 0, withinDays: rule.withinDays },
          });
        }
        break;
      }
      case 'concentration': {
        const c = concentration(src, { now, currency: opts.currency ?? src.all('orders')[0]?.amount.currency ?? 'USD', fx: opts.fx, from: now - rule.windowDays * DAY_MS, redLines: { single: rule.single, top5: rule.top5 } });
        const single = c.redLines[0];
        for (const id of single.accountIds) {
          const row = c.ranking.find((r) => r.accountId === id)!;
          push(rule, 'yellow', {
            accountId: id, title: 'Concentration red line',
            reason: `${nameOf(id)} brings ${pct(row.share)} of revenue, above the ${pct(rule.single)} red line.`,
            facts: { share: round(row.share, 4), threshold: rule.single, hhi: round(c.hhi), top5: round(c.top5, 4) },
          }, 'single');
        }
        const top = c.redLines[1];
        if (top.crossed) {
          push(rule, 'yellow', {
            title: 'Concentration red line',
            reason: `The top five accounts bring ${pct(top.value)} of revenue, above the ${pct(rule.top5)} red line (HHI ${num(c.hhi, 0)}, ${c.hhiBand}).`,
            facts: { top5: round(top.value, 4), threshold: rule.top5, hhi: round(c.hhi), hhiBand: c.hhiBand, accounts: top.accountIds.join(',') },
          }, 'top5');
        }
        break;
      }
      case 'idle_deal': {
        const wanted = opts.accountIds ? new Set(opts.accountIds) : undefined;
        for (const o of src.all('opportunities')) {
          if (wanted && !wanted.has(o.accountId)) continue;
          const st = stageOf(o);
          if (!st || st.kind !== 'open' || st.idleDays === undefined) continue;
          let entered: number | undefined;
          for (const h of o.stageHistory ?? []) if (h.stageId === o.stageId) { const e = parseIso(h.enteredAt); if (e !== undefined && (entered === undefined || e > entered)) entered = e; }
          entered ??= parseIso(o.createdAt);
          if (entered === undefined) continue;
          const days = (now - entered) / DAY_MS;
          if (days <= st.idleDays) continue;
          push(rule, days > rule.redFactor * st.idleDays ? 'red' : 'yellow', {
            accountId: o.accountId, opportunityId: o.id, title: 'Idle deal',
            reason: `${o.name} has sat in ${st.name} for ${count(Math.floor(days), 'day')} (threshold ${count(st.idleDays, 'day')}).`,
            facts: { daysInStage: Math.floor(days), threshold: st.idleDays, deal: o.name, stage: st.name, stageId: o.stageId, amount: o.amount.amount, currency: o.amount.currency },
          }, o.id);
        }
        break;
      }
    }
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.accountId ?? '').localeCompare(b.accountId ?? '') || a.id.localeCompare(b.id));
}
