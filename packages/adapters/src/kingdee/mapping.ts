// Kingdee K/3 Cloud rows ⇄ the core model. Pure functions. ExecuteBillQuery answers arrays of
// arrays in FieldKeys order; `rowsToObjects` keys them by the requested key so the mappers read
// `row.FName`, `row['FSELLER.FNumber']`. Bad vendor data is never thrown on: the core schemas
// quarantine it with reasons.
import { KamValidationError, type EntityKind, type FieldIssue } from '@kamkit/core';
import { DEFAULT_CURRENCY_NUMBERS, OPPORTUNITY_STAGE_OF_STATUS, type KingdeeEntityKind, type KingdeeFormSpec } from './forms.js';

export interface KingdeeMappingContext {
  /** The K/3 server's UTC offset: its dates carry no zone (`2026-06-12T08:30:00`). Default `+08:00`. */
  offset: string;
  /** Currency of amounts on forms that carry none. Default `CNY`. */
  defaultCurrency: string;
  /** Kingdee currency number → ISO 4217. */
  currencies: Record<string, string>;
  /** Opportunity id → customer id, to link activities that only name an opportunity. */
  opportunityAccounts?: ReadonlyMap<string, string>;
  /**
   * Sale-phase mode: open opportunities sit in the phase their phase key names; 赢单 / 输单
   * (FDocumentStatus E / F) sit in these stages. Absent: stages are the FDocumentStatus lifecycle.
   */
  phases?: { key: string; won: string; lost: string };
  /** Customer key holding the key-account tier (a custom field, e.g. `F_KAM_Tier`); unset = not mapped. */
  tierKey?: string;
}

export function defaultKingdeeContext(over: Partial<KingdeeMappingContext> = {}): KingdeeMappingContext {
  return { offset: '+08:00', defaultCurrency: 'CNY', currencies: DEFAULT_CURRENCY_NUMBERS, ...over };
}

export type KdRow = Record<string, unknown>;

/** `[[v1, v2], …]` → `[{ key1: v1, key2: v2 }, …]`. A row that is not an array is kept as `{ $raw }` and fails validation later. */
export function rowsToObjects(keys: string[], rows: unknown[]): KdRow[] {
  return rows.map((r) => (Array.isArray(r) ? Object.fromEntries(keys.map((k, i) => [k, r[i]])) : { $raw: r }));
}

/** Blank text comes back as "" or a single space. */
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined);
const idOf = (v: unknown): string | undefined => (typeof v === 'number' ? (v === 0 ? undefined : String(v)) : text(v) === '0' ? undefined : text(v));
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined);

const NAIVE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d{1,7})?$/;

/** A zone-less Kingdee datetime → ISO 8601 with the server's offset (milliseconds kept). */
export function kdDateTimeToIso(v: unknown, offset: string): string | undefined {
  const s = text(v);
  if (!s) return undefined;
  const m = NAIVE.exec(s);
  if (!m) return s; // leave it for the schema to reject with the value in the message
  const frac = m[3] ? `.${m[3].slice(1, 4).padEnd(3, '0')}` : '';
  return `${m[1]}T${m[2]}${frac}${offset}`;
}

/** A Kingdee date field (`2026-03-19T00:00:00`) → `2026-03-19`. */
export function kdDateToIso(v: unknown): string | undefined {
  const s = text(v);
  if (!s) return undefined;
  const m = NAIVE.exec(s) ?? /^(\d{4}-\d{2}-\d{2})$/.exec(s);
  return m ? m[1] : s;
}

/** ISO stamp → the server's local time as FilterString wants it: `2026-06-12 08:30:00.123`. */
export function isoToKdLocal(iso: string, offset: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new KamValidationError([{ entity: 'changes', path: 'since', message: `must be an ISO 8601 stamp, got ${JSON.stringify(iso)}` }]);
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const mins = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(t + mins * 60_000).toISOString().replace('T', ' ').replace('Z', '');
}

