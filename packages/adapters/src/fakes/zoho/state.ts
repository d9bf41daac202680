// In-memory Zoho CRM org for the fake server: modules of records, the Deals Stage picklist,
// layouts and pipelines, OAuth clients and tokens, and a clock whose Modified_Time stamps have
// Zoho's one-second resolution: two writes in one second share a stamp, as they do on Zoho.
import type { ZohoField, ZohoPickListValue, ZohoPipeline, ZohoRecord } from '../../zoho/wire.js';

export interface ZohoFieldMeta {
  api_name: string;
  data_type: 'text' | 'textarea' | 'email' | 'phone' | 'website' | 'integer' | 'double' | 'currency' | 'bigint' | 'boolean'
    | 'date' | 'datetime' | 'lookup' | 'ownerlookup' | 'picklist' | 'multiselectpicklist' | 'percent';
  /** For lookups: the module they point at. */
  lookup?: string;
  mandatory?: boolean;
  read_only?: boolean;
}

const f = (api_name: string, data_type: ZohoFieldMeta['data_type'], extra: Partial<ZohoFieldMeta> = {}): ZohoFieldMeta => ({ api_name, data_type, ...extra });
const system = [
  f('Owner', 'ownerlookup'), f('Created_Time', 'datetime', { read_only: true }), f('Modified_Time', 'datetime', { read_only: true }),
  f('Created_By', 'ownerlookup', { read_only: true }), f('Modified_By', 'ownerlookup', { read_only: true }),
];

/** Field metadata per module: what `fields=` may name, what a write may set, and how the SDK should type it. */
export const ZOHO_FAKE_FIELDS: Record<string, ZohoFieldMeta[]> = {
  Accounts: [
    f('Account_Name', 'text', { mandatory: true }), f('Account_Number', 'text'), f('Account_Type', 'picklist'), f('Industry', 'picklist'),
    f('Employees', 'integer'), f('Annual_Revenue', 'currency'), f('Currency', 'picklist'), f('Website', 'website'), f('Phone', 'phone'),
    f('Parent_Account', 'lookup', { lookup: 'Accounts' }), f('Billing_Street', 'text'), f('Billing_City', 'text'), f('Billing_State', 'text'),
    f('Billing_Country', 'text'), f('Rating', 'picklist'), f('Description', 'textarea'), f('Tag', 'multiselectpicklist'),
    // The custom key-account tier field a KAM org adds (the adapter's `tierField`).
    f('KAM_Tier', 'picklist'), ...system,
  ],
  Contacts: [
    f('First_Name', 'text'), f('Last_Name', 'text', { mandatory: true }), f('Full_Name', 'text', { read_only: true }), f('Email', 'email'),
    f('Phone', 'phone'), f('Mobile', 'phone'), f('Title', 'text'), f('Department', 'text'), f('Account_Name', 'lookup', { lookup: 'Accounts' }),
    f('Reporting_To', 'lookup', { lookup: 'Contacts' }), f('Last_Activity_Time', 'datetime', { read_only: true }), f('Description', 'textarea'), ...system,
  ],
  Deals: [
    f('Deal_Name', 'text', { mandatory: true }), f('Stage', 'picklist', { mandatory: true }), f('Pipeline', 'picklist'), f('Amount', 'currency'),
    f('Currency', 'picklist'), f('Probability', 'integer'), f('Closing_Date', 'date'), f('Account_Name', 'lookup', { lookup: 'Accounts' }),
    f('Contact_Name', 'lookup', { lookup: 'Contacts' }), f('Next_Step', 'text'), f('Reason_For_Loss__s', 'picklist'), f('Type', 'picklist'),
    f('Lead_Source', 'picklist'), f('Description', 'textarea'), ...system,
  ],
  Tasks: [
    f('Subject', 'text', { mandatory: true }), f('Status', 'picklist'), f('Priority', 'picklist'), f('Due_Date', 'date'),
    f('What_Id', 'lookup'), f('Who_Id', 'lookup', { lookup: 'Contacts' }), f('Description', 'textarea'), f('Closed_Time', 'datetime', { read_only: true }), ...system,
  ],
  Events: [
    f('Event_Title', 'text', { mandatory: true }), f('Start_DateTime', 'datetime'), f('End_DateTime', 'datetime'), f('Venue', 'text'),
    f('What_Id', 'lookup'), f('Who_Id', 'lookup', { lookup: 'Contacts' }), f('Description', 'textarea'), ...system,
  ],
  Calls: [
    f('Subject', 'text', { mandatory: true }), f('Call_Type', 'picklist'), f('Call_Start_Time', 'datetime'), f('Call_Duration', 'text'),
    f('Call_Purpose', 'picklist'), f('Call_Result', 'picklist'), f('What_Id', 'lookup'), f('Who_Id', 'lookup', { lookup: 'Contacts' }),
    f('Description', 'textarea'), ...system,
  ],
  Contracts: [
    f('Name', 'text', { mandatory: true }), f('Account', 'lookup', { lookup: 'Accounts' }), f('Start_Date', 'date'), f('End_Date', 'date'),
    f('Contract_Value', 'currency'), f('Currency', 'picklist'), f('Renewal_Status', 'picklist'), f('Auto_Renew', 'boolean'),
    f('Renewed_By', 'lookup', { lookup: 'Contracts' }), ...system,
  ],
};

