// The domain model: one zod schema per entity, and the type inferred from it.
// Shipped code uses `zod/mini` (a fifth of classic zod's bundle size, see TOOLCHAIN.md).
// Conventions: ids are non-empty strings; money is { amount, currency } with an ISO 4217 code;
// times are ISO 8601 strings at the boundary; `updatedAt` is the backend's last-modified stamp
// and serves as the write precondition.
import * as z from 'zod/mini';
import { isIsoDateTime } from './iso-date.js';
import { mapOf } from './map-of.js';
import { entityKinds, type EntityKind } from './entity-kinds.js';

export { isIsoDateTime, entityKinds, type EntityKind };

const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
// Checks as refinements with their own message, each of which zod/mini would otherwise ship as a
// check class of its own (minLength, regex): the same verdicts and messages, less code.
/** A string of at least one character. */
const nonEmpty = z.string().check(z.refine((s) => s.length > 0, 'must not be empty'));
const id = nonEmpty;
const text = z.string();
// Pieces many fields share: one schema object each, defined once.
const optionalText = z.optional(text);
/** A list of strings, empty when absent. */
const textList = z._default(z.array(text), []);
const defaultTrue = z._default(z.boolean(), true);
const defaultFalse = z._default(z.boolean(), false);
/** ISO 8601 date or date-time, e.g. `2026-11-23` or `2026-11-23T08:00:00Z`. */
export const IsoDateTime = z.string().check(
  z.refine(isIsoDateTime, 'must be an ISO 8601 date or date-time such as 2026-11-23 or 2026-11-23T08:00:00Z'),
);

const when = IsoDateTime;
const optionalWhen = z.optional(IsoDateTime);

/** ISO 4217 currency code. */
const currencyCode = /^[A-Z]{3}$/;
export const CurrencyCode = z.string().check(z.refine((s) => currencyCode.test(s), 'must be an ISO 4217 code such as CNY or USD'));

export const Money = z.object({ amount: finite, currency: CurrencyCode });
export type Money = z.infer<typeof Money>;

/** Ids of the same record in each backend it came from: `{ salesforce: '001…', kingdee: '100234' }`. */
export const SourceIds = mapOf(text);
const sourceIds = z._default(SourceIds, {});

const base = {
  id,
  /** Backend last-modified stamp (ISO 8601); the precondition of every write. */
  updatedAt: optionalWhen,
  /** Free-form fields a backend carries that the model does not name. */
  custom: z.optional(mapOf()),
};

export const AccountSize = z.enum(['small', 'medium', 'large', 'enterprise']);
export type AccountSize = z.infer<typeof AccountSize>;

export const Account = z.object({
  ...base,
  name: nonEmpty,
  industry: optionalText,
  region: optionalText,
  size: z.optional(AccountSize),
  employees: z.optional(z.number().check(z.refine((n) => Number.isInteger(n) && n >= 0, 'must be a whole number ≥ 0'))),
  /** Key-account tier, e.g. `A` / `B` / `C` or `strategic`. */
  tier: optionalText,
  ownerId: optionalText,
  /** Parent account id: hierarchies roll up. */
  parentId: optionalText,
  tags: textList,
  sourceIds,
  /** Unified social credit code / VAT / tax id: a strong dedupe key. */
  taxId: optionalText,
  /** Web domain, e.g. `example.com`: a strong dedupe key. */
  domain: optionalText,
  website: optionalText,
  phone: optionalText,
  address: optionalText,
  /** Reported annual revenue of the customer itself (not our revenue from it). */
  annualRevenue: z.optional(Money),
  createdAt: optionalWhen,
});
export type Account = z.infer<typeof Account>;

export const BuyingRole = z.enum(['decision_maker', 'economic_buyer', 'influencer', 'champion', 'user', 'blocker', 'other']);
export type BuyingRole = z.infer<typeof BuyingRole>;

const scale1to5 = z.number().check(z.refine((n) => Number.isInteger(n) && n >= 1 && n <= 5, 'must be a whole number from 1 to 5'));

export const Contact = z.object({
  ...base,
  accountId: id,
  name: nonEmpty,
  title: optionalText,
  email: optionalText,
  phone: optionalText,
  role: z._default(BuyingRole, 'other'),
  /** Influence on the buying decision, 1 (little) to 5 (decisive). */
  influence: z.optional(scale1to5),
  /** Strength of our relationship, 1 (cold / hostile) to 5 (trusted advocate). */
  relationshipStrength: z.optional(scale1to5),
  /** The contact this person reports to (builds the org / influence tree). */
  reportsToId: optionalText,
  lastEngagedAt: optionalWhen,
  sourceIds,
});
export type Contact = z.infer<typeof Contact>;

