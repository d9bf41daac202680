// Hand-made book for the account element tests: one parent account with two subsidiaries, a
// buying committee with a reporting line, mixed-currency orders (one with no FX rate), an overdue
// invoice, tickets, contracts and activities. The clock is fixed at 2026-11-23.
import type { Book, FxTable } from '@kamkit/core';

export const NOW = new Date('2026-11-23T09:00:00Z');

export const fx: FxTable = {
  name: 'Treasury month-end',
  snapshots: [{ date: '2026-10-31', base: 'CNY', rates: { USD: 7.1, EUR: 7.8 } }],
};

export const pipeline = {
  id: 'p1', name: 'Key accounts',
  stages: [
    { id: 's1', name: 'Qualify', order: 1, probability: 0.1, forecastCategory: 'pipeline' as const },
    { id: 's2', name: 'Proposal', order: 2, probability: 0.5, forecastCategory: 'best_case' as const },
    { id: 'won', name: 'Won', order: 3, probability: 1, forecastCategory: 'closed' as const, kind: 'won' as const },
    { id: 'lost', name: 'Lost', order: 4, probability: 0, forecastCategory: 'omitted' as const, kind: 'lost' as const },
  ],
};

export function sampleBook(): Partial<Book> {
  return {
    pipelines: [pipeline as never],
    users: [
      { id: 'u1', name: 'Li Wei', sourceIds: {} } as never,
      { id: 'u2', name: 'Anna Schmidt' } as never,
    ],
    accounts: [
      { id: 'acc-1', name: 'Huaxin Machinery Group', tier: 'A', ownerId: 'u1', region: 'East China', industry: 'Manufacturing', tags: [], sourceIds: {} },
      { id: 'acc-1a', name: 'Huaxin Suzhou Plant', tier: 'B', ownerId: 'u1', region: 'East China', industry: 'Manufacturing', parentId: 'acc-1', tags: [], sourceIds: {} },
      { id: 'acc-1b', name: 'Huaxin Europe GmbH', tier: 'B', ownerId: 'u2', region: 'Europe', industry: 'Manufacturing', parentId: 'acc-1', tags: [], sourceIds: {} },
      { id: 'acc-2', name: 'Quiet Customer Ltd', tier: 'C', tags: [], sourceIds: {} },
    ],
    contacts: [
      { id: 'c1', accountId: 'acc-1', name: 'Zhang Min', title: 'CEO', role: 'decision_maker', influence: 5, relationshipStrength: 2, sourceIds: {} },
      { id: 'c2', accountId: 'acc-1', name: 'Wang Fang', title: 'CFO', role: 'economic_buyer', influence: 4, relationshipStrength: 3, reportsToId: 'c1', sourceIds: {} },
      { id: 'c3', accountId: 'acc-1', name: 'Chen Jie', title: 'Head of Production', role: 'champion', influence: 3, relationshipStrength: 5, reportsToId: 'c1', sourceIds: {} },
      { id: 'c4', accountId: 'acc-1', name: 'Liu Yang', title: 'Plant engineer', role: 'user', influence: 1, relationshipStrength: 4, reportsToId: 'c3', sourceIds: {} },
      { id: 'c5', accountId: 'acc-1', name: 'Zhao Lei', title: 'Procurement lead', role: 'blocker', influence: 3, relationshipStrength: 1, reportsToId: 'c2', sourceIds: {} },
    ],
    teamMembers: [
      { id: 'tm1', accountId: 'acc-1', userId: 'u1', role: 'account_manager' },
      { id: 'tm2', accountId: 'acc-1', userId: 'u2', name: 'Anna Schmidt', role: 'technical_expert' },
    ],
    opportunities: [
      { id: 'o1', accountId: 'acc-1', pipelineId: 'p1', stageId: 's2', name: 'Line 4 retrofit', amount: { amount: 1_200_000, currency: 'CNY' }, closeDate: '2026-12-20', stageHistory: [], checklist: {}, sourceIds: {} },
      { id: 'o2', accountId: 'acc-1', pipelineId: 'p1', stageId: 's1', name: 'Service contract EU', amount: { amount: 100_000, currency: 'EUR' }, closeDate: '2027-02-01', stageHistory: [], checklist: {}, sourceIds: {} },
      { id: 'o3', accountId: 'acc-1', pipelineId: 'p1', stageId: 'won', name: 'Spare parts 2026', amount: { amount: 300_000, currency: 'CNY' }, closeDate: '2026-03-01', closedAt: '2026-03-01', stageHistory: [], checklist: {}, sourceIds: {} },
      { id: 'o4', accountId: 'acc-1a', pipelineId: 'p1', stageId: 's1', name: 'Suzhou automation', amount: { amount: 500_000, currency: 'CNY' }, closeDate: '2027-01-15', stageHistory: [], checklist: {}, sourceIds: {} },
    ],
    activities: [
      { id: 'a1', accountId: 'acc-1', contactId: 'c3', type: 'visit', subject: 'Plant walk-through', notes: 'Line 4 downtime is the pain point.', occurredAt: '2026-11-23T07:30:00Z', sourceIds: {} },
      { id: 'a2', accountId: 'acc-1', contactId: 'c2', type: 'call', subject: 'Budget call', occurredAt: '2026-11-22T10:00:00Z', direction: 'outbound', sourceIds: {} },
      { id: 'a3', accountId: 'acc-1', contactId: 'c3', type: 'email', subject: 'Sent retrofit proposal', occurredAt: '2026-11-22T08:00:00Z', sourceIds: {} },
      { id: 'a4', accountId: 'acc-1', type: 'exhibition', subject: 'Met at CIIF Shanghai', occurredAt: '2026-09-20T03:00:00Z', sourceIds: {} },
      { id: 'a5', accountId: 'acc-1', contactId: 'c1', type: 'meeting', subject: 'Executive review', occurredAt: '2026-05-10T06:00:00Z', sourceIds: {} },
    ],
    contracts: [
      { id: 'k1', accountId: 'acc-1', name: 'Framework agreement 2024–2026', startDate: '2024-01-01', endDate: '2026-12-31', value: { amount: 2_000_000, currency: 'CNY' }, renewalStatus: 'upcoming', sourceIds: {} },
      { id: 'k2', accountId: 'acc-1', name: 'Maintenance 2026', startDate: '2026-01-01', endDate: '2027-06-30', value: { amount: 50_000, currency: 'USD' }, renewalStatus: 'not_due', sourceIds: {} },
    ],
    orders: [
      { id: 'or1', accountId: 'acc-1', orderedAt: '2026-10-02', amount: { amount: 800_000, currency: 'CNY' }, status: 'fulfilled', sourceIds: {} },
      { id: 'or2', accountId: 'acc-1', orderedAt: '2026-06-15', amount: { amount: 20_000, currency: 'USD' }, status: 'fulfilled', sourceIds: {} },
      { id: 'or3', accountId: 'acc-1', orderedAt: '2026-04-01', amount: { amount: 5_000, currency: 'CHF' }, status: 'fulfilled', sourceIds: {} },
      { id: 'or4', accountId: 'acc-1', orderedAt: '2025-06-01', amount: { amount: 999_999, currency: 'CNY' }, status: 'fulfilled', sourceIds: {} },
      { id: 'or5', accountId: 'acc-1', orderedAt: '2026-08-01', amount: { amount: 70_000, currency: 'CNY' }, status: 'cancelled', sourceIds: {} },
      { id: 'or6', accountId: 'acc-1a', orderedAt: '2026-07-01', amount: { amount: 200_000, currency: 'CNY' }, status: 'fulfilled', sourceIds: {} },
    ],
    invoices: [
      { id: 'i1', accountId: 'acc-1', orderId: 'or1', amount: { amount: 800_000, currency: 'CNY' }, issuedAt: '2026-10-02', dueDate: '2026-11-01', paidAmount: 300_000, sourceIds: {} },
      { id: 'i2', accountId: 'acc-1', orderId: 'or2', amount: { amount: 20_000, currency: 'USD' }, issuedAt: '2026-06-15', dueDate: '2026-07-15', paidDate: '2026-08-20', sourceIds: {} },
    ],
    tickets: [
      { id: 't1', accountId: 'acc-1', contactId: 'c4', subject: 'Spindle vibration on line 2', severity: 'high', status: 'open', openedAt: '2026-11-20T02:00:00Z', firstResponseAt: '2026-11-20T05:30:00Z', sourceIds: {} },
      { id: 't2', accountId: 'acc-1', subject: 'Manual in Chinese', severity: 'low', status: 'closed', openedAt: '2026-08-01T02:00:00Z', firstResponseAt: '2026-08-02T02:00:00Z', resolvedAt: '2026-08-05T02:00:00Z', sourceIds: {} },
    ],
    surveys: [],
  };
}

