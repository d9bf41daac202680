// In-memory K/3 Cloud data centre for the Kingdee fake: forms with field metadata, records,
// document statuses, users and third-party apps, sessions, and a clock whose FModifyDate stamps
// never repeat (the adapter's precondition compares them).
import { randomUUID } from 'node:crypto';

export type KdFieldType = 'pk' | 'text' | 'number' | 'datetime' | 'date' | 'status' | 'ref';

export interface KdFieldMeta {
  type: KdFieldType;
  /** For refs: the form a bare key's internal id points at (validated on Save). */
  refForm?: string;
  mustInput?: boolean;
}

export interface KdFormMeta {
  formId: string;
  name: string;
  pk: string;
  /** Number field (`FNumber` on base data, `FBillNo` on bills). */
  numberKey: string;
  numberPrefix: string;
  fields: Record<string, KdFieldMeta>;
  /** Entry (detail-row) collections the form has; Save with IsDeleteEntry=true drops the ones missing from the payload. */
  entries?: string[];
  /** Base data (客户, 联系人) rather than a bill; both lock once audited. */
  baseData: boolean;
}

const F = (type: KdFieldType, extra: Partial<KdFieldMeta> = {}): KdFieldMeta => ({ type, ...extra });
const stamps = { FCreateDate: F('datetime'), FModifyDate: F('datetime'), FCreatorId: F('ref'), FModifierId: F('ref'), FDocumentStatus: F('status'), FForbidStatus: F('status') };

export const KD_FORMS: Record<string, KdFormMeta> = {
  BD_Customer: {
    formId: 'BD_Customer', name: '客户', pk: 'FCUSTID', numberKey: 'FNumber', numberPrefix: 'CUST', baseData: true,
    fields: {
      FCUSTID: F('pk'), FNumber: F('text'), FName: F('text', { mustInput: true }), FShortName: F('text'), FTEL: F('text'), FADDRESS: F('text'),
      FPROVINCIAL: F('ref'), FINDUSTRY: F('ref'), FCOUNTRY: F('ref'), FSOCIALCRECODE: F('text'), FTAXREGISTERCODE: F('text'), FINVOICETITLE: F('text'),
      FSELLER: F('ref'), FSALDEPTID: F('ref'), FGroup: F('ref'), FGROUPCUSTID: F('ref', { refForm: 'BD_Customer' }), FCustTypeId: F('ref'), FTRADINGCURRID: F('ref'),
      FCreateOrgId: F('ref'), FUseOrgId: F('ref'),
      // A custom field (F_ prefix, as K/3 Cloud names them) for the key-account tier: the adapter's `tierKey`.
      F_KAM_Tier: F('text'), ...stamps,
    },
  },
  BD_CommonContact: {
    formId: 'BD_CommonContact', name: '联系人', pk: 'FCONTACTID', numberKey: 'FNumber', numberPrefix: 'LXR', baseData: true,
    fields: {
      FCONTACTID: F('pk'), FNumber: F('text'), FName: F('text', { mustInput: true }), FMobile: F('text'), FTel: F('text'), FEmail: F('text'),
      FPost: F('text'), FCompanyType: F('text'), FCompany: F('ref', { refForm: 'BD_Customer' }), FBizAddress: F('text'), FUseOrgId: F('ref'), ...stamps,
    },
  },
  CRM_OPP_Opportunity: {
    formId: 'CRM_OPP_Opportunity', name: '商机', pk: 'FID', numberKey: 'FBillNo', numberPrefix: 'SJ', baseData: false,
    fields: {
      FID: F('pk'), FBillNo: F('text'), FOPPName: F('text', { mustInput: true }), FCustomerId: F('ref', { refForm: 'BD_Customer' }), FBEMPID: F('ref'),
      FSaleDeptId: F('ref'), FStartDate: F('date'), FEstimateIncome: F('number'), FCloseStatus: F('text'), FWinDate: F('date'), FWinReason: F('ref'),
      FSourceBillNo: F('text'), FSalePhase: F('ref', { refForm: 'CRM_SalePhase' }), ...stamps,
    },
    entries: ['FProductEntity'],
  },
  BD_Saleman: {
    formId: 'BD_Saleman', name: '销售员', pk: 'FID', numberKey: 'FNumber', numberPrefix: 'XSY', baseData: true,
    fields: { FID: F('pk'), FNumber: F('text'), FName: F('text', { mustInput: true }), FStaffId: F('ref'), FBizOrgId: F('ref'), ...stamps },
  },
  CRM_SalePhase: {
    formId: 'CRM_SalePhase', name: '商机阶段', pk: 'FID', numberKey: 'FNumber', numberPrefix: 'JD', baseData: true,
    fields: { FID: F('pk'), FNumber: F('text'), FName: F('text', { mustInput: true }), FWinRate: F('number'), FSeq: F('number'), FPhaseType: F('text'), ...stamps },
  },
  CRM_ACTIVITY: {
    formId: 'CRM_ACTIVITY', name: '商机活动', pk: 'FID', numberKey: 'FBillNo', numberPrefix: 'HD', baseData: false,
    fields: {
      FID: F('pk'), FBillNo: F('text'), FName: F('text', { mustInput: true }), FActStartTime: F('datetime'), FActEndTime: F('datetime'),
      FOppId: F('ref', { refForm: 'CRM_OPP_Opportunity' }), FCustomerId: F('ref', { refForm: 'BD_Customer' }), FContactId: F('ref', { refForm: 'BD_CommonContact' }),
      FDescription: F('text'), ...stamps,
    },
  },
  CRM_Contract: {
    formId: 'CRM_Contract', name: '销售合同', pk: 'FID', numberKey: 'FBillNo', numberPrefix: 'XSHT', baseData: false,
    fields: {
      FID: F('pk'), FBillNo: F('text'), FDate: F('date'), FCustId: F('ref', { refForm: 'BD_Customer' }), FSalerId: F('ref'), FSaleDeptId: F('ref'),
      FValiStartDate: F('date'), FValiEndDate: F('date'), FBillAllAmount: F('number'), FSettleCurrId: F('ref'), FContractType: F('ref'), ...stamps,
    },
    entries: ['FCRMContractEntry'],
  },
};

