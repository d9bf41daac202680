import { describe, expect, it } from 'vitest';
import type { Book, Activity, Order, Stage } from '@kamkit/core';
import { parseHealthModel, scoreBook, computeSignals } from '@kamkit/core/health';
import { evaluateAlerts, parseAlertRules, defaultAlertRules, KamRuleError, nextBestActions, accountFacts, parseNbaRules, defaultNbaRules } from '@kamkit/core/alerts';

const now = '2026-11-23T00:00:00Z';
// One factor: touch points in 90 days, 0 → 0 points, 10 → 100.
const model = parseHealthModel({
  id: 'touch', label: 'Touch', root: ['touch'],
  bands: [{ id: 'red', label: 'Red', min: 0, max: 50, tone: 'red' }, { id: 'yellow', label: 'Yellow', min: 50, max: 75, tone: 'yellow' }, { id: 'green', label: 'Green', min: 75, max: 100, tone: 'green' }],
  factors: [{ id: 'touch', label: 'Touch points', signal: 'activity.count90d', weight: 1, direction: 'higher_is_better', scoring: { type: 'linear', from: 0, to: 10 } }],
});
let k = 0;
const act = (accountId: string, occurredAt: string, contactId?: string): Activity => ({ id: `x${++k}`, accountId, contactId, type: 'visit', subject: 'Visit', occurredAt, sourceIds: {} });
const order = (accountId: string, orderedAt: string, amount: number): Order => ({ id: `o${++k}`, accountId, orderedAt, amount: { amount, currency: 'CNY' }, status: 'fulfilled', sourceIds: {} });
const stage: Stage = { id: 's1', name: 'Qualify', order: 1, probability: 0.1, forecastCategory: 'pipeline', kind: 'open', idleDays: 10, entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] };
const book: Partial<Book> = {
  accounts: ['r', 'y', 'g'].map((id) => ({ id, name: `Acct ${id.toUpperCase()}`, tags: [], sourceIds: {} })),
  activities: [
    ...Array.from({ length: 6 }, (_, i) => act('y', `2026-11-0${i + 1}`, i === 0 ? 'dm' : undefined)),
    ...Array.from({ length: 10 }, (_, i) => act('g', `2026-10-${10 + i}`, 'dm3')),
  ],
  contacts: [
    { id: 'dm', accountId: 'y', name: 'Zhang', role: 'decision_maker', sourceIds: {} },
    { id: 'dm2', accountId: 'g', name: 'Li', role: 'economic_buyer', lastEngagedAt: '2026-01-01', sourceIds: {} },
    { id: 'dm3', accountId: 'g', name: 'Wu', role: 'champion', sourceIds: {} },
  ],
  invoices: [{ id: 'i1', accountId: 'r', amount: { amount: 500, currency: 'CNY' }, issuedAt: '2026-08-01', dueDate: '2026-09-01', sourceIds: {} }],
  contracts: [{ id: 'k1', accountId: 'r', name: 'Frame agreement', startDate: '2025-12-13', endDate: '2026-12-13', value: { amount: 1000, currency: 'CNY' }, renewalStatus: 'upcoming', sourceIds: {} }],
  tickets: [{ id: 't1', accountId: 'r', subject: 'Broken', severity: 'high', status: 'open', openedAt: '2026-11-01', sourceIds: {} }],
  surveys: [{ id: 'n1', accountId: 'r', kind: 'nps', score: 3, answeredAt: '2026-10-01' }],
  orders: [
    order('y', '2026-01-15', 1000), order('y', '2026-10-01', 300),
    ...['2026-05-01', '2026-05-31', '2026-06-30', '2026-07-30', '2026-08-29'].map((d) => order('g', d, 100)),
  ],
  pipelines: [{ id: 'p', name: 'P', stages: [stage, { ...stage, id: 'w', name: 'Won', order: 2, kind: 'won', idleDays: undefined }], rules: { allowSkip: true, allowBackward: true, allowReopen: false, wonRequires: { reason: false, date: true }, lostRequires: { reason: true, date: true } }, sourceIds: {} }],
  opportunities: [
    { id: 'd1', accountId: 'g', pipelineId: 'p', stageId: 's1', name: 'Expansion', amount: { amount: 10, currency: 'CNY' }, closeDate: '2027-01-01', stageHistory: [{ stageId: 's1', enteredAt: '2026-11-08' }], checklist: {}, sourceIds: {} },
    { id: 'd2', accountId: 'r', pipelineId: 'p', stageId: 's1', name: 'Renewal', amount: { amount: 10, currency: 'CNY' }, closeDate: '2027-01-01', stageHistory: [{ stageId: 's1', enteredAt: '2026-10-01' }], checklist: {}, sourceIds: {} },
  ],
};
const alerts = evaluateAlerts(book, { now, model, previous: { y: 80 }, currency: 'CNY' });
const of = (ruleId: string) => alerts.filter((a) => a.ruleId === ruleId);

