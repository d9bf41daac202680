// Kingdee K/3 Cloud signed-header authentication, computed the way the official WebAPI SDKs
// (Java `ApiRequester.buildHeader`, Python `WebApiClient.BuildHeader`) compute it — written from
// the description in reference/crm-apis.md §3.2, not copied. Web Crypto only, so it runs in
// Node and in browsers (though app secrets belong in a relay, never in a page).
//
//   X-Api-Signature = base64( hex( HMAC-SHA256( "POST\n" + urlencode(path) + "\n\nx-api-nonce:" + n
//                                                + "\nx-api-timestamp:" + t + "\n", clientSec ) ) )
//   X-Kd-Signature  = base64( hex( HMAC-SHA256( appId + appData, appSecret ) ) )
//   clientSec       = base64( base64decode(secret part of appId) XOR ascii(SDK key) )   (32-char part)

export interface KingdeeAppIdentity {
  /** Data-centre id (`X-KDApi-AcctID`). */
  acctId: string;
  userName: string;
  /** `<clientId>_<32-char secret part>` from 第三方系统登录授权. */
  appId: string;
  appSecret: string;
  /** 2052 zh-CN (default), 1033 en-US, 3076 zh-TW. */
  lcid?: number;
  /** Organisation number (`X-KDApi-OrgNum`); may be empty. */
  orgNum?: string;
}

/** The XOR key both official SDKs apply to the secret part of an appId. */
const SDK_XOR_KEY = '0054f397c6234378b09ca7d3e5debce7';

const utf8 = new TextEncoder();

export function base64FromBytes(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function bytesFromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** base64(hex(HMAC-SHA256(data, key))): the SDKs' unusual double encoding. Key and data are UTF-8. */
export async function kingdeeHmac(data: string, key: string): Promise<string> {
  const k = await crypto.subtle.importKey('raw', utf8.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', k, utf8.encode(data)));
  return base64FromBytes(utf8.encode(hex(mac)));
}

/** The API-gateway secret derived from the appId's secret part (Java `decodeSec` / Python `DecodeAppSecret`). */
export function decodeAppSecretPart(part: string): string {
  if (part.length !== 32) return part;
  const buf = bytesFromBase64(part);
  const key = utf8.encode(SDK_XOR_KEY);
  for (let i = 0; i < buf.length; i++) buf[i] ^= key[i];
  return base64FromBytes(buf);
}

/**
 * Percent-encodes a URL path as Java's `URLEncoder.encode(path, "UTF-8")` and Python's
 * `quote(path).replace('/', '%2F')` agree on it: letters, digits and `.-_*` stay, `/` → `%2F`,
 * space → `+`, everything else as upper-case `%XX` of its UTF-8 bytes.
 */
export function encodeSignedPath(path: string): string {
  let out = '';
  for (const b of utf8.encode(path)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9._*-]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** What the SDKs put in `X-Kd-Appdata` before base64: `acctId,userName,lcid,orgNum`. */
export function appDataOf(id: KingdeeAppIdentity): string {
  return `${id.acctId},${id.userName},${id.lcid ?? 2052},${id.orgNum ?? ''}`;
}

export function apiSignatureBase(encodedPath: string, nonce: string, timestamp: string): string {
  return `POST\n${encodedPath}\n\nx-api-nonce:${nonce}\nx-api-timestamp:${timestamp}\n`;
}

export interface SignOptions {
  /** Epoch time to sign with. Default now. */
  now?: number;
  /** `ms` as the Java SDK sends, `s` as the Python SDK sends. Default `ms`. */
  timestampUnit?: 'ms' | 's';
}

/**
 * The signed headers for one POST to `path` (the URL path after the host, e.g.
 * `/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc`).
 */
export async function kingdeeSignedHeaders(path: string, id: KingdeeAppIdentity, opts: SignOptions = {}): Promise<Record<string, string>> {
  const now = opts.now ?? Date.now();
  const ts = opts.timestampUnit === 's' ? String(Math.floor(now / 1000)) : String(now);
  const [clientId, secretPart] = id.appId.split('_');
  const apiSec = secretPart !== undefined && id.appId.split('_').length === 2 ? decodeAppSecretPart(secretPart) : '';
  const appData = appDataOf(id);
  return {
    'X-Api-ClientID': secretPart !== undefined ? clientId : '',
    'X-Api-Auth-Version': '2.0',
    'x-api-timestamp': ts,
    'x-api-nonce': ts,
    'x-api-signheaders': opts.timestampUnit === 's' ? 'x-api-timestamp,x-api-nonce' : 'X-Api-TimeStamp,X-Api-Nonce',
    'X-Api-Signature': await kingdeeHmac(apiSignatureBase(encodeSignedPath(path), ts, ts), apiSec),
    'X-Kd-Appkey': id.appId,
    'X-Kd-Appdata': base64FromBytes(utf8.encode(appData)),
    'X-Kd-Signature': await kingdeeHmac(id.appId + appData, id.appSecret),
  };
}

/** LoginBySign's `sign`: sort [acctId, userName, appId, appSecret, timestamp(s)] ordinally, concatenate, SHA-256, lower hex. */
export async function loginBySignSignature(acctId: string, userName: string, appId: string, appSecret: string, timestampSec: string): Promise<string> {
  const parts = [acctId, userName, appId, appSecret, timestampSec].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(parts.join('')))));
}