/** The default Stage picklist of a new Zoho org (probabilities and forecast categories as Zoho ships them). */
export const DEFAULT_STAGES: ZohoPickListValue[] = [
  ['Qualification', 10, 'Pipeline', 'Open'], ['Needs Analysis', 20, 'Pipeline', 'Open'], ['Value Proposition', 40, 'Pipeline', 'Open'],
  ['Id. Decision Makers', 60, 'Pipeline', 'Open'], ['Perception Analysis', 70, 'Best Case', 'Open'], ['Proposal/Price Quote', 75, 'Best Case', 'Open'],
  ['Negotiation/Review', 90, 'Commit', 'Open'], ['Closed Won', 100, 'Closed', 'Closed Won'], ['Closed Lost', 0, 'Omitted', 'Closed Lost'],
  ['Closed-Lost to Competition', 0, 'Omitted', 'Closed Lost'],
].map(([name, probability, category, type], i) => ({
  display_value: name as string, actual_value: name as string, sequence_number: i + 1, id: String(4150868000000006801n + BigInt(i)),
  probability: probability as number, forecast_category: { name: category as string, id: String(4150868000000006701n + BigInt(i)) },
  forecast_type: type as 'Open' | 'Closed Won' | 'Closed Lost', colour_code: null, type: 'used',
}));

export interface ZohoFakeUser { id: string; name: string; email: string; role?: string; active?: boolean; modified?: string }

export class ZohoOrg {
  readonly modules = new Map<string, Map<string, ZohoRecord>>();
  stages: ZohoPickListValue[] = DEFAULT_STAGES.map((s) => ({ ...s }));
  /** Pipelines of the Deals layout; empty means the org has no pipelines configured. */
  pipelines: ZohoPipeline[] = [];
  readonly layoutId = '4150868000000091055';
  readonly user: ZohoFakeUser = { id: '4150868000000225013', name: 'Patricia Boyle', email: 'p.boyle@zylker.example' };
  /** The org's users (`GET /users`); the API user first. */
  readonly users: ZohoFakeUser[] = [this.user];
  /** Offset the fake org writes its datetimes in, e.g. `+08:00`. */
  readonly offset: string;
  private seq = 0n;
  private lastStamp = 0;

  constructor(opts: { offset?: string; now?: () => number } = {}) {
    this.offset = opts.offset ?? '+08:00';
    this.now = opts.now ?? Date.now;
    for (const m of Object.keys(ZOHO_FAKE_FIELDS)) this.modules.set(m, new Map());
  }

  now: () => number;

  /** A fresh id: 19 digits like Zoho's, increasing, so string order equals creation order. */
  nextId(): string {
    this.seq += 1n;
    return String(4150868000001000000n + this.seq);
  }

  /** A Modified_Time stamp, never earlier than the last one; whole seconds, so two writes in one second share it. */
  stamp(): string {
    const t = Math.max(Math.floor(this.now() / 1000) * 1000, this.lastStamp);
    this.lastStamp = t;
    return formatZohoDateTime(t, this.offset);
  }

  module(name: string): Map<string, ZohoRecord> | undefined {
    return this.modules.get(name);
  }

  /** Inserts records as given (ids kept when present); stamps missing times. */
  insert(module: string, records: Array<Partial<ZohoRecord> & Record<string, unknown>>): ZohoRecord[] {
    const m = this.modules.get(module);
    if (!m) throw new Error(`zoho fake: unknown module ${module}`);
    return records.map((r) => {
      const id = typeof r.id === 'string' && r.id ? r.id : this.nextId();
      const when = typeof r.Modified_Time === 'string' ? r.Modified_Time : this.stamp();
      if (typeof r.Modified_Time === 'string') this.lastStamp = Math.max(this.lastStamp, Date.parse(r.Modified_Time));
      const rec: ZohoRecord = {
        Owner: { id: this.user.id, name: this.user.name, email: this.user.email },
        Created_Time: when, ...r, id, Modified_Time: when,
      };
      m.set(id, rec);
      return rec;
    });
  }

  stageField(): ZohoField {
    return { api_name: 'Stage', data_type: 'picklist', field_label: 'Stage', id: '4150868000000002565', pick_list_values: this.stages };
  }

  stageByValue(value: string): ZohoPickListValue | undefined {
    return this.stages.find((s) => s.actual_value === value);
  }
}

/** `2026-11-23T16:05:09+08:00`: what Zoho sends (seconds, the org's offset). */
export function formatZohoDateTime(ms: number, offset: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const mins = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date(ms + mins * 60_000).toISOString().slice(0, 19);
  return `${local}${m ? offset : 'Z'}`;
}