describe('alert rules', () => {
  it('health below a band, with the score and the biggest loss', () => {
    expect(of('health-red').map((a) => [a.accountId, a.severity])).toEqual([['r', 'red']]);
    expect(of('health-red')[0].facts).toMatchObject({ score: 0, band: 'red', threshold: 50, topDriver: 'touch', topDriverPointsLost: 100 });
    // r is below yellow and so below green as well: its one health-band alert is the red one
    expect(of('health-yellow').map((a) => [a.accountId, a.severity])).toEqual([['y', 'blue']]); // rule fixes blue
  });
  it('one health-band alert per account: the most severe that applies, whatever the rules\' order', () => {
    const band = (r: typeof alerts) => r.filter((a) => a.type === 'health_below_band').map((a) => [a.accountId, a.ruleId, a.severity, a.facts.threshold]);
    const rules = defaultAlertRules.filter((r) => r.type === 'health_below_band');
    const want = [['r', 'health-red', 'red', 50], ['y', 'health-yellow', 'blue', 75]];
    expect(band(evaluateAlerts(book, { now, model, rules }))).toEqual(want);
    expect(band(evaluateAlerts(book, { now, model, rules: [...rules].reverse() }))).toEqual(want);
    // Each rule alone still fires for every account below its band.
    expect(band(evaluateAlerts(book, { now, model, rules: [rules[1]] })).map((a) => a[0])).toEqual(['r', 'y']);
    // Same severity: the deeper band is the more telling one.
    const both = parseAlertRules([{ id: 'below-green', type: 'health_below_band', band: 'green', severity: 'red' }, { id: 'below-yellow', type: 'health_below_band', band: 'yellow' }]);
    expect(band(evaluateAlerts(book, { now, model, rules: both }))).toEqual([['r', 'below-yellow', 'red', 50], ['y', 'below-green', 'red', 75]]);
  });
  it('health dropped by N points', () => {
    const [a] = of('health-drop');
    expect(a).toMatchObject({ accountId: 'y', severity: 'yellow', facts: { previous: 80, score: 60, drop: 20 } });
    expect(a.reason).toMatch(/fell 20 points, from 80 to 60/);
  });
  it('renewal due, with health, open tickets and satisfaction beside it', () => {
    const [a] = of('renewal-90');
    expect(a).toMatchObject({ accountId: 'r', contractId: 'k1', severity: 'red', facts: { daysLeft: 20, health: 0, band: 'red', openTickets: 1, nps: -100, csat: null } });
    expect(a.reason).toBe('Frame agreement with Acct R ends in 20 days; health 0 (Red), 1 open ticket, NPS -100.');
    expect(a.action.id).toBe('start_renewal');
  });
  it('payment overdue more than N days', () => {
    const [a] = of('payment-30');
    expect(a).toMatchObject({ accountId: 'r', severity: 'red', facts: { invoices: 1, maxDaysOverdue: 83, outstanding: 500, currency: 'CNY' } });
  });
  it('order volume down more than X % against the prior period', () => {
    const [a] = of('orders-down-30');
    expect(a).toMatchObject({ accountId: 'y', severity: 'red', facts: { changePercent: -70 } });
  });
  it('purchase overdue against the account’s own ordering cycle', () => {
    const [a] = of('purchase-overdue');
    expect(a).toMatchObject({ accountId: 'g', severity: 'yellow', facts: { daysSinceLastOrder: 86, medianIntervalDays: 30, expectedAt: '2026-09-28T00:00:00.000Z' } });
  });
  it('English reasons write money, numbers, percentages and dates as people do (Intl, en)', () => {
    expect(of('payment-30')[0].reason).toBe('Acct R has 1 invoice unpaid more than 30 days past due (longest 83 days), CN¥500 outstanding.');
    expect(of('orders-down-30')[0].reason).toBe('Acct Y ordered 70% less in the last 180 days than in the 180 days before (threshold 30%).');
    expect(of('purchase-overdue')[0].reason).toBe('Acct G usually orders every 30 days but last ordered 86 days ago (expected Sep 28, 2026).');
    // Thousands grouped, each currency its own symbol, an amount without an FX rate named as money too.
    const big = { ...book, invoices: [
      { id: 'i1', accountId: 'r', amount: { amount: 329_000, currency: 'CNY' }, issuedAt: '2026-08-01', dueDate: '2026-09-01', sourceIds: {} },
      { id: 'i2', accountId: 'r', amount: { amount: 1_234_567.8, currency: 'CNY' }, paidAmount: 1_000_000, issuedAt: '2026-08-01', dueDate: '2026-08-15', sourceIds: {} },
      { id: 'i3', accountId: 'r', amount: { amount: 9000, currency: 'JPY' }, issuedAt: '2026-08-01', dueDate: '2026-09-01', sourceIds: {} },
    ] };
    const [pay] = evaluateAlerts(big, { now, rules: [defaultAlertRules.find((r) => r.id === 'payment-30')!], currency: 'CNY', fx: { name: 'fx', snapshots: [{ date: '2026-01-01', base: 'CNY', rates: { USD: 7 } }] } });
    expect(pay.reason).toBe('Acct R has 3 invoices unpaid more than 30 days past due (longest 100 days), CN¥563,568 outstanding plus ¥9,000 without an FX rate.');
    expect(pay.facts.outstanding).toBe(563_567.8); // the facts keep the figure; only the sentence rounds
  });
  it('no engaged decision maker', () => {
    const a = of('no-decision-maker');
    expect(a.map((x) => x.accountId)).toEqual(['g', 'r']);
    expect(a[0].reason).toMatch(/None of Acct G's 1 decision maker/);
    expect(a[1].reason).toMatch(/no contact recorded as decision maker/);
  });
  it('concentration red lines', () => {
    const a = of('concentration');
    expect(a.filter((x) => x.accountId).map((x) => x.accountId).sort()).toEqual(['g', 'y']); // 500 and 1300 of 1800
    const top = a.find((x) => !x.accountId)!;
    expect(top.facts.top5).toBe(1);
  });
  it('idle deals, red beyond twice the threshold', () => {
    expect(of('idle-deal').map((a) => [a.opportunityId, a.severity, a.facts.daysInStage])).toEqual([['d2', 'red', 53], ['d1', 'yellow', 15]]);
  });
  it('sorts red first and gives every alert a reason, facts and an action', () => {
    const order = { red: 0, yellow: 1, blue: 2 };
    for (let i = 1; i < alerts.length; i++) expect(order[alerts[i - 1].severity]).toBeLessThanOrEqual(order[alerts[i].severity]);
    for (const a of alerts) { expect(a.reason.length).toBeGreaterThan(10); expect(a.action.label).toBeTruthy(); expect(a.at).toBe('2026-11-23T00:00:00.000Z'); }
    expect(new Set(alerts.map((a) => a.id)).size).toBe(alerts.length);
  });
  it('rules are data: validated with paths, disabled rules do not fire', () => {
    expect(() => parseAlertRules([{ id: 'x', type: 'order_volume_down', percent: 150 }])).toThrow(KamRuleError);
    try { parseAlertRules([{ id: 'x', type: 'order_volume_down', percent: 150 }]); } catch (e) { expect((e as KamRuleError).issues[0].path).toBe('0.percent'); }
    expect(() => parseAlertRules([{ id: 'x', type: 'idle_deal' }, { id: 'x', type: 'idle_deal' }])).toThrow(/duplicates rule id/);
    const rules = parseAlertRules([{ id: 'idle', type: 'idle_deal', enabled: false }, { id: 'pay', type: 'payment_overdue', days: 100 }]);
    expect(evaluateAlerts(book, { now, rules, model })).toEqual([]);
    expect(defaultAlertRules.length).toBe(10);
  });
  it('ships the default rules as parsing returns them (valid, every default filled in)', () => {
    expect(parseAlertRules(defaultAlertRules)).toEqual(defaultAlertRules);
    expect(parseNbaRules(defaultNbaRules)).toEqual(defaultNbaRules);
  });
  it('an empty book gives no alerts', () => {
    expect(evaluateAlerts({}, { now })).toEqual([]);
  });
});

describe('next best actions', () => {
  it('fire from facts and say which facts fired them', () => {
    const health = scoreBook(book, model, { now }).results.get('r')!;
    const facts = accountFacts(computeSignals(book, 'r', now), health, alerts.filter((a) => a.accountId === 'r'));
    expect(facts['alerts.red']).toBeGreaterThanOrEqual(3);
    const nba = nextBestActions(facts);
    const ids = nba.map((x) => x.ruleId);
    expect(ids[0]).toBe('renewal-at-risk'); // priority 100
    expect(ids).toContain('exec-sponsor-before-renewal');
    expect(ids).toContain('collect-overdue');
    expect(ids).toContain('reach-decision-maker');
    expect(ids).not.toContain('ask-feedback'); // NPS present
    const top = nba[0];
    expect(top.because).toEqual([
      { fact: 'renewal.daysToRenewal', op: '<=', value: 90, actual: 20 },
      { fact: 'health.band', op: '==', value: 'red', actual: 'red' },
    ]);
  });
  it('rules are validated', () => {
    expect(() => parseNbaRules([{ id: 'x', priority: 1, action: { id: 'a', label: 'A' }, when: [{ fact: 'f', op: '>' }] }])).toThrow(/0\.when\.0\.value/);
    expect(() => parseNbaRules([{ id: 'x', priority: 1, action: { id: 'a', label: 'A' }, when: [] }])).toThrow(KamRuleError);
    expect(defaultNbaRules.length).toBeGreaterThan(5);
    expect(nextBestActions({}).map((x) => x.ruleId)).toEqual(['ask-feedback']); // only "missing" conditions hold on no facts
  });
});
