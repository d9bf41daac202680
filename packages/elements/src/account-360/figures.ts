// The account's data bundle and its key figures: 12-month revenue, open pipeline, next renewal
// and overdue amount, each in the reporting currency with the per-currency breakdown kept.
import { sumMoney, MoneyAccumulator, type Account, type AccountTeamMember, type Activity, type Contact, type Contract, type FxTable, type Invoice, type MoneyTotal, type Opportunity, type Order, type Pipeline, type Rejected, type Stage, type Ticket, type User } from '@kamkit/core';
import type { KamStore } from '../shared/context.js';

/** Everything the 360 view shows about one account; `.data` takes this, the store builds it. */
export interface Account360Data {
  account: Account;
  contacts?: Contact[];
  opportunities?: Opportunity[];
  activities?: Activity[];
  contracts?: Contract[];
  orders?: Order[];
  invoices?: Invoice[];
  tickets?: Ticket[];
  teamMembers?: AccountTeamMember[];
  /** Users, to name the owner and the account team. */
  users?: User[];
  /** Pipelines, to name stages and tell open deals from closed ones. */
  pipelines?: Pipeline[];
  /** The parent account, when this one has one. */
  parent?: Account;
  /** Subsidiaries with their own orders and opportunities, for the roll-up. */
  children?: Account360Data[];
  /** Alerts for this account (any shape `<kam-alerts>` takes). */
  alerts?: unknown[];
  /** A scored health result for the badge (as `<kam-health-badge>`'s `.result`). */
  health?: unknown;
  /** Records of this account that failed validation. */
  rejected?: Rejected[];
  fx?: FxTable;
  reportingCurrency?: string;
}

type Filled = Required<Omit<Account360Data, 'parent' | 'health' | 'fx' | 'reportingCurrency'>> & Pick<Account360Data, 'parent' | 'health' | 'fx' | 'reportingCurrency'>;

const DAY = 86_400_000;

/** The account's own records, one list per kind (the store indexes each by account). */
const recordKinds = ['contacts', 'opportunities', 'activities', 'contracts', 'orders', 'invoices', 'tickets', 'teamMembers'] as const;

export function fillBundle(d: Account360Data): Filled {
  const empty = Object.fromEntries([...recordKinds, 'users', 'pipelines', 'children', 'alerts', 'rejected'].map((k) => [k, []]));
  return { ...empty, ...d } as Filled;
}

/** Reads the bundle for `accountId` from the store (indexed reads only). */
export function bundleFromStore(store: KamStore, accountId: string, depth = 1): Account360Data | undefined {
  const account = store.get('accounts', accountId);
  if (!account) return undefined;
  const records = Object.fromEntries(recordKinds.map((k) => [k, [...store.byAccount(k, accountId)]])) as Required<Pick<Account360Data, typeof recordKinds[number]>>;
  const userIds = new Set([account.ownerId, ...records.teamMembers.map((m) => m.userId)].filter(Boolean) as string[]);
  const users = [...userIds].map((id) => store.get('users', id)).filter((u): u is User => !!u);
  return {
    account,
    ...records,
    users,
    pipelines: [...store.pipelines()],
    parent: account.parentId ? store.get('accounts', account.parentId) : undefined,
    children: depth > 0 ? store.children(accountId).map((c) => bundleFromStore(store, c.id, depth - 1)!).filter(Boolean) : [],
    rejected: store.rejected.filter((r) => belongsTo(r, accountId)),
    fx: store.fx,
    reportingCurrency: store.reportingCurrency,
  };
}

/** A quarantined record belongs to the account when it is the account or names it as its accountId. */
export function belongsTo(r: Rejected, accountId: string): boolean {
  if (r.entity === 'accounts') return r.id === accountId;
  const raw = r.raw as { accountId?: unknown } | null;
  return !!raw && typeof raw === 'object' && raw.accountId === accountId;
}

