import { editJsonText, parseJsonObject, type JsonEdit } from './json-text-edit.js';

/**
 * Rules for a Claude Code OAuth login as files: `.credentials.json` holds the tokens,
 * `.claude.json` names the signed-in account (`oauthAccount`). Pure: text in, text out.
 */

/**
 * The login kind of account: Claude Code keeps the login in the account's own
 * configuration directory (`cuti claude login`), and cuti only points
 * CLAUDE_CONFIG_DIR there. Recorded as this `type` in accounts.json, so `list` knows
 * the kind without looking inside, and the original tool shows it as a type too.
 */
export const CONFIG_DIR_LOGIN_TYPE = 'Claude Code login';

/** The files a saved login consists of, as the original tool keeps them in an account. */
export const LOGIN_FILES = ['.credentials.json', '.claude.json', 'settings.json'] as const;
export type LoginFile = (typeof LOGIN_FILES)[number];

/** Login files as text; a file that does not exist is absent. */
export type LoginSnapshot = Partial<Record<LoginFile, string>>;

/**
 * Keys of `.credentials.json` that belong to no Claude account (logins to MCP servers),
 * so a swap carries them over instead of signing the user out of every server.
 */
const CARRIED_CREDENTIAL_KEYS = ['mcpOAuth'];

/**
 * Keys of `.claude.json` that describe the signed-in account. A leftover would show the
 * outgoing account's identity, or spend its managed API key, under the incoming login;
 * Claude Code fetches each again on demand. (`customApiKeyResponses`, the user's answers
 * to "use this API key?", belong to the keys, not to the login: they stay.)
 */
export const ACCOUNT_SCOPED_CONFIG_KEYS = [
  'primaryApiKey',
  'overageCreditGrantCache',
  'passesEligibilityCache',
  'passesLastSeenRemaining',
  'cachedExtraUsageDisabledReason',
  'orgModelDefaultCache',
  'modelAccessCache',
  'additionalModelCostsCache',
  'additionalModelOptionsCache',
];

export type LoginProblem = 'not-json' | 'no-oauth' | 'empty-tokens';

/** Why a `.credentials.json` cannot be used as a login, or null when it can. */
export function loginProblem(credentialsText: string): LoginProblem | null {
  const doc = parseJsonObject(credentialsText);
  if (!doc) return 'not-json';
  const oauth = doc.claudeAiOauth;
  if (!oauth || typeof oauth !== 'object') return 'no-oauth';
  const { accessToken, refreshToken } = oauth as Record<string, unknown>;
  const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  // A login whose tokens were blanked (logged out, or half-written) would sign the
  // account out the moment it is put back.
  return filled(accessToken) && filled(refreshToken) ? null : 'empty-tokens';
}

export function describeLoginProblem(problem: LoginProblem, path: string): string {
  if (problem === 'not-json') return `${path} is not valid JSON`;
  if (problem === 'no-oauth') return `${path} holds no Claude Code OAuth login (claudeAiOauth)`;
  return `${path} holds a login whose tokens are empty; refusing to use it (log in again with 'claude')`;
}

/** The account a `.claude.json` says is signed in (its uuid, else its e-mail), or null. */
export function loginIdentity(globalConfigText: string | undefined): string | null {
  if (globalConfigText === undefined) return null;
  const account = parseJsonObject(globalConfigText)?.oauthAccount;
  if (!account || typeof account !== 'object') return null;
  const { accountUuid, emailAddress } = account as Record<string, unknown>;
  if (typeof accountUuid === 'string' && accountUuid !== '') return `uuid:${accountUuid}`;
  if (typeof emailAddress === 'string' && emailAddress !== '') return `email:${emailAddress.toLowerCase()}`;
  return null;
}

