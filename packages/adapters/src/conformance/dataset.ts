// The known, seeded book every adapter's fake is loaded with for the conformance suite. Small
// enough to start in milliseconds, large enough to page (520 accounts = three pages of 200).
// Names are unique per kind: vendors mint their own ids, so the suite matches records by name.
import type { Account, Activity, Book, Contact, Contract, Opportunity, Pipeline, User } from '@kamkit/core';

export interface ConformanceBookOptions {
  accounts?: number;
  contacts?: number;
  opportunities?: number;
  activities?: number;
  contracts?: number;
  /** ISO start of the `updatedAt` clock (records are one minute apart, all in the past). */
  epoch?: string;
}

export const conformanceIndustries = ['Manufacturing', 'Energy', 'Healthcare', 'Retail', 'Technology'] as const;
export const conformanceRegions = ['华东', '华南', '华北', 'EMEA', 'Americas'] as const;

export const conformancePipeline: Pipeline = {
  id: 'standard',
  name: 'Standard sales process',
  stages: [
    { id: 'Prospecting', name: 'Prospecting', order: 1, probability: 0.1, forecastCategory: 'pipeline', kind: 'open', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    { id: 'Qualification', name: 'Qualification', order: 2, probability: 0.2, forecastCategory: 'pipeline', kind: 'open', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    { id: 'Needs Analysis', name: 'Needs Analysis', order: 3, probability: 0.3, forecastCategory: 'pipeline', kind: 'open', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    { id: 'Proposal/Price Quote', name: 'Proposal/Price Quote', order: 4, probability: 0.6, forecastCategory: 'best_case', kind: 'open', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    { id: 'Negotiation/Review', name: 'Negotiation/Review', order: 5, probability: 0.8, forecastCategory: 'commit', kind: 'open', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    { id: 'Closed Won', name: 'Closed Won', order: 6, probability: 1, forecastCategory: 'closed', kind: 'won', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    { id: 'Closed Lost', name: 'Closed Lost', order: 7, probability: 0, forecastCategory: 'omitted', kind: 'lost', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
  ],
  rules: {
    allowSkip: true, allowBackward: true, allowReopen: false,
    wonRequires: { reason: false, date: true }, lostRequires: { reason: true, date: true },
  },
  sourceIds: {},
};

const pad = (n: number, w = 4) => String(n).padStart(w, '0');

/** A deterministic book: the same options give the same records, byte for byte. */
export function conformanceBook(opts: ConformanceBookOptions = {}): Book {
  const nAccounts = opts.accounts ?? 520;
  const nContacts = opts.contacts ?? 120;
  const nOpps = opts.opportunities ?? 160;
  const nActivities = opts.activities ?? 80;
  const nContracts = opts.contracts ?? 40;
  const epoch = Date.parse(opts.epoch ?? '2025-01-01T00:00:00.000Z');
  // Each kind has its own minute-spaced clock with a distinct millisecond offset, so stamps are unique.
  const stamp = (i: number, k: number) => new Date(epoch + i * 60_000 + k * 7 + 3).toISOString();

  const users: User[] = [1, 2, 3].map((i) => ({ id: `user-${i}`, name: `Owner ${i}`, email: `owner${i}@example.com` }));
  const accounts: Account[] = [];
  for (let i = 1; i <= nAccounts; i++) {
    accounts.push({
      id: `acc-${pad(i)}`,
      name: `Account ${pad(i)} 客户`,
      industry: conformanceIndustries[i % conformanceIndustries.length],
      region: conformanceRegions[i % conformanceRegions.length],
      employees: 50 + ((i * 37) % 5000),
      ownerId: users[i % users.length].id,
      phone: `+86 21 5000 ${pad(i)}`,
      website: `https://account${pad(i)}.example.com`,
      tags: [],
      sourceIds: {},
      updatedAt: stamp(i, 1),
      createdAt: new Date(epoch - 86_400_000).toISOString(),
    });
  }
  const contacts: Contact[] = [];
  for (let i = 1; i <= nContacts; i++) {
    const acc = accounts[(i - 1) % Math.min(40, nAccounts)];
    contacts.push({
      id: `con-${pad(i)}`, accountId: acc.id, name: `Contact ${pad(i)}`, title: i % 3 === 0 ? 'CFO' : 'Engineer',
      email: `contact${pad(i)}@example.com`, role: 'other', sourceIds: {}, updatedAt: stamp(i, 2),
    });
  }
  const stages = conformancePipeline.stages;
  const opportunities: Opportunity[] = [];
  for (let i = 1; i <= nOpps; i++) {
    const acc = accounts[(i - 1) % Math.min(30, nAccounts)];
    const stage = stages[i % stages.length];
    const closeDate = new Date(Date.UTC(2026, (i % 12), 1 + (i % 27))).toISOString().slice(0, 10);
    opportunities.push({
      id: `opp-${pad(i)}`, accountId: acc.id, pipelineId: conformancePipeline.id, stageId: stage.id,
      name: `Opportunity ${pad(i)}`, amount: { amount: 10_000 + ((i * 7919) % 900_000), currency: 'CNY' },
      closeDate, ownerId: users[i % users.length].id, stageHistory: [], checklist: {}, sourceIds: {},
      updatedAt: stamp(i, 3),
      ...(stage.kind === 'won' ? { closedAt: closeDate } : stage.kind === 'lost' ? { closedAt: closeDate, lostReason: 'Price' } : {}),
    });
  }
  const activities: Activity[] = [];
  for (let i = 1; i <= nActivities; i++) {
    const acc = accounts[(i - 1) % Math.min(30, nAccounts)];
    activities.push({
      id: `act-${pad(i)}`, accountId: acc.id, type: i % 2 === 0 ? 'call' : 'meeting', subject: `Activity ${pad(i)}`,
      occurredAt: stamp(i, 4), sourceIds: {}, updatedAt: stamp(i, 4),
    });
  }
  const contracts: Contract[] = [];
  for (let i = 1; i <= nContracts; i++) {
    const acc = accounts[(i - 1) % Math.min(30, nAccounts)];
    contracts.push({
      id: `ctr-${pad(i)}`, accountId: acc.id, name: `Contract ${pad(i)}`, startDate: '2025-01-01', endDate: `202${6 + (i % 3)}-12-31`,
      value: { amount: 50_000 + i * 1000, currency: 'CNY' }, renewalStatus: 'not_due', sourceIds: {}, updatedAt: stamp(i, 5),
    });
  }
  return {
    accounts, contacts, teamMembers: [], users, opportunities, activities, contracts,
    orders: [], invoices: [], tickets: [], surveys: [], pipelines: [conformancePipeline],
  };
}
