// Salesforce sObjects ↔ the KAM model. Documented field by field in docs/adapters/salesforce.md.
import { KamValidationError, type EntityKind, type ForecastCategory, type Pipeline, type Stage, type StageKind } from '@kamkit/core';
import { compact, opt, str } from '../mapping/validate.js';

type Rec = Record<string, unknown>;

export interface SalesforceFieldOptions {
  /** Account field holding the region. Default `BillingState` (falls back to `BillingCountry` when reading). */
  region?: string;
  /** Account field holding the key-account tier (custom, e.g. `KAM_Tier__c`); unset = not mapped. */
  tier?: string;
  /** Contract amount field (custom, e.g. `Contract_Value__c`); unset = value 0 with `custom.valueMissing`. */
  contractValue?: string;
  /** Opportunity field for the won/lost reason (custom, e.g. `Loss_Reason__c`); unset = not written. */
  closeReason?: string;
  /** Contact field with the buying-committee role (custom, e.g. `Buying_Role__c`). */
  buyingRole?: string;
}

export interface SalesforceMappingContext {
  fields: SalesforceFieldOptions;
  /** Currency when a record has no `CurrencyIsoCode` (single-currency orgs). */
  currency: string;
  pipelineId: string;
  /** Stage defaults, to keep only real overrides of probability / forecast category. */
  stages?: Map<string, Stage>;
  /** False in a single-currency org: it has no `CurrencyIsoCode` field, so none is read or written. */
  multiCurrency?: boolean;
}

/** `2026-11-23T08:20:01.532+0000` → `2026-11-23T08:20:01.532Z`. */
export function isoFromSalesforce(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  // Fast path: the form Salesforce always sends (hot: two stamps per record, 100k records a sync).
  if (v.length === 28 && v.charCodeAt(10) === 84 /* T */ && v.endsWith('+0000')) return `${v.slice(0, 23)}Z`;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})$/.exec(v);
  if (!m) return v; // left as is: validation names it
  if (m[2] === 'Z' || m[2] === '+0000' || m[2] === '+00:00') return `${m[1]}Z`;
  const ms = Date.parse(`${m[1]}${m[2].length === 5 ? `${m[2].slice(0, 3)}:${m[2].slice(3)}` : m[2]}`);
  return Number.isNaN(ms) ? v : new Date(ms).toISOString();
}

/**
 * SOQL datetime literal for a model stamp, in the documented form `YYYY-MM-DDThh:mm:ssZ` (SOQL
 * reference, Date Formats and Date Literals: no fractional seconds). Salesforce stamps are whole
 * seconds; milliseconds are kept only when a stamp has them, so a stamp is never moved.
 */
