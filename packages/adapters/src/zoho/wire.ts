// Zoho CRM v8 wire shapes, as the official SDK's JSON model map names them
// (reference/crm-apis.md §2). Shared by the adapter and the fake so both speak one format.

/** A lookup as Zoho serialises it: `{ id, name }` (users add `email`). */
export interface ZohoLookup {
  id: string;
  name?: string;
  email?: string;
}

/** One record: API field names → values. `id` is a string of digits. */
export type ZohoRecord = { id: string } & Record<string, unknown>;

/** `info` of a records page (SDK `record/info`). */
export interface ZohoInfo {
  per_page: number;
  count: number;
  page: number;
  sort_by: string;
  sort_order: 'asc' | 'desc';
  more_records: boolean;
  next_page_token: string | null;
  previous_page_token: string | null;
  page_token_expiry: string | null;
  call?: boolean;
  email?: boolean;
}

export interface ZohoRecordsPage {
  data: ZohoRecord[];
  info: ZohoInfo;
}

/** The error object (SDK `record/api_exception`), top level or per record inside `data[]`. */
export interface ZohoError {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: 'error';
}

/** Per-record result of a PUT / POST (SDK `record/success_response`). */
export interface ZohoActionResult {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: 'success' | 'error';
}

/** A Stage picklist value (SDK `fields/pick_list_value`). */
export interface ZohoPickListValue {
  display_value: string;
  actual_value: string;
  sequence_number?: number;
  id?: string;
  probability?: number;
  forecast_category?: { name: string; id?: string } | null;
  forecast_type?: 'Open' | 'Closed Won' | 'Closed Lost' | null;
  colour_code?: string | null;
  type?: string;
}

export interface ZohoField {
  api_name: string;
  data_type: string;
  field_label?: string;
  id?: string;
  pick_list_values?: ZohoPickListValue[];
  [k: string]: unknown;
}

/** A pipeline (SDK `pipeline/pipeline`), its stages in `maps`. */
export interface ZohoPipeline {
  id: string;
  display_value: string;
  actual_value: string;
  default: boolean;
  child_available?: boolean;
  parent?: unknown;
  maps: Array<{
    id: string;
    display_value: string;
    actual_value: string;
    sequence_number: number;
    forecast_category?: { name: string; id?: string } | null;
    forecast_type?: 'Open' | 'Closed Won' | 'Closed Lost';
    colour_code?: string | null;
  }>;
}

export interface ZohoTokenResponse {
  access_token: string;
  refresh_token?: string;
  api_domain?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  /** Zoho Accounts answers a bad grant with HTTP 200 and `{ error: 'invalid_code' }`. */
  error?: string;
}

export const ZOHO_API_PATH = '/crm/v8';
/** `page` × `per_page` reaches only the first 2,000 records; beyond that `page_token` is required. */
export const ZOHO_DISCRETE_PAGING_LIMIT = 2000;
export const ZOHO_MAX_PER_PAGE = 200;
export const ZOHO_MAX_WRITE_BATCH = 100;

/** Record modules the adapter reads, by core entity kind. Activities span three modules. */
export const ZOHO_MODULES = {
  accounts: ['Accounts'],
  contacts: ['Contacts'],
  opportunities: ['Deals'],
  activities: ['Tasks', 'Events', 'Calls'],
  contracts: ['Contracts'],
} as const;

export type ZohoEntityKind = keyof typeof ZOHO_MODULES;

/** `fields` per module (mandatory since v3, ≤ 50 API names). */
export const ZOHO_FIELDS: Record<string, string[]> = {
  Accounts: ['Account_Name', 'Industry', 'Employees', 'Annual_Revenue', 'Currency', 'Website', 'Phone', 'Owner', 'Parent_Account',
    'Billing_Street', 'Billing_City', 'Billing_State', 'Billing_Country', 'Account_Type', 'Rating', 'Tag', 'Created_Time', 'Modified_Time'],
  Contacts: ['First_Name', 'Last_Name', 'Full_Name', 'Email', 'Phone', 'Mobile', 'Title', 'Department', 'Account_Name', 'Reporting_To',
    'Owner', 'Last_Activity_Time', 'Created_Time', 'Modified_Time'],
  Deals: ['Deal_Name', 'Stage', 'Pipeline', 'Amount', 'Currency', 'Probability', 'Closing_Date', 'Account_Name', 'Contact_Name', 'Owner',
    'Next_Step', 'Reason_For_Loss__s', 'Type', 'Lead_Source', 'Created_Time', 'Modified_Time'],
  Tasks: ['Subject', 'Status', 'Priority', 'Due_Date', 'What_Id', 'Who_Id', 'Owner', 'Description', 'Closed_Time', 'Created_Time', 'Modified_Time'],
  Events: ['Event_Title', 'Start_DateTime', 'End_DateTime', 'Venue', 'What_Id', 'Who_Id', 'Owner', 'Description', 'Created_Time', 'Modified_Time'],
  Calls: ['Subject', 'Call_Type', 'Call_Start_Time', 'Call_Duration', 'Call_Purpose', 'Call_Result', 'What_Id', 'Who_Id', 'Owner',
    'Description', 'Created_Time', 'Modified_Time'],
  Contracts: ['Name', 'Account', 'Start_Date', 'End_Date', 'Contract_Value', 'Currency', 'Renewal_Status', 'Auto_Renew', 'Renewed_By',
    'Owner', 'Created_Time', 'Modified_Time'],
};