/** The arriving credentials, plus what belongs to no account from the leaving ones. */
export async function carrySharedCredentials(arriving: string, leaving: string | undefined): Promise<string> {
  const outgoing = leaving === undefined ? null : parseJsonObject(leaving);
  if (!outgoing) return arriving;
  const edits: JsonEdit[] = CARRIED_CREDENTIAL_KEYS.filter((k) => k in outgoing).map((k) => ({ path: [k], value: outgoing[k] }));
  return edits.length === 0 ? arriving : editJsonText(arriving, edits);
}

/**
 * The live `.claude.json` with the saved account's identity put in: `oauthAccount`
 * replaced (or removed when the snapshot has none) and account-scoped caches dropped.
 * Every other byte stays. Returns null when the live text is not a JSON object.
 */
export async function mergeLoginIntoGlobalConfig(liveText: string, snapshotText: string | undefined): Promise<string | null> {
  const live = parseJsonObject(liveText);
  if (!live) return null;
  const snapshot = snapshotText === undefined ? null : parseJsonObject(snapshotText);
  const edits: JsonEdit[] = [{ path: ['oauthAccount'], value: snapshot?.oauthAccount }];
  for (const key of ACCOUNT_SCOPED_CONFIG_KEYS) if (key in live) edits.push({ path: [key], value: undefined });
  return editJsonText(liveText, edits);
}

/** The live `.claude.json` signed out: identity and account caches removed, the rest kept. */
export async function removeLoginFromGlobalConfig(liveText: string): Promise<string | null> {
  const live = parseJsonObject(liveText);
  if (!live) return null;
  const keys = ['oauthAccount', ...ACCOUNT_SCOPED_CONFIG_KEYS].filter((k) => k in live);
  return keys.length === 0 ? liveText : editJsonText(liveText, keys.map((k) => ({ path: [k], value: undefined })));
}

/** The tokens of a `.credentials.json`, for telling a refresh from an unrelated change. */
export interface LoginTokens {
  accessToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch, or null when the file does not say. */
  expiresAt: number | null;
}

export function loginTokens(credentialsText: string | undefined): LoginTokens | null {
  if (credentialsText === undefined) return null;
  const oauth = parseJsonObject(credentialsText)?.claudeAiOauth;
  if (!oauth || typeof oauth !== 'object') return null;
  const { accessToken, refreshToken, expiresAt } = oauth as Record<string, unknown>;
  if (typeof accessToken !== 'string' || typeof refreshToken !== 'string') return null;
  return { accessToken, refreshToken, expiresAt: typeof expiresAt === 'number' && Number.isFinite(expiresAt) ? expiresAt : null };
}

/** True when two credentials files hold the same tokens (other keys, like mcpOAuth, aside). */
export function sameTokens(a: string | undefined, b: string | undefined): boolean {
  const x = loginTokens(a);
  const y = loginTokens(b);
  return x !== null && y !== null && x.accessToken === y.accessToken && x.refreshToken === y.refreshToken && x.expiresAt === y.expiresAt;
}

/** True when either token of one file appears in the other: the same login, maybe refreshed once. */
export function sharesAToken(a: string | undefined, b: string | undefined): boolean {
  const x = loginTokens(a);
  const y = loginTokens(b);
  if (x === null || y === null) return false;
  const filled = (s: string) => s.trim() !== '';
  return (filled(x.accessToken) && x.accessToken === y.accessToken) || (filled(x.refreshToken) && x.refreshToken === y.refreshToken);
}

/**
 * Whether `candidate` may replace `saved` as an account's tokens: they differ, and the
 * candidate is not older (Claude Code rotates the refresh token on every refresh, so
 * putting back an older pair signs the account out). Without an expiry on the
 * candidate, only a copy that has none either is replaced.
 */
export function isRefreshOf(candidate: string | undefined, saved: string | undefined): boolean {
  const next = loginTokens(candidate);
  if (next === null || loginProblem(candidate ?? '') !== null) return false;
  const old = loginTokens(saved);
  if (old === null) return true;
  if (next.accessToken === old.accessToken && next.refreshToken === old.refreshToken) return false;
  if (old.expiresAt === null) return true;
  return next.expiresAt !== null && next.expiresAt >= old.expiresAt;
}
