import { parseJsonObject } from '../json-text-edit.js';
import type { HttpAnswer } from './classify.js';
import { serverText } from './server-text.js';
import type { Outcome } from './verdict.js';

/**
 * An OAuth access token for Vertex AI from the credentials Claude Code would use, the way
 * Google's own libraries get one, without them: a service-account key signs a JWT (RS256)
 * that the token endpoint exchanges; an `authorized_user` file (gcloud's application
 * default credentials) trades its refresh token. Two documented HTTP calls and Node's
 * crypto are all it takes, so google-auth-library (and its dependency tree) is not needed.
 * Other credential types (workload identity federation, impersonation, the metadata
 * server) are reported as untested. Pure: the tester reads files, signs and sends.
 */

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

export type GoogleCredentials =
  | { kind: 'service_account'; email: string; privateKey: string; keyId?: string; tokenUri: string }
  | { kind: 'authorized_user'; clientId: string; clientSecret: string; refreshToken: string; tokenUri: string }
  | { kind: 'unsupported'; type: string };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A credentials file's JSON as a kind cuti can exchange for a token, or why not. */
export function parseGoogleCredentials(json: string): GoogleCredentials | { problem: string } {
  const d = parseJsonObject(json);
  if (d === null) return { problem: 'it is not a JSON object' };
  const tokenUri = text(d.token_uri) ?? GOOGLE_TOKEN_URL;
  if (d.type === 'service_account') {
    const email = text(d.client_email);
    const privateKey = text(d.private_key);
    if (email === undefined || privateKey === undefined) return { problem: 'the service-account key has no client_email or private_key' };
    const keyId = text(d.private_key_id);
    return { kind: 'service_account', email, privateKey, tokenUri, ...(keyId ? { keyId } : {}) };
  }
  if (d.type === 'authorized_user') {
    const clientId = text(d.client_id);
    const clientSecret = text(d.client_secret);
    const refreshToken = text(d.refresh_token);
    if (clientId === undefined || clientSecret === undefined || refreshToken === undefined) {
      return { problem: 'the authorized_user credentials lack client_id, client_secret or refresh_token' };
    }
    return { kind: 'authorized_user', clientId, clientSecret, refreshToken, tokenUri };
  }
  return { kind: 'unsupported', type: typeof d.type === 'string' ? d.type : 'unknown' };
}

/** Every secret a credentials file holds: kept out of every verdict. */
export function credentialSecrets(credentials: GoogleCredentials): string[] {
  if (credentials.kind === 'service_account') return [credentials.privateKey];
  if (credentials.kind === 'authorized_user') return [credentials.clientSecret, credentials.refreshToken];
  return [];
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** `header.claims` of the JWT a service account signs (RS256), valid for an hour from `nowSeconds`. */
export function jwtSigningInput(credentials: Extract<GoogleCredentials, { kind: 'service_account' }>, nowSeconds: number): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(credentials.keyId ? { kid: credentials.keyId } : {}) };
  const claims = { iss: credentials.email, scope: CLOUD_PLATFORM_SCOPE, aud: credentials.tokenUri, iat: nowSeconds, exp: nowSeconds + 3600 };
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
}

export function signedJwt(signingInput: string, signature: Buffer): string {
  return `${signingInput}.${base64url(signature)}`;
}

/** The form the token endpoint takes, for either kind. */
export function tokenRequestBody(credentials: Exclude<GoogleCredentials, { kind: 'unsupported' }>, assertion?: string): string {
  const form: Record<string, string> =
    credentials.kind === 'service_account'
      ? { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: assertion ?? '' }
      : { grant_type: 'refresh_token', client_id: credentials.clientId, client_secret: credentials.clientSecret, refresh_token: credentials.refreshToken };
  return new URLSearchParams(form).toString();
}

/**
 * The token endpoint's answer: the access token, or the verdict when there is none. Its
 * errors are OAuth's (`invalid_grant`: a deleted or disabled key, a revoked refresh token,
 * a bad signature or clock; `invalid_client`, `unauthorized_client`).
 */
export function classifyGoogleToken(answer: HttpAnswer, secrets: readonly string[]): { accessToken: string } | Outcome {
  const doc = parseJsonObject(answer.body);
  const { status } = answer;
  const token = text(doc?.access_token);
  if (status >= 200 && status < 300 && token !== undefined) return { accessToken: token };
  const error = text(doc?.error);
  const description = text(doc?.error_description);
  const said = (prefix: string) => (description ? `${prefix}: ${serverText(description, secrets)}` : prefix);
  const base = { httpStatus: status, ...(error ? { errorCode: error } : {}) };
  if (error === 'invalid_grant' || error === 'invalid_client' || error === 'unauthorized_client' || status === 400 || status === 401) {
    return { ...base, verdict: 'rejected', detail: said(`Google refused the credentials (${error ?? status})`) };
  }
  if (status === 429) return { ...base, verdict: 'limited', detail: said('the token endpoint is rate-limiting (429)') };
  return { ...base, verdict: 'unknown', detail: said(`the token endpoint answered HTTP ${status}${error ? ` ${error}` : ''}`) };
}

/**
 * Where application default credentials live when no key file is named: gcloud's
 * well-known file under CLOUDSDK_CONFIG, else `~/.config/gcloud` (`%APPDATA%\gcloud` on Windows).
 */
export function adcFilePath(env: NodeJS.ProcessEnv, platform: string, home: string): string {
  const sep = platform === 'win32' ? '\\' : '/';
  const config = env.CLOUDSDK_CONFIG?.trim() || (platform === 'win32' ? `${env.APPDATA ?? home}${sep}gcloud` : `${home}/.config/gcloud`);
  return `${config}${sep}application_default_credentials.json`;
}
