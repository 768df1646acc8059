import * as z from 'zod/mini';

import { CorruptFileError } from '../domain/errors.js';
import type { ApiKeysDocument, MetadataDocument, OAuthSummary } from '../domain/types.js';
import { subscriptionLabel } from './adapter.js';

/*
 * Schemas check the shape of files on disk before cuti trusts them. They are loose
 * (unknown keys are allowed) because other tools, and future versions of the original,
 * may add fields; cuti keeps the raw parsed object and rewrites only what it changes.
 */
const optionalString = z.optional(z.string());

const anthropicEntry = z.looseObject({
  api_key: z.string(),
  provider: optionalString,
  created: optionalString,
});

const bedrockEntry = z.looseObject({
  model_id: optionalString,
  region: optionalString,
  access_key_id: optionalString,
  secret_access_key: optionalString,
  bearer_token: optionalString,
  auth_method: optionalString,
  provider: optionalString,
  created: optionalString,
});

export const apiKeysSchema = z.looseObject({
  anthropic: z.optional(anthropicEntry),
  bedrock: z.optional(bedrockEntry),
});

const accountMetadata = z.looseObject({
  created: optionalString,
  last_used: optionalString,
  type: optionalString,
  credential_type: optionalString,
});

export const metadataSchema = z.looseObject({
  accounts: z.optional(z.record(z.string(), accountMetadata)),
  active: z.optional(z.nullable(z.string())),
  last_updated: optionalString,
});

export const oauthCredentialsSchema = z.looseObject({
  claudeAiOauth: z.optional(
    z.looseObject({
      accessToken: optionalString,
      refreshToken: optionalString,
      expiresAt: z.optional(z.number()),
      subscriptionType: z.optional(z.nullable(z.string())),
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
 * One line describing the first problem, by JSON path only: zod messages never carry
 * values here, and values may be secrets.
 */
export function describeSchemaProblem(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected structure';
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'top level';
  const expected = 'expected' in issue && typeof issue.expected === 'string' ? `expected ${issue.expected}` : issue.code;
  return `unexpected structure at ${where} (${expected})`;
}

export function checkApiKeys(raw: unknown): { ok: true; doc: ApiKeysDocument } | { ok: false; problem: string } {
  const result = apiKeysSchema.safeParse(raw);
  if (!result.success) return { ok: false, problem: describeSchemaProblem(result.error) };
  return { ok: true, doc: raw as ApiKeysDocument };
}

export function checkMetadata(raw: unknown): { ok: true; doc: MetadataDocument } | { ok: false; problem: string } {
  const result = metadataSchema.safeParse(raw);
  if (!result.success) return { ok: false, problem: describeSchemaProblem(result.error) };
  const doc = raw as Partial<MetadataDocument>;
  // The original tolerates a missing `accounts` or `active`; fill them in the same object.
  doc.accounts ??= {};
  if (doc.active === undefined) doc.active = null;
  return { ok: true, doc: doc as MetadataDocument };
}

export function checkOAuthCredentials(
  raw: unknown,
): { ok: true; doc: z.infer<typeof oauthCredentialsSchema> } | { ok: false; problem: string } {
  const result = oauthCredentialsSchema.safeParse(raw);
  if (!result.success) return { ok: false, problem: describeSchemaProblem(result.error) };
  return { ok: true, doc: result.data };
}
