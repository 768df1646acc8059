import * as v from 'valibot';

import { CorruptFileError } from '../domain/errors.js';
import type { AccountMetadata, ApiKeysDocument, MetadataDocument, OAuthSummary } from '../domain/types.js';
import { shown } from '../domain/safe-text.js';
import { accountTable, subscriptionLabel } from './adapter.js';
import { METADATA_FILE } from './paths.js';

/*
 * Schemas check the shape of files on disk before cuti trusts them. They are loose
 * (unknown keys are allowed) because other tools, and future versions of the original,
 * may add fields; cuti keeps the raw parsed object and rewrites only what it changes.
 */
const optionalString = v.optional(v.string());

// valibot's object and record schemas accept an array (and check a copy of it), so a
// plain object is required first: a JSON file must not pass with `[]` where `{}` belongs.
const isPlainObject = (input: unknown) => typeof input === 'object' && input !== null && !Array.isArray(input);

function objectFirst<const S extends v.GenericSchema>(schema: S) {
  return v.pipe(v.unknown(), v.check(isPlainObject, 'expected object'), schema);
}

/** An object with these fields checked and any others kept. */
function looseObject<const T extends v.ObjectEntries>(entries: T) {
  return objectFirst(v.looseObject(entries));
}

const anthropicEntry = looseObject({
  api_key: v.string(),
  provider: optionalString,
  created: optionalString,
});

const bedrockEntry = looseObject({
  model_id: optionalString,
  region: optionalString,
  access_key_id: optionalString,
  secret_access_key: optionalString,
  bearer_token: optionalString,
  auth_method: optionalString,
  provider: optionalString,
  created: optionalString,
});

export const apiKeysSchema = looseObject({
  anthropic: v.optional(anthropicEntry),
  bedrock: v.optional(bedrockEntry),
});

/*
 * Reading is tolerant where writing is strict: one odd value in one account's entry (a
 * `"last_used": null` from a hand edit or another tool) must not make the whole store
 * unreadable. The entries are checked field by field when they are used (accountInfo),
 * and kept as they are, odd values included, when the file is written back. Only the
 * shape every command depends on is refused as a whole.
 */
export const metadataSchema = looseObject({
  accounts: v.optional(objectFirst(v.record(v.string(), v.unknown()))),
  active: v.optional(v.nullable(v.string())),
  last_updated: v.optional(v.unknown()),
});

const ACCOUNT_FIELDS = ['created', 'last_used', 'type', 'credential_type'] as const;

/**
 * The fields of one account's accounts.json entry that cuti uses, each a string or
 * absent, and a warning naming every one that was something else (the entry itself is
 * left untouched).
 */
export function accountInfo(name: string, entry: unknown): { info: AccountMetadata; warnings: string[] } {
  if (entry === undefined) return { info: {}, warnings: [] };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { info: {}, warnings: [`accounts.json: the entry for account '${name}' is not an object; its details are not shown`] };
  }
  const info: AccountMetadata = {};
  const warnings: string[] = [];
  for (const field of ACCOUNT_FIELDS) {
    const value = (entry as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (typeof value === 'string') info[field] = value;
    else warnings.push(`accounts.json: account '${name}' has an unexpected ${value === null ? 'null' : typeof value} in '${field}' (expected text); shown as unknown, kept as it is`);
  }
  return { info, warnings };
}

/** An entry a write may update: absent, or an object (any other value would be lost). */
export function assertEntryWritable(name: string, entry: unknown): void {
  if (entry === undefined || (typeof entry === 'object' && entry !== null && !Array.isArray(entry))) return;
  throw new CorruptFileError(METADATA_FILE, `the entry for account '${shown(name)}' is not an object`);
}

export const oauthCredentialsSchema = looseObject({
  claudeAiOauth: v.optional(
    looseObject({
      accessToken: optionalString,
      refreshToken: optionalString,
      expiresAt: v.optional(v.number()),
      subscriptionType: v.optional(v.nullable(v.string())),
      email: optionalString,
    }),
  ),
});

/**
 * What cuti shows of a parsed `.credentials.json`: the subscription (`max` → `Max`,
 * `Pro` when missing), or null when it holds no claude.ai login. Shared by both
 * adapters so they agree; throws CorruptFileError naming `path` for a wrong shape.
 */
export function oauthSummaryOf(path: string, raw: unknown): OAuthSummary | null {
  const checked = checkOAuthCredentials(raw);
  if (!checked.ok) throw new CorruptFileError(path, checked.problem);
  const oauth = checked.doc.claudeAiOauth;
  if (!oauth) return null;
  return {
    subscription: subscriptionLabel(oauth.subscriptionType),
    ...(oauth.email === undefined ? {} : { email: oauth.email }),
    ...(oauth.expiresAt === undefined ? {} : { expiresAt: oauth.expiresAt }),
  };
}

/**
 * One line describing the first problem, by JSON path only: the library's own messages
 * quote the value found, and values may be secrets.
 */
export function describeSchemaProblem(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'unexpected structure';
  const where = issue.path?.map((item) => String(item.key)).join('.') || 'top level';
  // A check's message is one of ours above, never a value; a type issue names what was expected.
  if (issue.kind === 'validation') return `unexpected structure at ${where} (${issue.message})`;
  const expected = issue.expected === null ? issue.type : `expected ${issue.expected.toLowerCase()}`;
  return `unexpected structure at ${where} (${expected})`;
}

// The first problem is all a message shows, so checking stops there.
const FIRST_ISSUE = { abortEarly: true } as const;

export function checkApiKeys(raw: unknown): { ok: true; doc: ApiKeysDocument } | { ok: false; problem: string } {
  const result = v.safeParse(apiKeysSchema, raw, FIRST_ISSUE);
  if (!result.success) return { ok: false, problem: describeSchemaProblem(result.issues) };
  return { ok: true, doc: raw as ApiKeysDocument };
}

export function checkMetadata(raw: unknown): { ok: true; doc: MetadataDocument } | { ok: false; problem: string } {
  const result = v.safeParse(metadataSchema, raw, FIRST_ISSUE);
  if (!result.success) return { ok: false, problem: describeSchemaProblem(result.issues) };
  const doc = raw as Partial<MetadataDocument>;
  // The original tolerates a missing `accounts` or `active`; fill them in the same object.
  doc.accounts = accountTable(doc.accounts ?? {});
  if (doc.active === undefined) doc.active = null;
  return { ok: true, doc: doc as MetadataDocument };
}

export function checkOAuthCredentials(
  raw: unknown,
): { ok: true; doc: v.InferOutput<typeof oauthCredentialsSchema> } | { ok: false; problem: string } {
  const result = v.safeParse(oauthCredentialsSchema, raw, FIRST_ISSUE);
  if (!result.success) return { ok: false, problem: describeSchemaProblem(result.issues) };
  return { ok: true, doc: result.output };
}
