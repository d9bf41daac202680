// Which K/3 Cloud forms and field keys the adapter reads and writes, with the evidence for each
// key (reference/kingdee-crm.md): `seen` = seen in code that runs against K/3 Cloud, `guess` =
// not confirmed on a tenant (verify with QueryBusinessInfo). Every key is overridable per tenant.

export type KeyEvidence = 'seen' | 'guess';

export interface KingdeeFormSpec {
  formId: string;
  /** Header primary key (internal id). */
  pk: string;
  /** Keys queried with ExecuteBillQuery, in this order; `.FNumber`/`.FName` read base-data sub-fields. */
  keys: Record<string, KeyEvidence>;
  /** Always-on filter (e.g. contacts that belong to customers). */
  baseFilter?: string;
  /** Core model field → field key, for server-side equality filters. */
  filters: Record<string, string>;
}

export type KingdeeEntityKind = 'accounts' | 'contacts' | 'opportunities' | 'activities' | 'contracts';

export const DEFAULT_FORMS: Record<KingdeeEntityKind, KingdeeFormSpec> = {
  accounts: {
    formId: 'BD_Customer',
    pk: 'FCUSTID',
    keys: {
      FCUSTID: 'seen', FNumber: 'seen', FName: 'seen', FShortName: 'seen', FTEL: 'seen', FADDRESS: 'seen',
      'FPROVINCIAL.FDataValue': 'guess', 'FINDUSTRY.FDataValue': 'guess', FSOCIALCRECODE: 'seen', 'FSELLER.FNumber': 'guess', 'FGroup.FName': 'guess', FGROUPCUSTID: 'guess',
      'FTRADINGCURRID.FNumber': 'seen', FDocumentStatus: 'seen', FForbidStatus: 'seen', FCreateDate: 'seen', FModifyDate: 'seen',
    },
    filters: { name: 'FName', ownerId: 'FSELLER.FNumber', taxId: 'FSOCIALCRECODE', region: 'FPROVINCIAL.FDataValue', industry: 'FINDUSTRY.FDataValue' },
  },
  contacts: {
    formId: 'BD_CommonContact',
    pk: 'FCONTACTID',
    keys: {
      FCONTACTID: 'seen', FNumber: 'seen', FName: 'seen', FMobile: 'seen', FTel: 'guess', FEmail: 'seen', FPost: 'guess',
      FCompanyType: 'seen', FCompany: 'seen', FBizAddress: 'seen', FForbidStatus: 'seen', FModifyDate: 'guess',
    },
    baseFilter: "FCompanyType = 'BD_Customer'",
    filters: { accountId: 'FCompany', email: 'FEmail', name: 'FName' },
  },
  opportunities: {
    formId: 'CRM_OPP_Opportunity',
    pk: 'FID',
    keys: {
      FID: 'seen', FBillNo: 'seen', FOPPName: 'seen', FCustomerId: 'guess', 'FBEMPID.FNumber': 'guess', 'FSaleDeptId.FName': 'guess',
      FStartDate: 'seen', FEstimateIncome: 'guess', FDocumentStatus: 'seen', FCloseStatus: 'seen', FWinDate: 'seen',
      'FWinReason.FName': 'guess', 'FSalePhase.FNumber': 'guess', FCreateDate: 'guess', FModifyDate: 'guess',
    },
    filters: { accountId: 'FCustomerId', ownerId: 'FBEMPID.FNumber', name: 'FOPPName' },
  },
  activities: {
    formId: 'CRM_ACTIVITY',
    pk: 'FID',
    keys: {
      FID: 'seen', FBillNo: 'seen', FName: 'seen', FActStartTime: 'seen', FOppId: 'seen', FCustomerId: 'guess', FContactId: 'guess',
      FDescription: 'guess', FCreateDate: 'seen', FModifyDate: 'guess',
    },
    filters: { accountId: 'FCustomerId', opportunityId: 'FOppId', contactId: 'FContactId' },
  },
  contracts: {
    formId: 'CRM_Contract',
    pk: 'FID',
    keys: {
      FID: 'seen', FBillNo: 'seen', FDate: 'seen', FCustId: 'guess', 'FSalerId.FNumber': 'guess', FValiStartDate: 'guess',
      FValiEndDate: 'guess', FBillAllAmount: 'guess', 'FSettleCurrId.FNumber': 'guess', FDocumentStatus: 'seen', FModifyDate: 'guess',
    },
    filters: { accountId: 'FCustId' },
  },
};

