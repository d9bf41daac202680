// Ready-made AuthProviders. Tokens live in closures here and nowhere else: never in an error,
// a log line or a URL.
import { KamHttpError, endpointOf } from './errors.js';
import { defaultErrorDetails } from './signals.js';
import type { AuthProvider, HttpMethod } from './client.js';

/** A fixed token (`Authorization: <scheme> <token>`), optionally renewable by a callback. */
export function bearerToken(opts: {
  token: string;
  /** `Bearer` (Salesforce, REST) or `Zoho-oauthtoken`. */
  scheme?: string;
  /** Returns a fresh token; without it a 401 fails as `auth`. */
  renew?: (signal?: AbortSignal) => Promise<string>;
  vendor?: string;
}): AuthProvider {
  let token = opts.token;
  const scheme = opts.scheme ?? 'Bearer';
  return {
    apply(headers) {
      headers.set('authorization', `${scheme} ${token}`);
    },
    async refresh(signal) {
      if (!opts.renew) {
        throw new KamHttpError({
          code: 'auth', vendor: opts.vendor ?? 'http', endpoint: 'token', reason: 'session_lost', retryable: false,
          detail: 'the access token was rejected and no way to renew it was configured',
        });
      }
      token = await opts.renew(signal);
    },
  };
}

export interface OAuthTokenResponse {
  access_token: string;
  token_type?: string;
  /** Salesforce: base for every REST call. */
  instance_url?: string;
  /** Zoho: base for every REST call. */
  api_domain?: string;
  refresh_token?: string;
  [key: string]: unknown;
}

/**
 * OAuth 2.0 refresh-token grant against a token endpoint (Salesforce `/services/oauth2/token`,
 * Zoho `/oauth/v2/token`): form-encoded POST, JSON answer. The answer's `instance_url` /
 * `api_domain` becomes the base URL of later requests.
 */
export function oauthRefreshToken(opts: {
  vendor: string;
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  /** A token already at hand (skips the first refresh). */
  accessToken?: string;
  scheme?: string;
  /** Base URL until the token endpoint names one. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called after each successful refresh (persist the new refresh token if one came back). */
  onToken?: (token: OAuthTokenResponse) => void;
}): AuthProvider & { token(): Promise<void> } {
  let access = opts.accessToken;
  let refreshToken = opts.refreshToken;
  let base = opts.baseUrl;
  const scheme = opts.scheme ?? 'Bearer';
  const doFetch = opts.fetch ?? fetch;

  async function fetchToken(signal?: AbortSignal): Promise<void> {
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: opts.clientId, refresh_token: refreshToken });
    if (opts.clientSecret) form.set('client_secret', opts.clientSecret);
    const endpoint = endpointOf('POST', opts.tokenUrl);
    let res: Response;
    try {
      res = await doFetch(opts.tokenUrl, {
        method: 'POST', body: form, signal,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      });
    } catch (cause) {
      throw new KamHttpError({ code: 'network', vendor: opts.vendor, endpoint, reason: 'network', retryable: true, cause, detail: 'token endpoint unreachable' });
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const token = body as OAuthTokenResponse | undefined;
    if (!res.ok || !token || typeof token.access_token !== 'string') {
      const d = defaultErrorDetails(body);
      throw new KamHttpError({
        code: 'auth', vendor: opts.vendor, endpoint, reason: 'session_lost', status: res.status, retryable: false,
        vendorCode: d.vendorCode, vendorMessage: d.message, detail: 'the token endpoint refused to issue a new access token',
      });
    }
    access = token.access_token;
    if (typeof token.refresh_token === 'string') refreshToken = token.refresh_token;
    base = token.instance_url ?? token.api_domain ?? base;
    opts.onToken?.(token);
  }

  return {
    async ensure(signal?: AbortSignal) {
      if (!access) await fetchToken(signal);
    },
    async apply(headers: Headers, _req: { method: HttpMethod; url: URL }) {
      if (!access) await fetchToken();
      headers.set('authorization', `${scheme} ${access}`);
    },
    refresh: fetchToken,
    baseUrl: () => base,
    /** Fetches a token now (e.g. at start-up, to learn the instance URL). */
    token: () => fetchToken(),
  };
}
