import { ValidationError } from './errors.js';
import { parseProviderAmong } from './validation.js';
import { maskAccessKeyId, maskApiKey, maskBearerToken, maskSecretAccessKey } from './masking.js';
import { bedrockAuthMethod, PROVIDERS, type AnthropicEntry, type ApiKeysDocument, type BedrockEntry, type Provider } from './types.js';

/**
 * How a stored credential reaches Claude Code as environment variables, following
 * Claude Code's documented variables (and the original tool's env.sh).
 */

/** Where an account's credential comes from: one of its API keys, or its saved login. */
export const CREDENTIAL_SOURCES = [...PROVIDERS, 'oauth'] as const;
export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];

export function parseCredentialSource(value: string): CredentialSource {
  return parseProviderAmong(value, CREDENTIAL_SOURCES);
}

/** Guard variable set in `cuti claude exec` children, so an exec inside one is refused. */
export const EXEC_GUARD_VAR = 'CUTI_EXEC_ACCOUNT';

/**
 * Every variable that decides which credential Claude Code uses (or that cuti sets),
 * cleared before an account's own are applied so nothing inherited outranks or mixes
 * with them. Starts with the original tool's list; adds the variables that Claude
 * Code's precedence puts above an API key (cloud-provider switches, auth token), the
 * lower-ranked sources (OAuth token, profile) and the AWS profile, which would
 * otherwise pick other AWS credentials.
 */
export const CLAUDE_CREDENTIAL_VARS = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'ANTHROPIC_PROFILE',
  'ANTHROPIC_MODEL',
  'CLAUDE_CODE_USE_BEDROCK',
  'CLAUDE_CODE_USE_VERTEX',
  'CLAUDE_CODE_USE_FOUNDRY',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_PROFILE',
  'ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION',
] as const;

/**
 * Variables that steer where a credential goes or whether it is used at all: a gateway
 * or endpoint URL would send the account's key elsewhere, a skip-auth switch would send
 * none, the Mantle and Anthropic-on-AWS switches would pick another provider, and
 * pinned model ids of another provider would make every request fail. Cleared by
 * `exec` and `env` unless the account itself sets them (its own values come after).
 */
export const STEERING_VARS = [
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_BEDROCK_BASE_URL',
  'CLAUDE_CODE_SKIP_BEDROCK_AUTH',
  'CLAUDE_CODE_SKIP_VERTEX_AUTH',
  'CLAUDE_CODE_SKIP_FOUNDRY_AUTH',
  'CLAUDE_CODE_SKIP_MANTLE_AUTH',
  'CLAUDE_CODE_USE_MANTLE',
  'CLAUDE_CODE_USE_ANTHROPIC_AWS',
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL',
  'ANTHROPIC_SMALL_FAST_MODEL',
] as const;

/** The same families by name, for members Claude Code adds later (any present in the environment). */
const STEERING_PATTERNS = [/^ANTHROPIC_(?:[A-Z0-9]+_)*BASE_URL$/, /^CLAUDE_CODE_SKIP_[A-Z0-9_]+_AUTH$/, /^ANTHROPIC_DEFAULT_[A-Z0-9_]+_MODEL$/];

/** Steering variables to clear: the known ones, plus any of their families set in `env`. */
export function steeringVarsIn(env: Record<string, string | undefined>): string[] {
  const names = new Set<string>(STEERING_VARS);
  for (const name of Object.keys(env)) if (STEERING_PATTERNS.some((p) => p.test(name))) names.add(name);
  return [...names];
}

/** Variables whose values are secrets: masked in tables, never shown unasked. */
export const SECRET_VARS = new Set<string>([
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
]);

/** Ordered name/value pairs, in the order they are printed. */
export type EnvVars = Array<[name: string, value: string]>;

function requireField(value: string | undefined, label: string): string {
  if (value === undefined || value === '') throw new ValidationError(`The stored credential has no ${label}`);
  return value;
}

export function anthropicEnv(entry: AnthropicEntry): EnvVars {
  return [['ANTHROPIC_API_KEY', requireField(entry.api_key, 'API key')]];
}

export function bedrockEnv(entry: BedrockEntry): EnvVars {
  const vars: EnvVars = [['CLAUDE_CODE_USE_BEDROCK', '1']];
  // The original defaults a missing region the same way.
  vars.push(['AWS_REGION', entry.region && entry.region !== '' ? entry.region : 'us-east-1']);
  if (bedrockAuthMethod(entry) === 'bearer_token') {
    vars.push(['AWS_BEARER_TOKEN_BEDROCK', requireField(entry.bearer_token, 'bearer token')]);
  } else {
    vars.push(
      ['AWS_ACCESS_KEY_ID', requireField(entry.access_key_id, 'access key ID')],
      ['AWS_SECRET_ACCESS_KEY', requireField(entry.secret_access_key, 'secret access key')],
    );
  }
  if (entry.model_id !== undefined && entry.model_id !== '') vars.push(['ANTHROPIC_MODEL', entry.model_id]);
  return vars;
}

/** An OAuth login is used by pointing Claude Code at the account's own directory. */
export function oauthEnv(accountDir: string): EnvVars {
  return [['CLAUDE_CONFIG_DIR', accountDir]];
}

/**
 * Which source an account uses when none is named: the provider recorded for it in
 * accounts.json (`credential_type`: the last one added or chosen with `use -p`), then
 * its Anthropic key, its Bedrock credentials, and last its saved Claude Code login.
 */
export function defaultSource(
  doc: ApiKeysDocument | null,
  hasLogin: boolean,
  preferred: Provider | null = null,
): CredentialSource | null {
  if (preferred !== null && doc?.[preferred]) return preferred;
  for (const provider of PROVIDERS) if (doc?.[provider]) return provider;
  return hasLogin ? 'oauth' : null;
}

export function envForProvider(provider: Provider, doc: ApiKeysDocument): EnvVars {
  return provider === 'anthropic' ? anthropicEnv(doc.anthropic as AnthropicEntry) : bedrockEnv(doc.bedrock as BedrockEntry);
}

/**
 * Variables to clear: the managed list and the steering variables (those of their
 * families present in `env` too), plus CLAUDE_CONFIG_DIR when a login is used.
 */
export function varsToClear(source: CredentialSource, env: Record<string, string | undefined> = {}): string[] {
  const names = [...CLAUDE_CREDENTIAL_VARS, ...steeringVarsIn(env)];
  return source === 'oauth' ? [...names, 'CLAUDE_CONFIG_DIR'] : names;
}

/**
 * The environment a child gets: the parent's, less every managed variable, plus the
 * account's. Pure, so the exact result is testable without spawning anything.
 */
export function childEnvironment(
  parent: NodeJS.ProcessEnv,
  vars: EnvVars,
  clear: readonly string[],
  guard: { name: string; value: string },
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...parent };
  for (const name of clear) delete env[name];
  for (const [name, value] of vars) env[name] = value;
  env[guard.name] = guard.value;
  return env;
}

/** A value as a table shows it: secrets masked exactly as `show-api-key` masks them. */
export function displayValue(name: string, value: string): string {
  if (!SECRET_VARS.has(name)) return value;
  if (name === 'AWS_SECRET_ACCESS_KEY' || name === 'AWS_SESSION_TOKEN') return maskSecretAccessKey(value);
  if (name === 'AWS_ACCESS_KEY_ID') return maskAccessKeyId(value);
  if (name === 'AWS_BEARER_TOKEN_BEDROCK') return maskBearerToken(value);
  return maskApiKey(value);
}