/** A base-data reference as the fake stores it: internal id plus the sub-fields queries ask for. */
export interface KdRef {
  Id: number;
  FNumber?: string;
  FName?: string;
  FDataValue?: string;
}

export type KdRecord = Record<string, unknown> & { $entries?: Record<string, unknown[]> };

export interface KdUser { acctId: string; userName: string; password: string; userId: number }
export interface KdApp { appId: string; appSecret: string }

export interface KdSession { sid: string; acctId: string; userName: string; lcid: number; expires: number }

export class KingdeeDataCentre {
  readonly records = new Map<string, Map<number, KdRecord>>();
  readonly sessions = new Map<string, KdSession>();
  /** Records under network control (网控): Save / status operations on them fail with MsgCode 13. */
  readonly locked = new Set<string>();
  private nextPk = 100_000;
  private lastStamp = 0;
  private numberSeq = new Map<string, number>();

  constructor(
    readonly users: KdUser[],
    readonly apps: KdApp[],
    readonly now: () => number = Date.now,
    /** Server UTC offset in minutes (its dates carry no zone). Default +480 (China). */
    readonly offsetMinutes = 480,
  ) {
    for (const id of Object.keys(KD_FORMS)) this.records.set(id, new Map());
  }

  get acctIds(): Set<string> {
    return new Set(this.users.map((u) => u.acctId));
  }

  /** Server-local, zone-less time with milliseconds, later than every earlier stamp. */
  stamp(): string {
    const t = Math.max(this.now(), this.lastStamp + 1);
    this.lastStamp = t;
    return this.local(t);
  }

  local(ms: number): string {
    return new Date(ms + this.offsetMinutes * 60_000).toISOString().slice(0, 23);
  }

  form(formId: string): KdFormMeta | undefined {
    return KD_FORMS[formId] ?? Object.values(KD_FORMS).find((f) => f.formId.toLowerCase() === formId.toLowerCase());
  }

  table(formId: string): Map<number, KdRecord> {
    const meta = this.form(formId);
    if (!meta) throw new Error(`kingdee fake: unknown form ${formId}`);
    return this.records.get(meta.formId)!;
  }

  nextNumber(meta: KdFormMeta): string {
    const n = (this.numberSeq.get(meta.formId) ?? 0) + 1;
    this.numberSeq.set(meta.formId, n);
    return `${meta.numberPrefix}${String(n).padStart(6, '0')}`;
  }

  /**
   * Inserts records as given (refs as `{ Id, FNumber, FName }` or a bare internal id); fills
   * the PK, number, status and stamps that are missing. Returns the stored records.
   */
  insert(formId: string, rows: KdRecord[]): KdRecord[] {
    const meta = this.form(formId)!;
    const table = this.table(formId);
    return rows.map((r) => {
      const pk = typeof r[meta.pk] === 'number' && (r[meta.pk] as number) > 0 ? (r[meta.pk] as number) : ++this.nextPk;
      this.nextPk = Math.max(this.nextPk, pk);
      const when = typeof r.FModifyDate === 'string' ? r.FModifyDate : this.stamp();
      const rec: KdRecord = {
        [meta.numberKey]: this.nextNumber(meta), FDocumentStatus: 'A', FForbidStatus: 'A', FCreateDate: when,
        ...(meta.formId === 'CRM_OPP_Opportunity' ? { FCloseStatus: '0' } : {}), ...r, [meta.pk]: pk, FModifyDate: when,
      };
      if (meta.entries) rec.$entries = { ...Object.fromEntries(meta.entries.map((e) => [e, []])), ...(r.$entries ?? {}) };
      table.set(pk, rec);
      return rec;
    });
  }

  login(acctId: string, userName: string, lcid: number): KdSession {
    const s: KdSession = { sid: randomUUID(), acctId, userName, lcid, expires: this.now() + 20 * 60_000 };
    this.sessions.set(s.sid, s);
    return s;
  }

  /** Drops every session: the next call carrying an old session id gets MsgCode 1. */
  expireSessions(): void {
    this.sessions.clear();
  }

  liveSession(sid: string | undefined): KdSession | undefined {
    if (!sid) return undefined;
    const s = this.sessions.get(sid);
    if (!s) return undefined;
    if (s.expires <= this.now()) {
      this.sessions.delete(sid);
      return undefined;
    }
    s.expires = this.now() + 20 * 60_000; // sliding, as the measured deployment renewed silently
    return s;
  }
}
