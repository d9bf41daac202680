// Kingdee K/3 Cloud WebAPI wire shapes (reference/crm-apis.md §3). Shared by the adapter and
// the fake so both speak one format.

/** Every service is `POST {serverUrl}/{service}.common.kdsvc`. */
export const KD_SERVICE = {
  validateUser: 'Kingdee.BOS.WebApi.ServicesStub.AuthService.ValidateUser',
  loginByAppSecret: 'Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginByAppSecret',
  loginBySign: 'Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginBySign',
  logout: 'Kingdee.BOS.WebApi.ServicesStub.AuthService.Logout',
  executeBillQuery: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery',
  billQuery: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.BillQuery',
  view: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.View',
  save: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save',
  submit: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Submit',
  audit: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Audit',
  unAudit: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.UnAudit',
  cancelAssign: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.CancelAssign',
  delete: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Delete',
  excuteOperation: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExcuteOperation',
  queryBusinessInfo: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.QueryBusinessInfo',
} as const;

export const kdPath = (service: string): string => `${service}.common.kdsvc`;

/** `ResponseStatus.MsgCode` values printed under every operation doc. */
export const MSG_CODE = {
  default: 0, sessionLost: 1, noPermission: 2, operationFlagEmpty: 3, exception: 4, billIdEmpty: 5, dbFailed: 6,
  licence: 7, parameter: 8, fieldNotFound: 9, dataNotFound: 10, validation: 11, notOperable: 12, networkControl: 13,
  callLimit: 14, adminLoginForbidden: 15,
} as const;

export interface KdError {
  FieldName: string | null;
  Message: string;
  DIndex: number;
}

export interface KdSuccessEntity {
  Id: number | string;
  Number: string;
  DIndex: number;
}

export interface KdResponseStatus {
  ErrorCode: number | string;
  IsSuccess: boolean;
  Errors: KdError[];
  SuccessEntitys: KdSuccessEntity[];
  SuccessMessages: Array<{ FieldName: string; Message: string; DIndex: number }>;
  MsgCode: number;
}

/** The envelope of every non-query operation (and, wrapped in `[[…]]`, of a failed query). */
export interface KdResult {
  Result: {
    ResponseStatus: KdResponseStatus;
    Id?: number | string;
    Number?: string;
    NeedReturnData?: unknown[];
    Result?: unknown;
  };
}

/** ExecuteBillQuery's `data` argument. */
export interface KdBillQuery {
  FormId: string;
  FieldKeys: string;
  FilterString?: string | unknown[];
  OrderString?: string;
  TopRowCount?: number;
  StartRow?: number;
  Limit?: number;
  SubSystemId?: string;
}

/** Save's `data` argument. */
export interface KdSave {
  Model: Record<string, unknown>;
  NeedUpDateFields?: string[];
  NeedReturnFields?: string[];
  /** Default true on the server: entries missing from the payload are deleted on update. */
  IsDeleteEntry?: boolean;
  IsVerifyBaseDataField?: boolean;
  IsAutoSubmitAndAudit?: boolean;
  ValidateFlag?: boolean;
  NumberSearch?: boolean;
}

/** Login answer (`LoginResult`); not wrapped in ResponseStatus. */
export interface KdLoginResult {
  Message: string | null;
  MessageCode: string | null;
  LoginResultType: number;
  Context: Record<string, unknown> | null;
  KDSVCSessionId: string | null;
  IsSuccessByAPI: boolean;
  [k: string]: unknown;
}

/** LoginResultType values that mean "logged in" (many integrators accept -5 DealWithForm too). */
export const LOGIN_OK = new Set([1, -5]);

export function okStatus(entities: KdSuccessEntity[] = []): KdResponseStatus {
  return { ErrorCode: 0, IsSuccess: true, Errors: [], SuccessEntitys: entities, SuccessMessages: [], MsgCode: 0 };
}

export function failStatus(msgCode: number, message: string, fieldName: string | null = null): KdResponseStatus {
  return { ErrorCode: 500, IsSuccess: false, Errors: [{ FieldName: fieldName, Message: message, DIndex: 0 }], SuccessEntitys: [], SuccessMessages: [], MsgCode: msgCode };
}

/** The ResponseStatus inside either envelope (`{Result:…}` or a failed query's `[[{Result:…}]]`). */
export function responseStatusOf(body: unknown): KdResponseStatus | undefined {
  let b = body;
  while (Array.isArray(b) && b.length === 1) b = b[0];
  const rs = (b as KdResult | undefined)?.Result?.ResponseStatus;
  return rs && typeof rs === 'object' && 'IsSuccess' in rs ? rs : undefined;
}

/** The message real servers send for MsgCode 1 (it stays Chinese whatever the lcid). */
export const SESSION_LOST_MESSAGE = '会话信息已丢失，请重新登录';