/**
 * The sale-phase base data (商机阶段) whose rows are the pipeline's stages: number, name, win
 * rate (赢率, 0–100), sequence and type (A open / E won / F lost). No public source names this
 * form or its keys — all [guess]; when the form does not exist the adapter falls back to the
 * FDocumentStatus lifecycle below.
 */
export interface KingdeePhaseFormSpec {
  formId: string;
  number: string;
  name: string;
  winRate: string;
  seq: string;
  type: string;
  /** Opportunity key holding the current phase's number. */
  opportunityKey: string;
}

export const DEFAULT_PHASE_FORM: KingdeePhaseFormSpec = {
  formId: 'CRM_SalePhase', number: 'FNumber', name: 'FName', winRate: 'FWinRate', seq: 'FSeq', type: 'FPhaseType',
  opportunityKey: 'FSalePhase.FNumber',
};

/**
 * The salespeople base data (销售员) that customers' FSELLER and opportunities' FBEMPID name by
 * number: read as the users, so owners show with names. Form id and keys are a guess; when the
 * form does not exist the adapter serves no users.
 */
export interface KingdeeSalesmanFormSpec {
  formId: string;
  pk: string;
  number: string;
  name: string;
  modified: string;
}

export const DEFAULT_SALESMAN_FORM: KingdeeSalesmanFormSpec = { formId: 'BD_Saleman', pk: 'FID', number: 'FNumber', name: 'FName', modified: 'FModifyDate' };

/** Opportunity lifecycle as FDocumentStatus records it: E = 赢单 (won), F = 输单 (lost), G = 执行中. */
export const OPPORTUNITY_STAGE_OF_STATUS: Record<string, string> = { Z: 'A', A: 'A', D: 'A', B: 'B', C: 'G', G: 'G', E: 'E', F: 'F' };

/**
 * Status operations that move an opportunity between stages: Submit/Audit/UnAudit/CancelAssign
 * are standard; Win/Lose/UnWin/UnLose are CRM operations (opNumbers are a guess, see docs).
 */
export const OPPORTUNITY_MOVES: Record<string, Record<string, { service: 'submit' | 'audit' | 'unAudit' | 'cancelAssign' | 'excuteOperation'; opNumber?: string }>> = {
  A: { B: { service: 'submit' } },
  B: { A: { service: 'cancelAssign' }, G: { service: 'audit' } },
  G: { A: { service: 'unAudit' }, E: { service: 'excuteOperation', opNumber: 'Win' }, F: { service: 'excuteOperation', opNumber: 'Lose' } },
  E: { G: { service: 'excuteOperation', opNumber: 'UnWin' } },
  F: { G: { service: 'excuteOperation', opNumber: 'UnLose' } },
};

/** Shortest chain of status operations from one stage to another (undefined if none). */
export function opportunityPath(from: string, to: string): Array<{ from: string; to: string }> | undefined {
  if (from === to) return [];
  const prev = new Map<string, string>([[from, '']]);
  const queue = [from];
  while (queue.length) {
    const s = queue.shift()!;
    for (const next of Object.keys(OPPORTUNITY_MOVES[s] ?? {})) {
      if (prev.has(next)) continue;
      prev.set(next, s);
      if (next === to) {
        const path: Array<{ from: string; to: string }> = [];
        for (let cur = to; cur !== from; cur = prev.get(cur)!) path.unshift({ from: prev.get(cur)!, to: cur });
        return path;
      }
      queue.push(next);
    }
  }
  return undefined;
}

/** Kingdee currency numbers of a standard install (PRE001 人民币 …); ISO-looking codes pass through. */
export const DEFAULT_CURRENCY_NUMBERS: Record<string, string> = {
  PRE001: 'CNY', PRE002: 'HKD', PRE003: 'EUR', PRE004: 'JPY', PRE005: 'TWD', PRE006: 'GBP', PRE007: 'USD',
};
