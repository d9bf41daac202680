// Hand-made board data for tests, stories and benches (not exported from the package): a small
// pipeline whose rules exercise every refusal, and a deterministic deal generator of any size.
import type { Account, FxTable, Opportunity, Pipeline, User } from '@kamkit/core';

export const FIXTURE_NOW = '2026-11-23T09:00:00Z';

/** Waits until the board has rendered and laid out, lazily loaded parts included (up to five rounds). */
export async function settle(el: { updateComplete: Promise<boolean>; isUpdatePending: boolean }): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    if (!el.isUpdatePending) return;
  }
}

export function boardPipeline(overrides: Partial<Pipeline> = {}): Pipeline {
  return {
    id: 'pl-test',
    name: 'Enterprise deals',
    sourceIds: {},
    rules: {
      allowSkip: false, allowBackward: true, allowReopen: false,
      wonRequires: { reason: false, date: true },
      lostRequires: { reason: true, date: true },
    },
    stages: [
      { id: 'st-prospect', name: 'Prospect', order: 1, probability: 0.1, forecastCategory: 'pipeline', kind: 'open', idleDays: 14,
        entryCriteria: { requiredFields: [], checklist: [] }, keyFields: ['nextStep.text'], guidance: 'Find the budget holder and the pain.' },
      { id: 'st-qualify', name: 'Qualify', order: 2, probability: 0.3, forecastCategory: 'pipeline', kind: 'open', idleDays: 21,
        entryCriteria: { requiredFields: [], checklist: [] }, keyFields: ['amount', 'closeDate'], guidance: 'Confirm budget, authority, need and timing.' },
      { id: 'st-proposal', name: 'Proposal', order: 3, probability: 0.6, forecastCategory: 'best_case', kind: 'open', idleDays: 30,
        entryCriteria: { requiredFields: ['nextStep.text', 'custom.budget'], checklist: [{ id: 'demo', label: 'Demo given' }] },
        keyFields: ['amount', 'custom.budget'], guidance: 'Send the proposal and book the decision meeting.' },
      { id: 'st-won', name: 'Won', order: 4, probability: 1, forecastCategory: 'closed', kind: 'won',
        entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
      { id: 'st-lost', name: 'Lost', order: 5, probability: 0, forecastCategory: 'omitted', kind: 'lost',
        entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    ],
    ...overrides,
  };
}

export const boardFx: FxTable = {
  name: 'Treasury month-end',
  snapshots: [{ date: '2026-10-31', base: 'CNY', rates: { USD: 7.1, EUR: 7.7 } }],
};

export function boardUsers(): User[] {
  return [
    { id: 'u-1', name: 'Wang Lei' },
    { id: 'u-2', name: 'Anna Weber' },
    { id: 'u-3', name: '陈静' },
  ];
}

export function boardAccounts(n = 50): Account[] {
  const out: Account[] = [];
  for (let i = 0; i < n; i++) out.push({ id: `acc-${i}`, name: `Account ${i}`, tags: [], sourceIds: {} });
  return out;
}

/** A deal with sensible defaults; every field can be overridden. */
export function deal(id: string, stageId: string, overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id, accountId: 'acc-0', pipelineId: 'pl-test', stageId, name: `Deal ${id}`,
    amount: { amount: 100_000, currency: 'CNY' }, closeDate: '2026-12-31', ownerId: 'u-1',
    stageHistory: [{ stageId, enteredAt: '2026-11-20T09:00:00Z' }],
    checklist: {}, sourceIds: {},
    ...overrides,
  };
}

/**
 * `n` deals spread over the open stages (and a few closed), deterministic: amounts, close dates,
 * owners, next steps and stage-entry times vary with the index.
 */
export function manyDeals(n: number, pipeline: Pipeline = boardPipeline()): Opportunity[] {
  const stages = [...pipeline.stages].sort((a, b) => a.order - b.order);
  const out: Opportunity[] = new Array(n);
  const base = Date.parse(FIXTURE_NOW);
  for (let i = 0; i < n; i++) {
    const stage = stages[(i * 7 + (i >> 3)) % stages.length];
    const day = (i * 37) % 365;
    const entered = new Date(base - ((i * 13) % 60) * 86_400_000).toISOString();
    const currency = i % 20 === 0 ? 'USD' : 'CNY';
    out[i] = {
      id: `opp-${i}`, accountId: `acc-${i % 50}`, pipelineId: pipeline.id, stageId: stage.id,
      name: `Deal ${i}`,
      amount: { amount: 10_000 + ((i * 7919) % 990_000), currency },
      closeDate: new Date(base + day * 86_400_000).toISOString().slice(0, 10),
      ownerId: `u-${(i % 3) + 1}`,
      stageHistory: [{ stageId: stage.id, enteredAt: entered }],
      nextStep: i % 4 === 0 ? undefined : { text: `Call ${i}`, dueDate: new Date(base + (((i * 3) % 20) - 10) * 86_400_000).toISOString().slice(0, 10), done: i % 4 === 3 },
      checklist: {}, sourceIds: {},
      custom: { budget: i % 2 ? 'approved' : undefined },
    };
  }
  return out;
}