/** A payload that sets `window.__kamXss` if it ever runs. */
export const XSS = `<img src=x onerror="window.__kamXss=1"><script>window.__kamXss=1</script>`;

/** Elements no kam-* element renders itself; any of them in a shadow root came from data. */
const foreignTags = new Set(['script', 'img', 'image', 'iframe', 'object', 'embed', 'portal', 'math', 'animate', 'set', 'foreignobject', 'style', 'body', 'a', 'x:script', 'use']);

/** Counts injected elements or event-handler attributes under `root` (and nested shadow roots). */
export function injectedElements(root: ShadowRoot | Element | null | undefined): number {
  if (!root) return 0;
  let n = 0;
  for (const el of root.querySelectorAll('*')) {
    if (foreignTags.has(el.localName.toLowerCase())) n++;
    else if ([...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'))) n++;
    if (el.shadowRoot) n += injectedElements(el.shadowRoot);
  }
  return n;
}

/**
 * What a zh-CN user sees or hears with a half-width , : ; ( ) next to a Chinese character (it
 * should be full-width): each element's own text (its text nodes joined: a template splits one
 * sentence over several), aria-label and title, under `root` and in nested shadow roots.
 */
export function halfWidthInChinese(root: Node): string[] {
  const found: string[] = [];
  const check = (s: string | null) => { if (s && /[\u3400-\u9fff]\s?[,:;()]|[,:;()]\s?[\u3400-\u9fff]/.test(s)) found.push(s); };
  const walk = (n: Node) => {
    if (n instanceof Element) {
      check(n.getAttribute('aria-label'));
      check(n.getAttribute('title'));
      check([...n.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE).map((c) => c.textContent).join(''));
      if (n.shadowRoot) walk(n.shadowRoot);
    }
    for (const c of n.childNodes) walk(c);
  };
  walk(root);
  return found;
}