export const TeamRole = z.enum(['account_manager', 'technical_expert', 'service_rep', 'executive_sponsor', 'other']);
export type TeamRole = z.infer<typeof TeamRole>;

export const AccountTeamMember = z.object({
  ...base,
  accountId: id,
  userId: id,
  name: optionalText,
  role: TeamRole,
});
export type AccountTeamMember = z.infer<typeof AccountTeamMember>;

export const User = z.object({
  ...base,
  name: nonEmpty,
  email: optionalText,
  team: optionalText,
  region: optionalText,
});
export type User = z.infer<typeof User>;

export const ForecastCategory = z.enum(['pipeline', 'best_case', 'commit', 'closed', 'omitted']);
export type ForecastCategory = z.infer<typeof ForecastCategory>;
export const StageKind = z.enum(['open', 'won', 'lost']);
export type StageKind = z.infer<typeof StageKind>;

const probability = z.number().check(z.refine((n) => Number.isFinite(n) && n >= 0 && n <= 1, 'must be between 0 and 1'));

export const ChecklistItem = z.object({ id, label: nonEmpty });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Stage = z.object({
  id,
  name: nonEmpty,
  order: finite,
  /** Default win probability, 0–1. */
  probability,
  forecastCategory: ForecastCategory,
  kind: z._default(StageKind, 'open'),
  /** Days in this stage after which a deal counts as idle. */
  idleDays: z.optional(z.number().check(z.refine((n) => Number.isFinite(n) && n > 0, 'must be a positive number of days'))),
  entryCriteria: z._default(
    z.object({
      /** Opportunity field paths that must be filled to enter, e.g. `nextStep.text`, `custom.budget`. */
      requiredFields: textList,
      /** To-dos that must be ticked (opportunity.checklist[id] === true) to enter. */
      checklist: z._default(z.array(ChecklistItem), []),
    }),
    { requiredFields: [], checklist: [] },
  ),
  guidance: optionalText,
  /** Fields worth showing while a deal is in this stage. */
  keyFields: textList,
});
export type Stage = z.infer<typeof Stage>;

export const PipelineRules = z.object({
  /** May a deal jump over open stages going forward? */
  allowSkip: defaultTrue,
  /** May a deal move back to an earlier open stage? */
  allowBackward: defaultTrue,
  /** May a won or lost deal be reopened? */
  allowReopen: defaultFalse,
  /** Closing as won needs a reason and/or a date (as Kingdee's 赢单 does). */
  wonRequires: z._default(z.object({ reason: defaultFalse, date: defaultTrue }), { reason: false, date: true }),
  /** Closing as lost needs a reason and/or a date (as Kingdee's 输单 does). */
  lostRequires: z._default(z.object({ reason: defaultTrue, date: defaultTrue }), { reason: true, date: true }),
});
export type PipelineRules = z.infer<typeof PipelineRules>;

export const Pipeline = z.object({
  ...base,
  name: nonEmpty,
  stages: z.array(Stage).check(z.refine((a) => a.length > 0, 'a pipeline needs at least one stage')),
  rules: z._default(PipelineRules, {
    allowSkip: true, allowBackward: true, allowReopen: false,
    wonRequires: { reason: false, date: true }, lostRequires: { reason: true, date: true },
  }),
  sourceIds,
});
export type Pipeline = z.infer<typeof Pipeline>;

export const StageHistoryEntry = z.object({
  stageId: id,
  enteredAt: when,
  leftAt: optionalWhen,
  /** User id of who made the move, when known. */
  by: optionalText,
});
export type StageHistoryEntry = z.infer<typeof StageHistoryEntry>;

export const NextStep = z.object({
  text: z.string(),
  dueDate: optionalWhen,
  done: defaultFalse,
});
export type NextStep = z.infer<typeof NextStep>;

export const Opportunity = z.object({
  ...base,
  accountId: id,
  pipelineId: id,
  stageId: id,
  name: nonEmpty,
  amount: Money,
  /** Expected (or actual) close date. */
  closeDate: when,
  ownerId: optionalText,
  /** Overrides the stage's default probability when set. */
  probability: z.optional(probability),
  /** Overrides the stage's forecast category when set. */
  forecastCategory: z.optional(ForecastCategory),
  stageHistory: z._default(z.array(StageHistoryEntry), []),
  nextStep: z.optional(NextStep),
  /** Ticked checklist items of stage entry criteria, by checklist item id. */
  checklist: z._default(mapOf(z.boolean()), {}),
  wonReason: optionalText,
  lostReason: optionalText,
  /** When the deal was won or lost. */
  closedAt: optionalWhen,
  createdAt: optionalWhen,
  sourceIds,
});
export type Opportunity = z.infer<typeof Opportunity>;

