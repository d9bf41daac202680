// Loads a core Book into the Kingdee fake as K/3 Cloud would hold it: the first pipeline's stages
// become sale-phase base data (CRM_SalePhase [guess]; a tenant has one phase list, so a deal of
// another pipeline sits in the phase at the same step), customers / contacts / opportunities /
// activities / contracts become form records with internal ids, stamps become zone-less
// server-local FModifyDate values (milliseconds kept).
import type { Book, Stage } from '@kamkit/core';
import { DEFAULT_CURRENCY_NUMBERS } from '../../kingdee/forms.js';
import type { KdRecord, KingdeeDataCentre } from './state.js';

export type KingdeeIdMap = Record<'accounts' | 'contacts' | 'opportunities' | 'activities' | 'contracts', Map<string, number>>;

const currencyNumber = (iso: string) => Object.entries(DEFAULT_CURRENCY_NUMBERS).find(([, c]) => c === iso)?.[0] ?? iso;

export function seedKingdeeFromBook(dc: KingdeeDataCentre, book: Book, opts: { customerStatus?: string } = {}): KingdeeIdMap {
  const ids: KingdeeIdMap = { accounts: new Map(), contacts: new Map(), opportunities: new Map(), activities: new Map(), contracts: new Map() };
  const local = (iso: string | undefined) => (iso ? dc.local(Date.parse(iso)) : undefined);
  const clean = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as KdRecord;
  const ref = (v: string | undefined, key: 'FDataValue' | 'FNumber' = 'FNumber') => (v ? { Id: 0, FNumber: v, FName: v, [key]: v } : undefined);
  const pipeline = book.pipelines[0];
  const phases = new Map<string, KdRecord>();
  if (pipeline) {
    for (const s of [...pipeline.stages].sort((a, b) => a.order - b.order)) {
      const [p] = dc.insert('CRM_SalePhase', [{ FNumber: s.id, FName: s.name, FWinRate: Math.round(s.probability * 100), FSeq: s.order, FPhaseType: s.kind === 'won' ? 'E' : s.kind === 'lost' ? 'F' : 'A', FDocumentStatus: 'C' }]);
      phases.set(s.id, p);
    }
  }
  // The book's users become salespeople (销售员), numbered by their book id: FSELLER / FBEMPID name them.
  for (const u of book.users ?? []) {
    dc.insert('BD_Saleman', [clean({ FNumber: u.id, FName: u.name, FDocumentStatus: 'C', FModifyDate: local(u.updatedAt) })]);
  }
  const seller = (id: string | undefined) => {
    const name = id ? book.users?.find((u) => u.id === id)?.name : undefined;
    return id ? { Id: 0, FNumber: id, FName: name ?? id } : undefined;
  };
  const customerRef = (bookId: string) => {
    const id = ids.accounts.get(bookId);
    const c = id ? dc.table('BD_Customer').get(id) : undefined;
    return c ? { Id: id, FNumber: c.FNumber, FName: c.FName } : undefined;
  };
  for (const a of book.accounts) {
    const [r] = dc.insert('BD_Customer', [clean({
      FName: a.name, FINDUSTRY: ref(a.industry, 'FDataValue'), FPROVINCIAL: ref(a.region, 'FDataValue'), FTEL: a.phone, FADDRESS: a.address,
      FSOCIALCRECODE: a.taxId, FSELLER: seller(a.ownerId), F_KAM_Tier: a.tier, FTRADINGCURRID: ref('PRE001'), FDocumentStatus: opts.customerStatus ?? 'A',
      FCreateDate: local(a.createdAt ?? a.updatedAt), FModifyDate: local(a.updatedAt),
    })]);
    ids.accounts.set(a.id, r.FCUSTID as number);
  }
  // Hierarchies: 集团客户 once every customer has its internal id.
  for (const a of book.accounts) {
    const parent = a.parentId ? customerRef(a.parentId) : undefined;
    if (parent) dc.table('BD_Customer').get(ids.accounts.get(a.id)!)!.FGROUPCUSTID = parent;
  }
  for (const c of book.contacts) {
    const [r] = dc.insert('BD_CommonContact', [clean({
      FName: c.name, FEmail: c.email, FPost: c.title, FMobile: c.phone, FCompanyType: 'BD_Customer', FCompany: customerRef(c.accountId),
      FDocumentStatus: 'C', FModifyDate: local(c.updatedAt),
    })]);
    ids.contacts.set(c.id, r.FCONTACTID as number);
  }
  const phaseOf = phaseMapper(book);
  for (const o of book.opportunities) {
    const stage = phaseOf(o.pipelineId, o.stageId);
    const phase = stage && phases.get(stage.id);
    const closed = stage?.kind === 'won' || stage?.kind === 'lost';
    const [r] = dc.insert('CRM_OPP_Opportunity', [clean({
      FOPPName: o.name, FCustomerId: customerRef(o.accountId), FEstimateIncome: o.amount.amount, FBEMPID: seller(o.ownerId),
      FStartDate: closed ? undefined : `${o.closeDate.slice(0, 10)}T00:00:00`, FWinDate: closed ? `${(o.closedAt ?? o.closeDate).slice(0, 10)}T00:00:00` : undefined,
      FWinReason: ref(stage?.kind === 'lost' ? o.lostReason : stage?.kind === 'won' ? o.wonReason ?? 'Won' : undefined),
      FSalePhase: phase ? { Id: phase.FID, FNumber: phase.FNumber, FName: phase.FName } : undefined,
      FDocumentStatus: stage?.kind === 'won' ? 'E' : stage?.kind === 'lost' ? 'F' : 'G', FCreateDate: local(o.createdAt ?? o.updatedAt),
      FModifyDate: local(o.updatedAt),
      $entries: { FProductEntity: [{ FEntryID: 1, FMaterialId: 'PUMP-01', FQty: 1 }] },
    })]);
    ids.opportunities.set(o.id, r.FID as number);
  }
  for (const a of book.activities) {
    const [r] = dc.insert('CRM_ACTIVITY', [clean({
      FName: a.subject, FActStartTime: local(a.occurredAt), FCustomerId: customerRef(a.accountId), FDescription: a.notes,
      FOppId: a.opportunityId && ids.opportunities.get(a.opportunityId) ? { Id: ids.opportunities.get(a.opportunityId) } : undefined,
      FModifyDate: local(a.updatedAt),
    })]);
    ids.activities.set(a.id, r.FID as number);
  }
  for (const c of book.contracts) {
    const [r] = dc.insert('CRM_Contract', [clean({
      FBillNo: c.name, FDate: `${c.startDate.slice(0, 10)}T00:00:00`, FCustId: customerRef(c.accountId), FValiStartDate: `${c.startDate.slice(0, 10)}T00:00:00`,
      FValiEndDate: `${c.endDate.slice(0, 10)}T00:00:00`, FBillAllAmount: c.value.amount, FSettleCurrId: ref(currencyNumber(c.value.currency)),
      FDocumentStatus: 'C', FModifyDate: local(c.updatedAt),
    })]);
    ids.contracts.set(c.id, r.FID as number);
  }
  return ids;
}

/**
 * Stage of the first pipeline (the tenant's phase list) for a deal of any pipeline: its own stage
 * when the deal is in the first pipeline, else the first pipeline's stage at the same step (the
 * n-th open stage, or the won / lost stage).
 */
function phaseMapper(book: Book): (pipelineId: string, stageId: string) => Stage | undefined {
  const [first] = book.pipelines;
  if (!first) return () => undefined;
  const open = (stages: readonly Stage[]) => stages.filter((s) => (s.kind ?? 'open') === 'open').sort((a, b) => a.order - b.order);
  const firstOpen = open(first.stages);
  return (pipelineId, stageId) => {
    const own = first.stages.find((s) => s.id === stageId);
    if (own) return own;
    const stages = book.pipelines.find((p) => p.id === pipelineId)?.stages ?? [];
    const stage = stages.find((s) => s.id === stageId);
    if (!stage) return undefined;
    if (stage.kind === 'won' || stage.kind === 'lost') return first.stages.find((s) => s.kind === stage.kind);
    const step = open(stages).indexOf(stage);
    return firstOpen[Math.min(step, firstOpen.length - 1)];
  };
}