function currencyOf(v: unknown, ctx: KingdeeMappingContext): string {
  const s = text(v);
  if (!s) return ctx.defaultCurrency;
  return ctx.currencies[s] ?? s;
}

function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function accountFromKd(r: KdRow, ctx: KingdeeMappingContext): Record<string, unknown> {
  const id = idOf(r.FCUSTID);
  return compact({
    id,
    name: text(r.FName),
    industry: text(r['FINDUSTRY.FDataValue']),
    region: text(r['FPROVINCIAL.FDataValue']),
    ownerId: text(r['FSELLER.FNumber']),
    // 集团客户: the group customer this one belongs to.
    parentId: idOf(r.FGROUPCUSTID),
    tier: ctx.tierKey ? text(r[ctx.tierKey]) : undefined,
    phone: text(r.FTEL),
    address: text(r.FADDRESS),
    taxId: text(r.FSOCIALCRECODE),
    createdAt: kdDateTimeToIso(r.FCreateDate, ctx.offset),
    updatedAt: kdDateTimeToIso(r.FModifyDate, ctx.offset),
    sourceIds: compact({ kingdee: id, kingdeeNumber: text(r.FNumber) }),
    custom: compact({
      number: text(r.FNumber), shortName: text(r.FShortName), group: text(r['FGroup.FName']),
      tradingCurrency: text(r['FTRADINGCURRID.FNumber']) ? currencyOf(r['FTRADINGCURRID.FNumber'], ctx) : undefined,
      documentStatus: text(r.FDocumentStatus), forbidden: text(r.FForbidStatus) === 'B' ? true : undefined,
    }),
  });
}

export function contactFromKd(r: KdRow, ctx: KingdeeMappingContext): Record<string, unknown> {
  const id = idOf(r.FCONTACTID);
  return compact({
    id,
    accountId: idOf(r.FCompany),
    name: text(r.FName),
    title: text(r.FPost),
    email: text(r.FEmail),
    phone: text(r.FMobile) ?? text(r.FTel),
    updatedAt: kdDateTimeToIso(r.FModifyDate, ctx.offset),
    sourceIds: compact({ kingdee: id, kingdeeNumber: text(r.FNumber) }),
    custom: compact({ number: text(r.FNumber), address: text(r.FBizAddress), forbidden: text(r.FForbidStatus) === 'B' ? true : undefined }),
  });
}

export const KINGDEE_PIPELINE_ID = 'CRM_OPP_Opportunity';

export function opportunityFromKd(r: KdRow, ctx: KingdeeMappingContext): Record<string, unknown> {
  const id = idOf(r.FID);
  const status = text(r.FDocumentStatus);
  const lifecycle = status ? OPPORTUNITY_STAGE_OF_STATUS[status] ?? status : undefined;
  const ph = ctx.phases;
  const stageId = ph ? (lifecycle === 'E' ? ph.won : lifecycle === 'F' ? ph.lost : text(r[ph.key])) : lifecycle;
  const winDate = kdDateToIso(r.FWinDate);
  const reason = text(r['FWinReason.FName']);
  const closed = lifecycle === 'E' || lifecycle === 'F';
  const amount = num(r.FEstimateIncome);
  return compact({
    id,
    accountId: idOf(r.FCustomerId),
    pipelineId: KINGDEE_PIPELINE_ID,
    stageId,
    name: text(r.FOPPName) ?? text(r.FBillNo),
    amount: { amount: amount ?? r.FEstimateIncome, currency: ctx.defaultCurrency },
    // No expected-close-date key is known for CRM_OPP_Opportunity: won/lost deals use 输赢日期,
    // open ones their start date (docs/adapters/kingdee.md).
    closeDate: (closed ? winDate : undefined) ?? kdDateToIso(r.FStartDate) ?? winDate,
    ownerId: text(r['FBEMPID.FNumber']),
    wonReason: lifecycle === 'E' ? reason : undefined,
    lostReason: lifecycle === 'F' ? reason : undefined,
    closedAt: closed ? winDate : undefined,
    createdAt: kdDateTimeToIso(r.FCreateDate, ctx.offset),
    updatedAt: kdDateTimeToIso(r.FModifyDate, ctx.offset),
    sourceIds: compact({ kingdee: id, kingdeeNumber: text(r.FBillNo) }),
    custom: compact({
      billNo: text(r.FBillNo), documentStatus: status, closed: text(r.FCloseStatus) === '1' ? true : undefined,
      department: text(r['FSaleDeptId.FName']),
    }),
  });
}