export function stageOf(pipelines: readonly Pipeline[], o: Opportunity): Stage | undefined {
  return pipelines.find((p) => p.id === o.pipelineId)?.stages.find((s) => s.id === o.stageId);
}

/** open / won / lost: the stage's kind; an unknown stage counts as open unless the deal has closed. */
export function dealKind(pipelines: readonly Pipeline[], o: Opportunity): 'open' | 'won' | 'lost' {
  const s = stageOf(pipelines, o);
  if (s) return s.kind ?? 'open'; // a bundle that skipped schema parsing may lack the default
  return o.closedAt ? 'won' : 'open';
}

/** What is still owed on an invoice (same currency). */
export function outstanding(i: Invoice): number {
  const paid = i.paidAmount ?? (i.paidDate ? i.amount.amount : 0);
  return Math.max(0, i.amount.amount - paid);
}

export function daysBetween(fromIso: string, to: Date | string): number {
  const a = Date.parse(fromIso);
  const b = typeof to === 'string' ? Date.parse(to) : to.getTime();
  return Math.floor((b - a) / DAY);
}

export interface KeyFigures {
  revenue12m: MoneyTotal & { count: number };
  openPipeline: MoneyTotal & { count: number };
  nextRenewal?: { contract: Contract; days: number };
  overdue: MoneyTotal & { count: number; oldestDays: number };
  /** With subsidiaries (only when the account has any). */
  group?: { revenue12m: MoneyTotal; openPipeline: MoneyTotal };
}

function revenueOrders(orders: readonly Order[], now: Date): Order[] {
  const from = now.getTime() - 365 * DAY;
  return orders.filter((o) => o.status !== 'cancelled' && Date.parse(o.orderedAt) > from && Date.parse(o.orderedAt) <= now.getTime());
}

export function keyFigures(data: Account360Data, now: Date, currency: string, fx?: FxTable): KeyFigures {
  const d = fillBundle(data);
  const asOf = now.toISOString().slice(0, 10);
  const orders = revenueOrders(d.orders, now);
  const open = d.opportunities.filter((o) => dealKind(d.pipelines, o) === 'open');
  const overdueInvoices = d.invoices.filter((i) => Date.parse(i.dueDate) < now.getTime() && outstanding(i) > 0);
  const overdueAcc = new MoneyAccumulator(currency, fx, asOf);
  for (const i of overdueInvoices) overdueAcc.add({ amount: outstanding(i), currency: i.amount.currency });
  const renewals = d.contracts
    .filter((c) => c.renewalStatus !== 'renewed' && c.renewalStatus !== 'churned' && Date.parse(c.endDate) >= now.getTime() - DAY)
    .sort((a, b) => a.endDate.localeCompare(b.endDate));
  const figures: KeyFigures = {
    revenue12m: { ...sumMoney(orders.map((o) => o.amount), currency, fx, asOf), count: orders.length },
    openPipeline: { ...sumMoney(open.map((o) => o.amount), currency, fx, asOf), count: open.length },
    nextRenewal: renewals[0] ? { contract: renewals[0], days: Math.ceil((Date.parse(renewals[0].endDate) - now.getTime()) / DAY) } : undefined,
    overdue: { ...overdueAcc.total(), count: overdueInvoices.length, oldestDays: Math.max(0, ...overdueInvoices.map((i) => daysBetween(i.dueDate, now))) },
  };
  if (d.children.length) {
    const rev = new MoneyAccumulator(currency, fx, asOf);
    const pipe = new MoneyAccumulator(currency, fx, asOf);
    for (const b of [d, ...d.children.map(fillBundle)]) {
      for (const o of revenueOrders(b.orders, now)) rev.add(o.amount);
      for (const o of b.opportunities) if (dealKind(b.pipelines.length ? b.pipelines : d.pipelines, o) === 'open') pipe.add(o.amount);
    }
    figures.group = { revenue12m: rev.total(), openPipeline: pipe.total() };
  }
  return figures;
}
