// Loads a core Book into the Zoho fake as Zoho would hold it: the pipelines' stages become the
// Deals Stage picklist (a book with several pipelines also becomes the layout's pipelines, each
// deal naming its Pipeline), records become module records with lookups by Zoho id, stamps become
// Modified_Time at Zoho's one-second resolution in the org's offset.
import type { Book, ForecastCategory, StageKind } from '@kamkit/core';
import type { ZohoPickListValue, ZohoPipeline, ZohoRecord } from '../../zoho/wire.js';
import { formatZohoDateTime, type ZohoOrg } from './state.js';

const CATEGORY: Record<ForecastCategory, string> = { pipeline: 'Pipeline', best_case: 'Best Case', commit: 'Commit', closed: 'Closed', omitted: 'Omitted' };
const RENEWAL: Record<string, string> = { not_due: 'Not Due', upcoming: 'Upcoming', in_negotiation: 'In Negotiation', renewed: 'Renewed', churned: 'Churned' };

/** Book ids → Zoho ids, per kind. */
export type ZohoIdMap = Record<'accounts' | 'contacts' | 'opportunities' | 'activities' | 'contracts', Map<string, string>>;

export function seedZohoFromBook(org: ZohoOrg, book: Book): ZohoIdMap {
  const ids: ZohoIdMap = { accounts: new Map(), contacts: new Map(), opportunities: new Map(), activities: new Map(), contracts: new Map() };
  const stamp = (iso: string | undefined) => (iso ? formatZohoDateTime(Math.floor(Date.parse(iso) / 1000) * 1000, org.offset) : undefined);
  // One Stage picklist holds every pipeline's stages (Zoho keeps stages per org, pipelines pick from them).
  const stages = book.pipelines.flatMap((p) => [...p.stages].sort((a, b) => a.order - b.order));
  if (stages.length) {
    org.stages = stages.map((s, i): ZohoPickListValue => ({
      display_value: s.name, actual_value: s.id, sequence_number: i + 1, id: String(4150868000000006801n + BigInt(i)),
      probability: Math.round(s.probability * 100), forecast_category: { name: CATEGORY[s.forecastCategory] },
      forecast_type: forecastType(s.kind), colour_code: null, type: 'used',
    }));
  }
  // One pipeline: the org has none configured (the Stage picklist alone, as most orgs).
  // Several: the Deals layout's pipelines, so every deal keeps its own pipeline and stage.
  const multi = book.pipelines.length > 1;
  if (multi) {
    org.pipelines = book.pipelines.map((p, pi): ZohoPipeline => ({
      id: String(4150868000000372001n + BigInt(pi)), display_value: p.name, actual_value: p.id, default: pi === 0,
      maps: [...p.stages].sort((a, b) => a.order - b.order).map((s, i) => ({
        id: org.stages.find((v) => v.actual_value === s.id)?.id ?? `${p.id}-${s.id}`, display_value: s.name, actual_value: s.id, sequence_number: i + 1,
        forecast_category: { name: CATEGORY[s.forecastCategory] }, forecast_type: forecastType(s.kind), colour_code: null,
      })),
    }));
  }
  const zohoUserId = (id: string) => `41508680000${String(Math.abs(hash(id)) % 100000).padStart(5, '0')}000`;
  // The book's users become the org's users, so every Owner lookup names someone Zoho knows.
  for (const u of book.users ?? []) {
    org.users.push({ id: zohoUserId(u.id), name: u.name, email: u.email ?? `${u.id}@zylker.example`, role: u.team, modified: stamp(u.updatedAt) });
  }
  const owner = (id: string | undefined) => {
    if (!id) return undefined;
    const u = book.users?.find((x) => x.id === id);
    return { id: zohoUserId(id), name: u?.name ?? id, ...(u?.email ? { email: u.email } : {}) };
  };
  const put = (module: string, bookId: string, kind: keyof ZohoIdMap, rec: Record<string, unknown>) => {
    const clean = Object.fromEntries(Object.entries(rec).filter(([, v]) => v !== undefined)) as Partial<ZohoRecord>;
    const [stored] = org.insert(module, [clean]);
    ids[kind].set(bookId, stored.id);
  };
  for (const a of book.accounts) {
    put('Accounts', a.id, 'accounts', {
      Account_Name: a.name, Industry: a.industry, Employees: a.employees, Phone: a.phone, Website: a.website, Billing_State: a.region,
      Annual_Revenue: a.annualRevenue?.amount, Currency: a.annualRevenue?.currency, Owner: owner(a.ownerId), KAM_Tier: a.tier,
      Created_Time: stamp(a.createdAt ?? a.updatedAt), Modified_Time: stamp(a.updatedAt),
    });
  }
  const accountRef = (id: string) => {
    const zid = ids.accounts.get(id);
    return zid ? { id: zid, name: book.accounts.find((a) => a.id === id)?.name ?? null } : undefined;
  };
  // Hierarchies: the parent lookup once every account has its Zoho id.
  for (const a of book.accounts) {
    const parent = a.parentId ? accountRef(a.parentId) : undefined;
    if (parent) org.module('Accounts')!.get(ids.accounts.get(a.id)!)!.Parent_Account = parent;
  }
  for (const c of book.contacts) {
    put('Contacts', c.id, 'contacts', {
      Last_Name: c.name, Full_Name: c.name, Email: c.email, Phone: c.phone, Title: c.title, Account_Name: accountRef(c.accountId),
      Modified_Time: stamp(c.updatedAt),
    });
  }
  for (const o of book.opportunities) {
    put('Deals', o.id, 'opportunities', {
      Deal_Name: o.name, Stage: o.stageId, Pipeline: multi ? o.pipelineId : undefined, Amount: o.amount.amount, Currency: o.amount.currency, Closing_Date: o.closeDate,
      Probability: o.probability !== undefined ? Math.round(o.probability * 100) : org.stageByValue(o.stageId)?.probability,
      Account_Name: accountRef(o.accountId), Reason_For_Loss__s: o.lostReason, Next_Step: o.nextStep?.text, Owner: owner(o.ownerId),
      Modified_Time: stamp(o.updatedAt),
    });
  }
  for (const a of book.activities) {
    const common = { What_Id: accountRef(a.accountId), $se_module: 'Accounts', Description: a.notes, Modified_Time: stamp(a.updatedAt) };
    if (a.type === 'call') put('Calls', a.id, 'activities', { ...common, Subject: a.subject, Call_Start_Time: stamp(a.occurredAt), Call_Type: a.direction === 'inbound' ? 'Inbound' : 'Outbound' });
    else if (a.type === 'meeting' || a.type === 'visit') put('Events', a.id, 'activities', { ...common, Event_Title: a.subject, Start_DateTime: stamp(a.occurredAt) });
    else put('Tasks', a.id, 'activities', { ...common, Subject: a.subject, Due_Date: a.occurredAt.slice(0, 10) });
  }
  for (const c of book.contracts) {
    put('Contracts', c.id, 'contracts', {
      Name: c.name, Account: accountRef(c.accountId), Start_Date: c.startDate, End_Date: c.endDate, Contract_Value: c.value.amount,
      Currency: c.value.currency, Renewal_Status: RENEWAL[c.renewalStatus], Auto_Renew: c.autoRenew, Modified_Time: stamp(c.updatedAt),
    });
  }
  return ids;
}

function forecastType(kind: StageKind | undefined): 'Open' | 'Closed Won' | 'Closed Lost' {
  return kind === 'won' ? 'Closed Won' : kind === 'lost' ? 'Closed Lost' : 'Open';
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}