export function activityFromKd(r: KdRow, ctx: KingdeeMappingContext): Record<string, unknown> {
  const id = idOf(r.FID);
  const opportunityId = idOf(r.FOppId);
  return compact({
    id,
    accountId: idOf(r.FCustomerId) ?? (opportunityId ? ctx.opportunityAccounts?.get(opportunityId) : undefined),
    opportunityId,
    contactId: idOf(r.FContactId),
    // 跟进记录: CRM activities are customer visits unless a tenant types them otherwise.
    type: 'visit',
    subject: text(r.FName) ?? text(r.FBillNo) ?? '',
    notes: text(r.FDescription),
    occurredAt: kdDateTimeToIso(r.FActStartTime, ctx.offset) ?? kdDateTimeToIso(r.FCreateDate, ctx.offset),
    updatedAt: kdDateTimeToIso(r.FModifyDate, ctx.offset),
    sourceIds: compact({ kingdee: id, kingdeeNumber: text(r.FBillNo) }),
  });
}

export function contractFromKd(r: KdRow, ctx: KingdeeMappingContext): Record<string, unknown> {
  const id = idOf(r.FID);
  const amount = num(r.FBillAllAmount);
  return compact({
    id,
    accountId: idOf(r.FCustId),
    name: text(r.FBillNo) ?? '',
    startDate: kdDateToIso(r.FValiStartDate) ?? kdDateToIso(r.FDate),
    endDate: kdDateToIso(r.FValiEndDate),
    value: { amount: amount ?? r.FBillAllAmount, currency: currencyOf(r['FSettleCurrId.FNumber'], ctx) },
    updatedAt: kdDateTimeToIso(r.FModifyDate, ctx.offset),
    sourceIds: compact({ kingdee: id, kingdeeNumber: text(r.FBillNo) }),
    custom: compact({ documentStatus: text(r.FDocumentStatus), salesperson: text(r['FSalerId.FNumber']) }),
  });
}

export function fromKd(kind: KingdeeEntityKind, r: KdRow, ctx: KingdeeMappingContext): Record<string, unknown> {
  switch (kind) {
    case 'accounts': return accountFromKd(r, ctx);
    case 'contacts': return contactFromKd(r, ctx);
    case 'opportunities': return opportunityFromKd(r, ctx);
    case 'activities': return activityFromKd(r, ctx);
    case 'contracts': return contractFromKd(r, ctx);
  }
}

// ---------------------------------------------------------------------------------------------
// Writes: core patch → Save Model fields + NeedUpDateFields.

type Writer = (v: unknown, model: Record<string, unknown>, ctx: KingdeeMappingContext) => void;
const to = (key: string): Writer => (v, m) => { m[key] = v ?? ''; };
const toNumberRef = (key: string): Writer => (v, m) => { m[key] = { FNumber: v == null ? '' : String(v) }; };
const toIdRef = (key: string): Writer => (v, m) => { m[key] = { FID: v == null ? 0 : Number(v) }; };
const toDate = (key: string): Writer => (v, m) => { m[key] = typeof v === 'string' ? v.slice(0, 10) : ''; };
const toDateTime = (key: string): Writer => (v, m, ctx) => { m[key] = typeof v === 'string' ? isoToKdLocal(v, ctx.offset).slice(0, 19) : ''; };
const toAmount = (key: string): Writer => (v, m, ctx) => {
  const money = v as { amount?: unknown; currency?: unknown } | null;
  if (money?.currency && money.currency !== ctx.defaultCurrency) {
    throw new KamValidationError([{ entity: 'write', path: `${key}.currency`, message: `must be ${ctx.defaultCurrency}: Kingdee stores this amount in the form's currency` }]);
  }
  m[key] = money?.amount ?? 0;
};