export function soqlDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new KamValidationError([{ entity: 'changes', path: 'since', message: `must be an ISO 8601 date-time, got ${JSON.stringify(iso)}` }]);
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** A SOQL string literal. */
export function soqlString(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

const forecastFromSf: Record<string, ForecastCategory> = {
  Pipeline: 'pipeline', 'Best Case': 'best_case', BestCase: 'best_case', 'Most Likely': 'best_case', MostLikely: 'best_case',
  Commit: 'commit', Forecast: 'commit', Closed: 'closed', Omitted: 'omitted',
};
export const forecastToSf: Record<ForecastCategory, string> = {
  pipeline: 'Pipeline', best_case: 'Best Case', commit: 'Commit', closed: 'Closed', omitted: 'Omitted',
};

function money(amount: unknown, currency: unknown, fallback: string) {
  return { amount: typeof amount === 'number' ? amount : Number(amount), currency: str(currency) ?? fallback };
}

function domainOf(website: string | undefined): string | undefined {
  if (!website) return undefined;
  const m = /^(?:https?:\/\/)?(?:www\.)?([a-z0-9\u00a1-\uffff][a-z0-9.\u00a1-\uffff-]*)/i.exec(website.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/** Sets a key only when there is a value: records stay small and keep one shape (no `delete`). */
function put(o: Rec, key: string, v: unknown): void {
  if (v !== undefined) o[key] = v;
}

const prefixOf = (id: unknown) => (typeof id === 'string' ? id.slice(0, 3) : '');

/** The sObjects read for each entity kind, with the fields selected. */
export function soqlFields(kind: EntityKind, ctx: SalesforceMappingContext): Array<{ object: string; fields: string[] }> {
  const f = ctx.fields;
  const audit = ['CreatedDate', 'SystemModstamp'];
  const cur = ctx.multiCurrency === false ? [] : ['CurrencyIsoCode'];
  switch (kind) {
    case 'accounts':
      return [{ object: 'Account', fields: uniq(['Id', 'Name', 'Type', 'Industry', 'AnnualRevenue', 'NumberOfEmployees', 'OwnerId', 'ParentId', 'Website', 'Phone',
        'BillingStreet', 'BillingCity', 'BillingState', 'BillingPostalCode', 'BillingCountry', ...cur, f.region ?? 'BillingState', ...(f.tier ? [f.tier] : []), ...audit]) }];
    case 'contacts':
      return [{ object: 'Contact', fields: uniq(['Id', 'AccountId', 'Name', 'FirstName', 'LastName', 'Title', 'Email', 'Phone', 'ReportsToId', ...(f.buyingRole ? [f.buyingRole] : []), ...audit]) }];
    case 'opportunities':
      return [{ object: 'Opportunity', fields: uniq(['Id', 'AccountId', 'Name', 'StageName', 'Amount', ...cur, 'CloseDate', 'Probability', 'ForecastCategoryName',
        'IsClosed', 'IsWon', 'NextStep', 'OwnerId', ...(f.closeReason ? [f.closeReason] : []), ...audit]) }];
    case 'activities':
      return [
        { object: 'Task', fields: ['Id', 'Subject', 'Status', 'ActivityDate', 'WhoId', 'WhatId', 'AccountId', 'OwnerId', 'Description', 'TaskSubtype', ...audit] },
        { object: 'Event', fields: ['Id', 'Subject', 'StartDateTime', 'ActivityDateTime', 'WhoId', 'WhatId', 'AccountId', 'OwnerId', 'Description', 'Location', ...audit] },
      ];
    case 'contracts':
      return [{ object: 'Contract', fields: uniq(['Id', 'AccountId', 'ContractNumber', 'Name', 'Status', 'StartDate', 'EndDate', 'ContractTerm', 'OwnerId', ...cur,
        ...(f.contractValue ? [f.contractValue] : []), ...audit]) }];
    case 'users':
      return [{ object: 'User', fields: ['Id', 'Name', 'Email', 'Department', ...audit] }];
    default:
      return [];
  }
}

function uniq(a: string[]): string[] {
  return [...new Set(a)];
}

/** Model filter field → SOQL field, per kind. */
export function filterField(kind: EntityKind, field: string, ctx: SalesforceMappingContext): string | undefined {
  const common: Record<string, string> = { id: 'Id', ownerId: 'OwnerId', updatedAt: 'SystemModstamp' };
  const byKind: Partial<Record<EntityKind, Record<string, string>>> = {
    accounts: { name: 'Name', industry: 'Industry', region: ctx.fields.region ?? 'BillingState', parentId: 'ParentId', phone: 'Phone', website: 'Website', employees: 'NumberOfEmployees', ...(ctx.fields.tier ? { tier: ctx.fields.tier } : {}) },
    contacts: { accountId: 'AccountId', name: 'Name', email: 'Email', title: 'Title', reportsToId: 'ReportsToId' },
    opportunities: { accountId: 'AccountId', name: 'Name', stageId: 'StageName', closeDate: 'CloseDate' },
    activities: { accountId: 'AccountId', contactId: 'WhoId', opportunityId: 'WhatId', subject: 'Subject' },
    contracts: { accountId: 'AccountId', name: 'Name' },
    users: { name: 'Name', email: 'Email', team: 'Department' },
  };
  return byKind[kind]?.[field] ?? common[field];
}

/** One Salesforce record → a model record (not yet validated). */
export function fromSalesforce(kind: EntityKind, r: Rec, ctx: SalesforceMappingContext): Rec {
  const id = str(r.Id);
  const base = { id, updatedAt: isoFromSalesforce(r.SystemModstamp ?? r.LastModifiedDate), sourceIds: id ? { salesforce: id } : {} } as Rec;
  switch (kind) {
    case 'accounts': {
      const o: Rec = { id, name: str(r.Name), tags: [], sourceIds: base.sourceIds };
      put(o, 'updatedAt', base.updatedAt);
      put(o, 'industry', str(r.Industry));
      const regionField = ctx.fields.region ?? 'BillingState';
      put(o, 'region', str(r[regionField]) ?? (regionField === 'BillingState' ? str(r.BillingCountry) : undefined));
      if (r.NumberOfEmployees != null) o.employees = r.NumberOfEmployees;
      put(o, 'ownerId', str(r.OwnerId));
      put(o, 'parentId', str(r.ParentId));
      if (ctx.fields.tier) put(o, 'tier', str(r[ctx.fields.tier]));
      const website = str(r.Website);
      if (website !== undefined) {
        o.website = website;
        put(o, 'domain', domainOf(website));
      }
      put(o, 'phone', str(r.Phone));
      let address = '';
      for (const part of [r.BillingStreet, r.BillingCity, r.BillingState, r.BillingPostalCode, r.BillingCountry]) {
        const p = str(part);
        if (p !== undefined) address = address ? `${address}, ${p}` : p;
      }
      if (address) o.address = address;
      if (r.AnnualRevenue != null) o.annualRevenue = money(r.AnnualRevenue, r.CurrencyIsoCode, ctx.currency);
      put(o, 'createdAt', isoFromSalesforce(r.CreatedDate));
      if (r.Type != null) o.custom = { type: r.Type };
      return o;
    }
    case 'contacts': {
      const name = str(r.Name) ?? [str(r.FirstName), str(r.LastName)].filter(Boolean).join(' ');
      const role = ctx.fields.buyingRole ? str(r[ctx.fields.buyingRole])?.toLowerCase().replace(/\s+/g, '_') : undefined;
      return compact({
        ...base, accountId: str(r.AccountId), name: name || undefined, title: str(r.Title), email: str(r.Email), phone: str(r.Phone),
        reportsToId: str(r.ReportsToId), role,
      });
    }
    case 'opportunities': {
      const stageId = str(r.StageName);
      const stage = stageId ? ctx.stages?.get(stageId) : undefined;
      const probability = typeof r.Probability === 'number' ? Math.round(r.Probability * 100) / 10_000 : undefined;
      const forecast = str(r.ForecastCategoryName) ? forecastFromSf[str(r.ForecastCategoryName)!] : undefined;
      const closed = r.IsClosed === true;
      const reason = ctx.fields.closeReason ? str(r[ctx.fields.closeReason]) : undefined;
      return compact({
        ...base, accountId: str(r.AccountId), pipelineId: ctx.pipelineId, stageId, name: str(r.Name),
        amount: money(r.Amount ?? 0, r.CurrencyIsoCode, ctx.currency),
        closeDate: str(r.CloseDate), ownerId: str(r.OwnerId),
        probability: probability !== undefined && (!stage || stage.probability !== probability) ? probability : undefined,
        forecastCategory: forecast && (!stage || stage.forecastCategory !== forecast) ? forecast : undefined,
        nextStep: str(r.NextStep) ? { text: str(r.NextStep)!, done: false } : undefined,
        closedAt: closed ? str(r.CloseDate) : undefined,
        wonReason: closed && r.IsWon === true ? reason : undefined,
        lostReason: closed && r.IsWon !== true ? reason : undefined,
        createdAt: isoFromSalesforce(r.CreatedDate),
        stageHistory: [], checklist: {},
        custom: r.Amount == null ? { amountMissing: true } : undefined,
      });
    }
    case 'activities': {
      const isEvent = prefixOf(r.Id) === '00U' || (r.attributes as Rec | undefined)?.type === 'Event';
      const what = str(r.WhatId);
      const who = str(r.WhoId);
      const subtype = str(r.TaskSubtype);
      return compact({
        ...base,
        accountId: str(r.AccountId) ?? (prefixOf(what) === '001' ? what : undefined),
        contactId: prefixOf(who) === '003' ? who : undefined,
        opportunityId: prefixOf(what) === '006' ? what : undefined,
        type: isEvent ? 'meeting' : subtype === 'Call' ? 'call' : subtype === 'Email' ? 'email' : 'task',
        subject: str(r.Subject) ?? '',
        notes: str(r.Description),
        occurredAt: isEvent ? isoFromSalesforce(r.StartDateTime ?? r.ActivityDateTime) : (str(r.ActivityDate) ?? isoFromSalesforce(r.CreatedDate)),
        ownerId: str(r.OwnerId),
      });
    }
    case 'contracts': {
      const valueField = ctx.fields.contractValue;
      const value = valueField ? r[valueField] : undefined;
      let endDate = str(r.EndDate);
      if (!endDate && str(r.StartDate) && typeof r.ContractTerm === 'number') {
        const d = new Date(`${str(r.StartDate)}T00:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() + r.ContractTerm);
        d.setUTCDate(d.getUTCDate() - 1);
        endDate = d.toISOString().slice(0, 10);
      }
      return compact({
        ...base, accountId: str(r.AccountId), name: str(r.Name) ?? str(r.ContractNumber) ?? '',
        startDate: str(r.StartDate), endDate,
        value: money(value ?? 0, r.CurrencyIsoCode, ctx.currency),
        renewalStatus: 'not_due',
        custom: compact({ status: str(r.Status), contractNumber: str(r.ContractNumber), valueMissing: value == null ? true : undefined }),
      });
    }
    case 'users':
      return compact({ ...base, name: str(r.Name), email: str(r.Email), team: str(r.Department), sourceIds: undefined });
    default:
      throw new Error(`salesforce adapter does not read ${kind}`);
  }
}

/** OpportunityStage rows → one pipeline. */
export function pipelineFromStages(rows: Rec[], ctx: { pipelineId: string; pipelineName: string }): Pipeline {
  const stages: Stage[] = rows
    .filter((r) => r.IsActive !== false)
    .map((r, i) => {
      const kind: StageKind = r.IsWon === true ? 'won' : r.IsClosed === true ? 'lost' : 'open';
      const name = str(r.MasterLabel) ?? str(r.ApiName) ?? `Stage ${i + 1}`;
      return {
        id: str(r.ApiName) ?? name, name, order: typeof r.SortOrder === 'number' ? r.SortOrder : i + 1,
        probability: typeof r.DefaultProbability === 'number' ? Math.round(r.DefaultProbability * 100) / 10_000 : 0,
        forecastCategory: forecastFromSf[str(r.ForecastCategoryName) ?? str(r.ForecastCategory) ?? ''] ?? (kind === 'won' ? 'closed' : kind === 'lost' ? 'omitted' : 'pipeline'),
        kind, entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [],
      };
    })
    .sort((a, b) => a.order - b.order);
  return {
    id: ctx.pipelineId, name: ctx.pipelineName, stages,
    rules: { allowSkip: true, allowBackward: true, allowReopen: true, wonRequires: { reason: false, date: false }, lostRequires: { reason: false, date: false } },
    sourceIds: { salesforce: 'OpportunityStage' },
  };
}

const oneCurrency = (entity: EntityKind, path: string, ctx: SalesforceMappingContext) =>
  ({ entity, path: `${path}.currency`, message: `must be ${ctx.currency}: the Salesforce org has a single currency (no CurrencyIsoCode)` });

/**
 * A body `toSalesforce` built for a multi-currency org, for the single-currency org it turned out
 * to be: `CurrencyIsoCode` dropped; an amount in another currency refused, as `toSalesforce` does.
 */
export function withoutCurrency(kind: EntityKind, body: Rec, patch: Rec, ctx: SalesforceMappingContext): Rec {
  const { CurrencyIsoCode: c, ...rest } = body;
  if (c !== undefined && c !== ctx.currency) {
    const field = Object.keys(patch).find((k) => (patch[k] as { currency?: unknown } | null)?.currency === c) ?? 'amount';
    throw new KamValidationError([oneCurrency(kind, field, ctx)], 'salesforce');
  }
  return rest;
}

/** Writable model fields → Salesforce fields, per kind. Anything else in a patch is refused by name. */
export function toSalesforce(kind: EntityKind, patch: Rec, ctx: SalesforceMappingContext): Rec {
  const out: Rec = {};
  const refused: string[] = [];
  const issues: Array<{ entity: EntityKind; path: string; message: string }> = [];
  const currency = (path: string, c: string | undefined) => {
    if (!c) return;
    if (ctx.multiCurrency !== false) out.CurrencyIsoCode = c;
    // A single-currency org stores every amount in its one currency: another would be relabelled, not converted.
    else if (c !== ctx.currency) issues.push(oneCurrency(kind, path, ctx));
  };
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'id' || k === 'updatedAt' || k === 'sourceIds' || k === 'createdAt') continue;
    const set = (field: string, value: unknown) => { out[field] = value === undefined ? null : value; };
    switch (`${kind}.${k}`) {
      case 'accounts.name': case 'opportunities.name': case 'contracts.name': set('Name', v); break;
      case 'accounts.industry': set('Industry', v); break;
      case 'accounts.region': set(ctx.fields.region ?? 'BillingState', v); break;
      case 'accounts.tier': if (ctx.fields.tier) set(ctx.fields.tier, v); else refused.push(k); break;
      case 'accounts.employees': set('NumberOfEmployees', v); break;
      case 'accounts.ownerId': case 'contacts.ownerId': case 'opportunities.ownerId': case 'activities.ownerId': set('OwnerId', v); break;
      case 'accounts.parentId': set('ParentId', v); break;
      case 'accounts.phone': case 'contacts.phone': set('Phone', v); break;
      case 'accounts.website': set('Website', v); break;
      case 'accounts.annualRevenue': {
        const m = v as { amount?: number; currency?: string } | undefined;
        set('AnnualRevenue', m?.amount);
        currency(k, m?.currency);
        break;
      }
      case 'contacts.name': {
        const s = String(v ?? '').trim();
        const at = s.lastIndexOf(' ');
        set('FirstName', at > 0 ? s.slice(0, at) : null);
        set('LastName', at > 0 ? s.slice(at + 1) : s);
        break;
      }
      case 'contacts.accountId': case 'opportunities.accountId': case 'contracts.accountId': set('AccountId', v); break;
      case 'contacts.title': set('Title', v); break;
      case 'contacts.email': set('Email', v); break;
      case 'contacts.reportsToId': set('ReportsToId', v); break;
      case 'contacts.role': if (ctx.fields.buyingRole) set(ctx.fields.buyingRole, v); else if (v !== undefined && v !== 'other') refused.push(k); break;
      case 'opportunities.stageId': set('StageName', v); break;
      case 'opportunities.amount': {
        const m = v as { amount?: number; currency?: string } | undefined;
        set('Amount', m?.amount);
        currency(k, m?.currency);
        break;
      }
      case 'opportunities.closeDate': set('CloseDate', typeof v === 'string' ? v.slice(0, 10) : v); break;
      case 'opportunities.probability': set('Probability', typeof v === 'number' ? Math.round(v * 10_000) / 100 : v); break;
      case 'opportunities.forecastCategory': set('ForecastCategoryName', v ? forecastToSf[v as ForecastCategory] : v); break;
      case 'opportunities.nextStep': set('NextStep', (v as { text?: string } | undefined)?.text); break;
      case 'opportunities.wonReason': case 'opportunities.lostReason': if (ctx.fields.closeReason) set(ctx.fields.closeReason, v); else refused.push(k); break;
      case 'activities.subject': set('Subject', v); break;
      case 'activities.notes': set('Description', v); break;
      case 'activities.contactId': set('WhoId', v); break;
      case 'activities.opportunityId': set('WhatId', v); break;
      case 'activities.accountId': if (!('opportunityId' in patch)) set('WhatId', v); break;
      case 'activities.occurredAt': set('ActivityDate', typeof v === 'string' ? v.slice(0, 10) : v); break;
      case 'activities.type': set('TaskSubtype', v === 'call' ? 'Call' : v === 'email' ? 'Email' : 'Task'); break;
      default: {
        // Store-maintained fields (stage history, checklist) and empty defaults are not data to
        // write; anything else without a Salesforce field is refused rather than silently lost.
        if (k === 'stageHistory' || k === 'checklist' || v === undefined || v === null) break;
        const empty = (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);
        if (!empty) refused.push(k);
      }
    }
  }
  if (refused.length || issues.length) {
    throw new KamValidationError([...refused.map((path) => ({ entity: kind, path, message: 'cannot be written to Salesforce by this adapter (no mapped field)' })), ...issues], 'salesforce');
  }
  if (kind === 'activities' && !('Status' in out)) out.Status = 'Completed';
  return out;
}
