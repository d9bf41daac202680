// Zoho CRM records ⇄ the core model. Pure functions: no I/O, never throw on bad vendor data
// (they build a best-effort raw object and the core schemas quarantine it with reasons).
import { KamValidationError, type EntityKind, type FieldIssue, type ForecastCategory, type StageKind } from '@kamkit/core';
import type { ZohoField, ZohoLookup, ZohoPipeline, ZohoRecord } from './wire.js';

export interface ZohoMappingContext {
  /** Currency for money fields when the org is single-currency (records carry no `Currency`). */
  defaultCurrency: string;
  /** Deal id → account id, to link activities filed against a deal (`What_Id` → Deals). */
  dealAccounts?: ReadonlyMap<string, string>;
  /** API name of the custom Accounts field holding the key-account tier (e.g. `KAM_Tier`); unset = not mapped. */
  tierField?: string;
  /** False in a single-currency org: its modules have no `Currency` field to read or write. */
  multiCurrency?: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined);

function lookupId(v: unknown): string | undefined {
  if (v && typeof v === 'object' && 'id' in v) {
    const id = (v as ZohoLookup).id;
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return undefined;
}

function money(amount: unknown, currency: unknown, ctx: ZohoMappingContext): { amount: unknown; currency: unknown } | undefined {
  if (amount === null || amount === undefined) return undefined;
  return { amount: num(amount) ?? amount, currency: str(currency) ?? ctx.defaultCurrency };
}

function domainOf(website: string | undefined): string | undefined {
  if (!website) return undefined;
  try {
    return new URL(/^[a-z]+:\/\//i.test(website) ? website : `https://${website}`).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** Zoho's `Tag` is `[{ name, id }]`. */
function tags(v: unknown): string[] {
  return Array.isArray(v) ? v.map((t) => (t && typeof t === 'object' ? str((t as { name?: unknown }).name) : str(t))).filter((t): t is string => !!t) : [];
}

export function accountFromZoho(r: ZohoRecord, ctx: ZohoMappingContext): Record<string, unknown> {
  const address = [r.Billing_Street, r.Billing_City, r.Billing_State, r.Billing_Country].map(str).filter(Boolean).join(', ');
  const website = str(r.Website);
  return compact({
    id: r.id,
    name: r.Account_Name,
    industry: str(r.Industry),
    region: str(r.Billing_State) ?? str(r.Billing_Country),
    employees: num(r.Employees),
    ownerId: lookupId(r.Owner),
    parentId: lookupId(r.Parent_Account),
    tier: ctx.tierField ? str(r[ctx.tierField]) : undefined,
    website,
    domain: domainOf(website),
    phone: str(r.Phone),
    address: address || undefined,
    annualRevenue: money(r.Annual_Revenue, r.Currency, ctx),
    tags: tags(r.Tag),
    createdAt: str(r.Created_Time),
    updatedAt: str(r.Modified_Time),
    sourceIds: { zoho: r.id },
    custom: compact({ accountType: str(r.Account_Type), rating: str(r.Rating) }),
  });
}

export function contactFromZoho(r: ZohoRecord): Record<string, unknown> {
  const name = str(r.Full_Name) ?? [str(r.First_Name), str(r.Last_Name)].filter(Boolean).join(' ');
  return compact({
    id: r.id,
    accountId: lookupId(r.Account_Name),
    name,
    title: str(r.Title),
    email: str(r.Email),
    phone: str(r.Phone) ?? str(r.Mobile),
    reportsToId: lookupId(r.Reporting_To),
    lastEngagedAt: str(r.Last_Activity_Time),
    updatedAt: str(r.Modified_Time),
    sourceIds: { zoho: r.id },
    custom: compact({ department: str(r.Department) }),
  });
}

export function opportunityFromZoho(r: ZohoRecord, ctx: ZohoMappingContext): Record<string, unknown> {
  const probability = num(r.Probability);
  const next = str(r.Next_Step);
  return compact({
    id: r.id,
    accountId: lookupId(r.Account_Name),
    // Deals carry the pipeline and stage as picklist values (actual_value): they are the ids.
    pipelineId: str(r.Pipeline) ?? DEFAULT_PIPELINE_ID,
    stageId: r.Stage,
    name: r.Deal_Name,
    amount: money(r.Amount, r.Currency, ctx) ?? { amount: undefined, currency: ctx.defaultCurrency },
    closeDate: r.Closing_Date,
    ownerId: lookupId(r.Owner),
    probability: probability === undefined ? undefined : probability / 100,
    nextStep: next ? { text: next, done: false } : undefined,
    lostReason: str(r.Reason_For_Loss__s),
    createdAt: str(r.Created_Time),
    updatedAt: str(r.Modified_Time),
    sourceIds: { zoho: r.id },
    custom: compact({ contactId: lookupId(r.Contact_Name), type: str(r.Type), leadSource: str(r.Lead_Source) }),
  });
}

/** The pipeline id used when a Deals layout has no pipelines configured (the Stage picklist alone). */
export const DEFAULT_PIPELINE_ID = 'Standard';

export function activityFromZoho(module: string, r: ZohoRecord, ctx: ZohoMappingContext): Record<string, unknown> {
  const seModule = r.What_Id && typeof r.What_Id === 'object' ? str((r as Record<string, unknown>).$se_module) : undefined;
  const whatId = lookupId(r.What_Id);
  let accountId: string | undefined;
  let opportunityId: string | undefined;
  if (whatId && seModule === 'Deals') {
    opportunityId = whatId;
    accountId = ctx.dealAccounts?.get(whatId);
  } else if (whatId && (seModule === 'Accounts' || seModule === undefined)) {
    accountId = whatId;
  }
  const common = {
    id: r.id,
    accountId,
    opportunityId,
    contactId: lookupId(r.Who_Id),
    notes: str(r.Description),
    ownerId: lookupId(r.Owner),
    updatedAt: str(r.Modified_Time),
    sourceIds: { zoho: r.id },
  };
  if (module === 'Calls') {
    const callType = str(r.Call_Type);
    return compact({
      ...common,
      type: 'call',
      subject: r.Subject,
      occurredAt: r.Call_Start_Time ?? r.Created_Time,
      direction: callType === 'Inbound' ? 'inbound' : callType === 'Outbound' ? 'outbound' : undefined,
      custom: compact({ zohoModule: module, callResult: str(r.Call_Result), callDuration: str(r.Call_Duration) }),
    });
  }
  if (module === 'Events') {
    return compact({
      ...common,
      type: 'meeting',
      subject: r.Event_Title,
      occurredAt: r.Start_DateTime ?? r.Created_Time,
      custom: compact({ zohoModule: module, venue: str(r.Venue), endAt: str(r.End_DateTime) }),
    });
  }
  return compact({
    ...common,
    type: 'task',
    subject: r.Subject,
    occurredAt: r.Due_Date ?? r.Created_Time,
    custom: compact({ zohoModule: module, status: str(r.Status), priority: str(r.Priority) }),
  });
}

const RENEWAL: Record<string, string> = {
  'Not Due': 'not_due', Upcoming: 'upcoming', 'In Negotiation': 'in_negotiation', Renewed: 'renewed', Churned: 'churned',
};

/** `Contracts` is not a standard Zoho module: these are the API names of the custom module this adapter expects (docs/adapters/zoho.md). */
export function contractFromZoho(r: ZohoRecord, ctx: ZohoMappingContext): Record<string, unknown> {
  const renewal = str(r.Renewal_Status);
  return compact({
    id: r.id,
    accountId: lookupId(r.Account),
    name: r.Name,
    startDate: r.Start_Date,
    endDate: r.End_Date,
    value: money(r.Contract_Value, r.Currency, ctx) ?? { amount: undefined, currency: ctx.defaultCurrency },
    renewalStatus: renewal ? (RENEWAL[renewal] ?? renewal) : undefined,
    renewedById: lookupId(r.Renewed_By),
    autoRenew: typeof r.Auto_Renew === 'boolean' ? r.Auto_Renew : undefined,
    updatedAt: str(r.Modified_Time),
    sourceIds: { zoho: r.id },
  });
}

/** A Zoho CRM user (`GET /users`): the owners that `Owner` lookups point at. */
export function userFromZoho(u: ZohoRecord): Record<string, unknown> {
  const role = u.role && typeof u.role === 'object' ? str((u.role as { name?: unknown }).name) : undefined;
  return compact({
    id: u.id,
    name: str(u.full_name) ?? [str(u.first_name), str(u.last_name)].filter(Boolean).join(' '),
    email: str(u.email),
    team: role,
    updatedAt: str(u.Modified_Time),
    sourceIds: { zoho: u.id },
    custom: compact({ status: str(u.status) }),
  });
}

/** Maps one Zoho record of `module` to a raw core record (not yet validated). */
export function fromZoho(kind: EntityKind, module: string, r: ZohoRecord, ctx: ZohoMappingContext): Record<string, unknown> {
  switch (kind) {
    case 'accounts': return accountFromZoho(r, ctx);
    case 'contacts': return contactFromZoho(r);
    case 'opportunities': return opportunityFromZoho(r, ctx);
    case 'activities': return activityFromZoho(module, r, ctx);
    case 'contracts': return contractFromZoho(r, ctx);
    default: throw new Error(`zoho: no mapping for ${kind}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Writes: core patch → Zoho fields.

type FieldWriter = (v: unknown, out: Record<string, unknown>) => void;
const to = (apiName: string): FieldWriter => (v, out) => { out[apiName] = v ?? null; };
const toLookup = (apiName: string): FieldWriter => (v, out) => { out[apiName] = v == null ? null : { id: String(v) }; };
const moneyTo = (amountName: string): FieldWriter => (v, out) => {
  const m = v as { amount?: unknown; currency?: unknown } | null;
  out[amountName] = m?.amount ?? null;
  if (m?.currency) out.Currency = m.currency;
};

const WRITERS: Partial<Record<EntityKind, Record<string, FieldWriter | Record<string, FieldWriter>>>> = {
  accounts: {
    name: to('Account_Name'), industry: to('Industry'), employees: to('Employees'), ownerId: toLookup('Owner'),
    parentId: toLookup('Parent_Account'), website: to('Website'), phone: to('Phone'), annualRevenue: moneyTo('Annual_Revenue'),
    region: to('Billing_State'),
  },
  contacts: {
    name: (v, out) => { out.Last_Name = v; }, accountId: toLookup('Account_Name'), title: to('Title'), email: to('Email'),
    phone: to('Phone'), reportsToId: toLookup('Reporting_To'),
  },
  opportunities: {
    name: to('Deal_Name'), accountId: toLookup('Account_Name'), stageId: to('Stage'), pipelineId: to('Pipeline'),
    amount: moneyTo('Amount'), closeDate: to('Closing_Date'), ownerId: toLookup('Owner'),
    probability: (v, out) => { out.Probability = typeof v === 'number' ? Math.round(v * 100) : null; },
    nextStep: (v, out) => { out.Next_Step = (v as { text?: string } | null)?.text ?? null; },
    lostReason: to('Reason_For_Loss__s'),
  },
  activities: {
    Tasks: { subject: to('Subject'), notes: to('Description'), occurredAt: to('Due_Date'), ownerId: toLookup('Owner'), contactId: toLookup('Who_Id') },
    Events: { subject: to('Event_Title'), notes: to('Description'), occurredAt: to('Start_DateTime'), ownerId: toLookup('Owner'), contactId: toLookup('Who_Id') },
    Calls: { subject: to('Subject'), notes: to('Description'), occurredAt: to('Call_Start_Time'), ownerId: toLookup('Owner'), contactId: toLookup('Who_Id') },
  } as Record<string, Record<string, FieldWriter>>,
  contracts: {
    name: to('Name'), accountId: toLookup('Account'), startDate: to('Start_Date'), endDate: to('End_Date'),
    value: moneyTo('Contract_Value'), autoRenew: to('Auto_Renew'),
    renewalStatus: (v, out) => { out.Renewal_Status = Object.entries(RENEWAL).find(([, core]) => core === v)?.[0] ?? v; },
  },
};

/** Fields a write may never set: the backend owns them. */
const READ_ONLY = new Set(['id', 'updatedAt', 'createdAt', 'sourceIds', 'stageHistory']);

/**
 * Turns a core patch into Zoho fields for `module`. A field the adapter cannot write is a
 * KamValidationError naming it, rather than a write that silently drops it.
 */
export function patchToZoho(kind: EntityKind, module: string, id: string | undefined, patch: Record<string, unknown>, ctx: Partial<Pick<ZohoMappingContext, 'tierField' | 'multiCurrency' | 'defaultCurrency'>> = {}): Record<string, unknown> {
  const table = WRITERS[kind];
  let writers = (kind === 'activities' ? (table as Record<string, Record<string, FieldWriter>> | undefined)?.[module] : table) as Record<string, FieldWriter> | undefined;
  if (kind === 'accounts' && ctx.tierField) writers = { ...writers, tier: to(ctx.tierField) };
  const out: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const w = writers?.[field];
    if (!w || READ_ONLY.has(field)) {
      issues.push({ entity: kind, id, path: field, message: `cannot be written to Zoho ${module}` });
      continue;
    }
    w(value, out);
    if (ctx.multiCurrency === false && 'Currency' in out) {
      // One currency for the whole org: another would be relabelled, not converted.
      if (out.Currency !== ctx.defaultCurrency) issues.push({ entity: kind, id, path: `${field}.currency`, message: `must be ${ctx.defaultCurrency}: the Zoho org has a single currency (no Currency field)` });
      delete out.Currency;
    }
  }
  if (issues.length) throw new KamValidationError(issues, `zoho ${module}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Stage metadata.

export function forecastCategoryOf(name: string | undefined, kind: StageKind): ForecastCategory {
  const n = (name ?? '').toLowerCase().replace(/[\s_-]+/g, '');
  if (n === 'bestcase') return 'best_case';
  if (n === 'commit' || n === 'committed') return 'commit';
  if (n === 'closed') return kind === 'lost' ? 'omitted' : 'closed';
  if (n === 'omitted') return 'omitted';
  if (n === 'pipeline') return 'pipeline';
  return kind === 'won' ? 'closed' : kind === 'lost' ? 'omitted' : 'pipeline';
}

export function stageKindOf(forecastType: string | null | undefined): StageKind {
  return forecastType === 'Closed Won' ? 'won' : forecastType === 'Closed Lost' ? 'lost' : 'open';
}

/**
 * Builds core pipelines from the Deals `Stage` picklist (probability, forecast category and type
 * per value) and the layout's pipelines (which stages each pipeline uses, in order). With no
 * pipelines configured, the whole Stage picklist is one pipeline.
 */
export function pipelinesFromZoho(stageField: ZohoField | undefined, pipelines: ZohoPipeline[]): Record<string, unknown>[] {
  const values = stageField?.pick_list_values ?? [];
  const byValue = new Map(values.map((v) => [v.actual_value, v]));
  const stage = (actual: string, order: number, fallback?: { forecast_category?: { name: string } | null; forecast_type?: string | null }) => {
    const v = byValue.get(actual);
    const kind = stageKindOf(v?.forecast_type ?? fallback?.forecast_type);
    const probability = num(v?.probability);
    return compact({
      id: actual,
      name: v?.display_value ?? actual,
      order,
      probability: probability === undefined ? (kind === 'won' ? 1 : kind === 'lost' ? 0 : undefined) : probability / 100,
      forecastCategory: forecastCategoryOf((v?.forecast_category ?? fallback?.forecast_category)?.name, kind),
      kind,
    });
  };
  if (pipelines.length === 0) {
    const sorted = [...values].sort((a, b) => (a.sequence_number ?? 0) - (b.sequence_number ?? 0));
    return [{ id: DEFAULT_PIPELINE_ID, name: DEFAULT_PIPELINE_ID, stages: sorted.map((v, i) => stage(v.actual_value, i)), sourceIds: { zoho: DEFAULT_PIPELINE_ID } }];
  }
  return pipelines.map((p) => ({
    id: p.actual_value,
    name: p.display_value,
    stages: [...p.maps].sort((a, b) => a.sequence_number - b.sequence_number).map((m, i) => stage(m.actual_value, i, m)),
    sourceIds: { zoho: p.id },
    custom: { default: p.default },
  }));
}
