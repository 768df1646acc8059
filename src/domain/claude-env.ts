import { parseProviderAmong } from './validation.js';
import { oauthLogin } from './providers/oauth-login.js';
import {
  CLAUDE_CREDENTIAL_VARS,
  PROVIDERS,
  providerModule,
  SECRET_VAR_MASKS,
  type ApiKeysLike,
  type EnvVars,
  type Provider,
  type ProviderEntry,
} from './providers/index.js';
import { maskApiKey } from './masking.js';

export { CLAUDE_CREDENTIAL_VARS, type EnvVars };

/**
 * How a stored credential reaches Claude Code as environment variables, following
 * Claude Code's documented variables (and the original tool's env.sh). Each provider's
 * module says what it sets; this is the part common to all of them.
 */

/** Where an account's credential comes from: one of its API keys, or its Claude Code login. */
export const CREDENTIAL_SOURCES: readonly string[] = [...PROVIDERS, oauthLogin.id];
export type CredentialSource = string;

export function parseCredentialSource(value: string): CredentialSource {
  return parseProviderAmong(value, CREDENTIAL_SOURCES);
}

/** Guard variable set in `cuti claude exec` children, so an exec inside one is refused. */
export const EXEC_GUARD_VAR = 'CUTI_EXEC_ACCOUNT';

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
export const SECRET_VARS = new Set<string>([...Object.keys(SECRET_VAR_MASKS), 'ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN']);

export function anthropicEnv(entry: ProviderEntry): EnvVars {
  return providerModule('anthropic').env(entry);
}

export function bedrockEnv(entry: ProviderEntry): EnvVars {
  return providerModule('bedrock').env(entry);
}

/** A login is used by pointing Claude Code at its configuration directory. */
export function oauthEnv(configDir: string): EnvVars {
  return oauthLogin.env(configDir);
}

/**
 * Which source an account uses when none is named: the provider recorded for it in
 * accounts.json (`credential_type`: the last one added or chosen with `use -p`), then
 * its providers in registry order, and last its Claude Code login.
 */
export function defaultSource(doc: ApiKeysLike | null, hasLogin: boolean, preferred: Provider | null = null): CredentialSource | null {
  if (preferred !== null && doc?.[preferred]) return preferred;
  for (const provider of PROVIDERS) if (doc?.[provider]) return provider;
  return hasLogin ? oauthLogin.id : null;
}

export function envForProvider(provider: Provider, doc: ApiKeysLike): EnvVars {
  return providerModule(provider).env(doc[provider] as ProviderEntry);
}

/**
 * Variables to clear: every provider's and the steering variables (those of their
 * families present in `env` too), plus CLAUDE_CONFIG_DIR when a login is used, or the
 * variables that would override the chosen provider's own.
 */
export function varsToClear(source: CredentialSource, env: Record<string, string | undefined> = {}): string[] {
  const names = [...new Set([...CLAUDE_CREDENTIAL_VARS, ...steeringVarsIn(env)])];
  if (source === oauthLogin.id) return [...names, ...oauthLogin.envVars];
  return [...names, ...(providerModule(source).conflictingVars ?? [])];
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
  return (SECRET_VAR_MASKS[name] ?? maskApiKey)(value);
}