const WRITERS: Record<KingdeeEntityKind, Record<string, Writer>> = {
  accounts: { name: to('FName'), phone: to('FTEL'), address: to('FADDRESS'), taxId: to('FSOCIALCRECODE'), ownerId: toNumberRef('FSELLER'), parentId: toIdRef('FGROUPCUSTID') },
  contacts: { name: to('FName'), email: to('FEmail'), phone: to('FMobile'), title: to('FPost'), accountId: toIdRef('FCompany') },
  opportunities: {
    name: to('FOPPName'), amount: toAmount('FEstimateIncome'), ownerId: toNumberRef('FBEMPID'), accountId: toIdRef('FCustomerId'),
    closeDate: toDate('FStartDate'),
  },
  activities: { subject: to('FName'), notes: to('FDescription'), occurredAt: toDateTime('FActStartTime'), accountId: toIdRef('FCustomerId'), contactId: toIdRef('FContactId'), opportunityId: toIdRef('FOppId') },
  contracts: { startDate: toDate('FValiStartDate'), endDate: toDate('FValiEndDate'), value: toAmount('FBillAllAmount'), accountId: toIdRef('FCustId') },
};

/**
 * A core patch → Save `Model` fields (without the PK) and their keys for `NeedUpDateFields`.
 * A field this adapter cannot write is a KamValidationError naming it.
 */
export function patchToKd(kind: KingdeeEntityKind, id: string | undefined, patch: Record<string, unknown>, ctx: KingdeeMappingContext): { model: Record<string, unknown>; keys: string[] } {
  const writers = kind === 'accounts' && ctx.tierKey ? { ...WRITERS[kind], tier: to(ctx.tierKey) } : WRITERS[kind];
  const model: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const w = writers[field];
    if (!w) {
      issues.push({ entity: kind, id, path: field, message: `cannot be written to Kingdee ${kind}` });
      continue;
    }
    try {
      w(value, model, ctx);
    } catch (e) {
      if (e instanceof KamValidationError) issues.push(...e.issues.map((i) => ({ ...i, entity: kind, id, path: field })));
      else throw e;
    }
  }
  if (issues.length) throw new KamValidationError(issues, `kingdee ${kind}`);
  return { model, keys: Object.keys(model) };
}

export function isKingdeeKind(kind: EntityKind): kind is KingdeeEntityKind {
  return kind === 'accounts' || kind === 'contacts' || kind === 'opportunities' || kind === 'activities' || kind === 'contracts';
}

/** FilterString for model-field equality filters; returns the filters it could not push down. */
export function filterToKd(spec: KingdeeFormSpec, filter: Record<string, string | number | boolean> | undefined): { clause?: string; rest: Record<string, string | number | boolean> } {
  const parts: string[] = [];
  const rest: Record<string, string | number | boolean> = {};
  for (const [field, value] of Object.entries(filter ?? {})) {
    const key = field === 'id' ? spec.pk : spec.filters[field];
    if (!key) {
      rest[field] = value;
      continue;
    }
    parts.push(`${key} = ${kdLiteral(value)}`);
  }
  return { clause: parts.length ? parts.join(' AND ') : undefined, rest };
}

/** A FilterString literal: numbers bare, text single-quoted with quotes doubled. */
export function kdLiteral(v: string | number | boolean): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? "'1'" : "'0'";
  return `'${v.replace(/'/g, "''")}'`;
}