export const ActivityType = z.enum(['visit', 'call', 'meeting', 'email', 'exhibition', 'web_enquiry', 'note', 'task', 'other']);
export type ActivityType = z.infer<typeof ActivityType>;

export const Activity = z.object({
  ...base,
  accountId: id,
  contactId: optionalText,
  opportunityId: optionalText,
  type: ActivityType,
  subject: z.string(),
  notes: optionalText,
  occurredAt: when,
  ownerId: optionalText,
  direction: z.optional(z.enum(['inbound', 'outbound'])),
  sourceIds,
});
export type Activity = z.infer<typeof Activity>;

export const RenewalStatus = z.enum(['not_due', 'upcoming', 'in_negotiation', 'renewed', 'churned']);
export type RenewalStatus = z.infer<typeof RenewalStatus>;

export const Contract = z.object({
  ...base,
  accountId: id,
  name: z.string(),
  startDate: when,
  endDate: when,
  value: Money,
  renewalStatus: z._default(RenewalStatus, 'not_due'),
  /** The contract that renewed this one, when renewed. */
  renewedById: optionalText,
  autoRenew: z.optional(z.boolean()),
  sourceIds,
});
export type Contract = z.infer<typeof Contract>;

export const Order = z.object({
  ...base,
  accountId: id,
  contractId: optionalText,
  orderedAt: when,
  amount: Money,
  /** Gross margin of the order, for ABC tiering by margin. */
  margin: z.optional(Money),
  status: z._default(z.enum(['open', 'fulfilled', 'cancelled']), 'fulfilled'),
  sourceIds,
});
export type Order = z.infer<typeof Order>;

/** An invoice and its payment: what the account owes and how late it paid. */
export const Invoice = z.object({
  ...base,
  accountId: id,
  orderId: optionalText,
  amount: Money,
  issuedAt: when,
  dueDate: when,
  paidDate: optionalWhen,
  /** Amount paid so far (same currency); absent with a paidDate means paid in full. */
  paidAmount: z.optional(finite),
  sourceIds,
});
export type Invoice = z.infer<typeof Invoice>;

export const TicketSeverity = z.enum(['critical', 'high', 'medium', 'low']);
export type TicketSeverity = z.infer<typeof TicketSeverity>;

export const Ticket = z.object({
  ...base,
  accountId: id,
  contactId: optionalText,
  subject: z.string(),
  severity: TicketSeverity,
  status: z.enum(['open', 'pending', 'resolved', 'closed']),
  openedAt: when,
  firstResponseAt: optionalWhen,
  resolvedAt: optionalWhen,
  sourceIds,
});
export type Ticket = z.infer<typeof Ticket>;

/** A satisfaction measurement: NPS (-100…100 account-level or 0–10 per answer) or CSAT (1–5). */
export const Survey = z.object({
  ...base,
  accountId: id,
  contactId: optionalText,
  kind: z.enum(['nps', 'csat']),
  /** NPS answer 0–10, or CSAT 1–5. */
  score: finite,
  answeredAt: when,
});
export type Survey = z.infer<typeof Survey>;

/** The entity collections a book holds (entity-kinds.ts, in its order), and their schemas. */
export const entitySchemas = {
  accounts: Account,
  contacts: Contact,
  teamMembers: AccountTeamMember,
  users: User,
  opportunities: Opportunity,
  activities: Activity,
  contracts: Contract,
  orders: Order,
  invoices: Invoice,
  tickets: Ticket,
  surveys: Survey,
} as const satisfies Record<EntityKind, unknown>;

export interface EntityMap {
  accounts: Account;
  contacts: Contact;
  teamMembers: AccountTeamMember;
  users: User;
  opportunities: Opportunity;
  activities: Activity;
  contracts: Contract;
  orders: Order;
  invoices: Invoice;
  tickets: Ticket;
  surveys: Survey;
}
export type AnyEntity = EntityMap[EntityKind];

/** A whole book of business, as plain arrays. */
export type Book = { [K in EntityKind]: EntityMap[K][] } & { pipelines: Pipeline[] };

/** The entity's singular name, for messages ("opportunity opp-7: amount.currency …"). */
export const entityNoun: Record<EntityKind | 'pipelines', string> = {
  accounts: 'account', contacts: 'contact', teamMembers: 'team member', users: 'user',
  opportunities: 'opportunity', activities: 'activity', contracts: 'contract', orders: 'order',
  invoices: 'invoice', tickets: 'ticket', surveys: 'survey', pipelines: 'pipeline',
};
