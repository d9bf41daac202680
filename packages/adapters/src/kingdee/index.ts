// `@kamkit/adapters/kingdee`: the Kingdee 金蝶云·星空 (K/3 Cloud) WebAPI DataSource.
export {
  KingdeeSource, createKingdeeSource, inspectKingdee, forecastCategoryForRate, LIFECYCLE_STAGES as KINGDEE_LIFECYCLE_STAGES,
  type KingdeeSourceOptions, type KingdeeAuthOptions,
} from './adapter.js';
export { DEFAULT_FORMS as KINGDEE_FORMS, DEFAULT_PHASE_FORM as KINGDEE_PHASE_FORM, type KingdeeFormSpec, type KingdeePhaseFormSpec, type KingdeeEntityKind } from './forms.js';
export { kingdeeSignedHeaders, loginBySignSignature, type KingdeeAppIdentity } from './sign.js';
export { KD_SERVICE, MSG_CODE as KINGDEE_MSG_CODE, type KdResult, type KdResponseStatus } from './wire.js';
