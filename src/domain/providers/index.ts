import { ValidationError } from '../errors.js';
import { parseProviderAmong } from '../validation.js';
import { anthropic } from './anthropic.js';
import { bedrock } from './bedrock.js';
import { foundry } from './foundry.js';
import { vertex } from './vertex.js';
import { MODEL_VARS } from './pins.js';
import type { ProviderModule } from './types.js';
import { shown } from '../safe-text.js';

export type { CliInput, Choice, CredentialValues, EnvVars, NewCredential, ProviderEntry, ProviderModule, WizardField } from './types.js';

/**
 * Every provider cuti knows, in the order it shows them. Adding a provider is a module
 * beside these and one line here.
 */
export const PROVIDER_MODULES: readonly ProviderModule[] = [anthropic, bedrock, vertex, foundry];

/** A provider id (`anthropic`, `bedrock`, …): the key in `.api_keys.json`. */
export type Provider = string;

export const PROVIDERS: readonly Provider[] = PROVIDER_MODULES.map((p) => p.id);

const BY_ID = new Map(PROVIDER_MODULES.map((p) => [p.id, p]));

export function isProvider(value: string): boolean {
  return BY_ID.has(value);
}

/** The module of a known provider id (callers parse user input first). */
export function providerModule(id: Provider): ProviderModule {
  const module = BY_ID.get(id);
  if (!module) throw new ValidationError(`Invalid provider: ${shown(id)}`, `Valid providers: ${PROVIDERS.join(', ')}`);
  return module;
}

export function providerLabel(id: Provider): string {
  return BY_ID.get(id)?.label ?? id;
}

/** The provider the original tool's `credential_type` names, or null. */
export function providerOfCredentialType(type: string | undefined): Provider | null {
  return PROVIDER_MODULES.find((p) => p.credentialType === type)?.id ?? null;
}

/** `API (Anthropic)`, `API (Anthropic+Bedrock)`: the list's type for API accounts. */
export function apiTypeLabel(providers: readonly Provider[]): string {
  if (providers.length === 0) return 'API';
  return `API (${providers.map(providerLabel).join('+')})`;
}

/**
 * Every variable that decides which credential Claude Code uses, or that some provider
 * sets: cleared before an account's own are applied, so nothing inherited outranks or
 * mixes with them. Beyond the providers' own: the sources Claude Code ranks above an
 * API key (auth token) or below it (OAuth token, Anthropic profile), and model pins.
 */
export const CLAUDE_CREDENTIAL_VARS: readonly string[] = [
  ...new Set([
    'ANTHROPIC_API_KEY',
    'ANTHROPIC_AUTH_TOKEN',
    'CLAUDE_CODE_OAUTH_TOKEN',
    'ANTHROPIC_PROFILE',
    ...MODEL_VARS,
    'CLAUDE_CODE_USE_BEDROCK',
    'CLAUDE_CODE_USE_VERTEX',
    'CLAUDE_CODE_USE_FOUNDRY',
    ...PROVIDER_MODULES.flatMap((p) => p.envVars),
  ]),
];

/** Masks for every secret variable any provider sets (plus the Anthropic auth sources). */
export const SECRET_VAR_MASKS: Readonly<Record<string, (value: string) => string>> = Object.fromEntries(
  PROVIDER_MODULES.flatMap((p) => Object.entries(p.secretVars)),
);

/** Every `add-api-key` option a provider declares, once each, in provider order. */
export function providerCliOptions(): Array<{ flags: string; description: string }> {
  const seen = new Set<string>();
  const options: Array<{ flags: string; description: string }> = [];
  for (const module of PROVIDER_MODULES) {
    for (const option of module.cliOptions) {
      if (seen.has(option.flags)) continue;
      seen.add(option.flags);
      options.push(option);
    }
  }
  return options;
}

/** `value` if it names a provider; else the one "Invalid provider" error, listing them. */
export function parseProvider(value: string): Provider {
  return parseProviderAmong(value, PROVIDERS);
}

/** What generic code needs of an `.api_keys.json` document: entries by provider id. */
export type ApiKeysLike = { [provider: string]: unknown };
