import type { CredentialSource } from './claude-env.js';
import { maskApiKey } from './masking.js';
import { PROVIDER_MODULES, type Provider } from './providers/index.js';
import { shown } from './safe-text.js';

/**
 * What Claude Code will authenticate with, by its documented precedence (highest
 * first): cloud provider switch, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY,
 * apiKeyHelper, CLAUDE_CODE_OAUTH_TOKEN, Anthropic profile, then the /login
 * subscription credentials. Pure: callers gather the inputs.
 */
export type AuthKind = 'cloud-provider' | 'auth-token' | 'api-key' | 'api-key-helper' | 'oauth-token' | 'profile' | 'login';

export interface AuthSource {
  kind: AuthKind;
  /** 1 = highest precedence. */
  rank: number;
  /** One line for people; carries at most a masked key. */
  description: string;
  /** Where it was found: the shell environment, the user settings file, or the config dir. */
  origin: 'shell' | 'settings' | 'config-dir';
  variable?: string;
}

export interface AuthInputs {
  /** The environment Claude Code would start with (this shell's). */
  env: Record<string, string | undefined>;
  /** `env` blocks of the settings files, merged: they override the shell, and "" cancels an export. */
  settingsEnv: Record<string, string>;
  settingsPath: string;
  /** Which settings file each `settingsEnv` variable comes from, when not `settingsPath`. */
  settingsEnvFiles?: Record<string, string>;
  apiKeyHelper: string | null;
  /** The settings file the apiKeyHelper comes from, when not `settingsPath`. */
  apiKeyHelperFile?: string;
  /** The user settings' `awsCredentialExport` command, if any (Bedrock keys fetched by a command). */
  awsCredentialExport?: string | null;
  /** Path of a Claude Code login with tokens, or null. */
  loginPath: string | null;
}

const TRUTHY = new Set(['1', 'true', 'yes', 'on']);
/** The cloud switches, in Claude Code's order, with the provider each selects. */
const CLOUD_SWITCHES: Array<[variable: string, label: string, provider: Provider | null]> = [
  ...PROVIDER_MODULES.flatMap((m) => (m.cloudSwitch ? [[m.cloudSwitch.variable, m.cloudSwitch.label, m.id] as [string, string, Provider]] : [])),
  // Switches to providers cuti keeps no account of: they still decide what Claude Code uses.
  ['CLAUDE_CODE_USE_MANTLE', 'Amazon Bedrock Mantle', null],
  ['CLAUDE_CODE_USE_ANTHROPIC_AWS', 'Anthropic on AWS', null],
];

interface Effective {
  value: string;
  origin: 'shell' | 'settings';
}

function lookup(inputs: AuthInputs, name: string): Effective | null {
  if (Object.hasOwn(inputs.settingsEnv, name)) {
    const value = inputs.settingsEnv[name] ?? '';
    return value === '' ? null : { value, origin: 'settings' };
  }
  const value = inputs.env[name];
  return value === undefined || value === '' ? null : { value, origin: 'shell' };
}

function where(inputs: AuthInputs, found: Effective, name: string): string {
  return found.origin === 'settings' ? `in the env block of ${inputs.settingsEnvFiles?.[name] ?? inputs.settingsPath}` : 'in this shell';
}

/** Every source present, highest precedence first. */
export function authSources(inputs: AuthInputs): AuthSource[] {
  const sources: AuthSource[] = [];
  for (const [name, label] of CLOUD_SWITCHES) {
    const found = lookup(inputs, name);
    if (found && TRUTHY.has(found.value.toLowerCase())) {
      sources.push({ kind: 'cloud-provider', rank: 1, origin: found.origin, variable: name, description: `${label} (${name} set ${where(inputs, found, name)})` });
    }
  }
  const token = lookup(inputs, 'ANTHROPIC_AUTH_TOKEN');
  if (token) {
    sources.push({ kind: 'auth-token', rank: 2, origin: token.origin, variable: 'ANTHROPIC_AUTH_TOKEN', description: `ANTHROPIC_AUTH_TOKEN set ${where(inputs, token, 'ANTHROPIC_AUTH_TOKEN')}` });
  }
  const key = lookup(inputs, 'ANTHROPIC_API_KEY');
  if (key) {
    sources.push({
      kind: 'api-key',
      rank: 3,
      origin: key.origin,
      variable: 'ANTHROPIC_API_KEY',
      description: `ANTHROPIC_API_KEY set ${where(inputs, key, 'ANTHROPIC_API_KEY')} (${maskApiKey(key.value)})`,
    });
  }
  if (inputs.apiKeyHelper !== null && inputs.apiKeyHelper.trim() !== '') {
    sources.push({
      kind: 'api-key-helper',
      rank: 4,
      origin: 'settings',
      description: `apiKeyHelper in ${inputs.apiKeyHelperFile ?? inputs.settingsPath}: ${shown(inputs.apiKeyHelper)}`,
    });
  }
  const oauthToken = lookup(inputs, 'CLAUDE_CODE_OAUTH_TOKEN');
  if (oauthToken) {
    sources.push({ kind: 'oauth-token', rank: 5, origin: oauthToken.origin, variable: 'CLAUDE_CODE_OAUTH_TOKEN', description: `CLAUDE_CODE_OAUTH_TOKEN set ${where(inputs, oauthToken, 'CLAUDE_CODE_OAUTH_TOKEN')}` });
  }
  const profile = lookup(inputs, 'ANTHROPIC_PROFILE');
  if (profile) {
    sources.push({ kind: 'profile', rank: 6, origin: profile.origin, variable: 'ANTHROPIC_PROFILE', description: `Anthropic profile '${shown(profile.value)}' (ANTHROPIC_PROFILE)` });
  }
  if (inputs.loginPath !== null) {
    sources.push({ kind: 'login', rank: 7, origin: 'config-dir', description: `the Claude Code login in ${inputs.loginPath}` });
  }
  return sources;
}

/** What the active account offers Claude Code, for comparing with what Claude Code uses. */
export interface ActiveCredential {
  name: string;
  source: CredentialSource | null;
  /** The account's Anthropic key, to recognise it when it is exported in the shell. */
  apiKey?: string;
  /** The account's Bedrock access key ID or bearer token, to recognise exported Bedrock credentials. */
  bedrockKey?: string;
  /** Per provider, the variable and value that identify the account's credential when exported. */
  fingerprints?: Array<{ provider: Provider; variable: string; value: string }>;
  /** True when the live login is the one saved in this account. */
  loginMatches?: boolean;
}

export interface AuthVerdict {
  /** What Claude Code will use, or null when it has nothing (it will ask you to log in). */
  winner: AuthSource | null;
  /** Lower-ranked sources the winner hides. */
  shadowed: AuthSource[];
  /**
   * Lower-ranked sources Claude Code sends all the same: with ANTHROPIC_API_KEY or
   * ANTHROPIC_AUTH_TOKEN, the apiKeyHelper's output still goes in the other header
   * (observed with Claude Code 2.1.332: x-api-key from one, Authorization from the other).
   */
  alsoSent: AuthSource[];
  /** Whether the winner is the active account's credential. */
  usesActive: boolean;
  /** One sentence on how the winner relates to the active account. */
  summary: string;
}

/**
 * The first word of every apiKeyHelper command cuti writes: a variable assignment the
 * shell ignores, by which cuti knows its own helper wherever it is installed.
 */
export const KEY_HELPER_MARKER = 'CUTI_KEY_HELPER=1';

export function isCutiKeyHelper(command: string | null): boolean {
  if (command === null) return false;
  if (command.startsWith(`${KEY_HELPER_MARKER} `) && /\sclaude print-key(\s|$)/.test(command)) return true;
  // Written by a cuti from before the marker.
  return /\bclaude print-key\b/.test(command) && /cuti|cli\.js/.test(command);
}

/**
 * Knows the `awsCredentialExport` command cuti writes (its `print-aws`), so that a
 * later hand-over to another provider can take it out again. Another program's is left.
 */
export function isCutiAwsExport(command: string | null | undefined): boolean {
  return typeof command === 'string' && /\sclaude print-aws(\s|$)/.test(command) && /cuti|cli\.(c?js|mjs)/.test(command);
}

export function judgeAuth(inputs: AuthInputs, active: ActiveCredential | null): AuthVerdict {
  const sources = authSources(inputs);
  const [winner, ...rest] = sources;
  const sentToo = (s: AuthSource) => s.kind === 'api-key-helper' && (winner?.kind === 'api-key' || winner?.kind === 'auth-token');
  const shadowed = rest.filter((s) => !sentToo(s));
  const alsoSent = rest.filter(sentToo);
  if (!winner) {
    return {
      winner: null,
      shadowed: [],
      alsoSent: [],
      usesActive: false,
      summary: 'Claude Code finds no credential and will ask you to log in',
    };
  }
  const name = active ? `'${shown(active.name)}'` : '';
  const usesActive = active !== null && matchesActive(winner, active, inputs);
  let summary: string;
  if (!active) summary = `Claude Code will use ${winner.description}`;
  else if (usesActive) summary = `Claude Code will use the active account ${name} (${winner.description})`;
  else if (winner.kind === 'cloud-provider' && cloudProviderOf(winner) === active.source) {
    // The account's provider, but not its credential (Foundry set up without its key: Claude Code signs in to Azure itself).
    summary = `Claude Code will use ${winner.description}, but not the credential of the active account ${name}`;
  } else summary = `${capitalise(winner.description)} overrides the active account ${name}`;
  if (alsoSent.length > 0) summary += "; the apiKeyHelper's output is sent with it, in the other header";
  return { winner, shadowed, alsoSent, usesActive, summary };
}

function cloudProviderOf(winner: AuthSource): Provider | null {
  return CLOUD_SWITCHES.find(([variable]) => variable === winner.variable)?.[2] ?? null;
}

function matchesActive(winner: AuthSource, active: ActiveCredential, inputs: AuthInputs): boolean {
  switch (winner.kind) {
    case 'cloud-provider': {
      const provider = cloudProviderOf(winner);
      if (provider === undefined || provider === null || active.source !== provider) return false;
      // cuti's awsCredentialExport hands Claude Code the active account's keys.
      if (provider === 'bedrock' && isCutiAwsExport(inputs.awsCredentialExport)) return true;
      if (provider === 'bedrock' && active.bedrockKey !== undefined) {
        const exported = lookup(inputs, 'AWS_ACCESS_KEY_ID') ?? lookup(inputs, 'AWS_BEARER_TOKEN_BEDROCK');
        if (exported?.value === active.bedrockKey) return true;
      }
      return exportedFingerprint(active, provider, inputs);
    }
    case 'api-key':
      if (active.apiKey !== undefined && lookup(inputs, 'ANTHROPIC_API_KEY')?.value === active.apiKey) return true;
      return exportedFingerprint(active, 'anthropic', inputs);
    case 'api-key-helper':
      return active.source === 'anthropic' && isCutiKeyHelper(inputs.apiKeyHelper);
    case 'login':
      return active.source === 'oauth' && active.loginMatches === true;
    default:
      return false;
  }
}

/** Whether the shell (or settings) exports the variable that identifies the account's credential. */
function exportedFingerprint(active: ActiveCredential, provider: Provider, inputs: AuthInputs): boolean {
  return (active.fingerprints ?? []).some((p) => p.provider === provider && lookup(inputs, p.variable)?.value === p.value);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What `claude auth status` reports as `authMethod` for each winner (observed with Claude
 * Code 2.1.332), so the two answers can be compared; null when it cannot be told.
 */
export function expectedAuthMethod(winner: AuthSource | null): string | null {
  if (winner === null) return 'none';
  switch (winner.kind) {
    case 'cloud-provider':
      return 'third_party';
    case 'auth-token':
    case 'oauth-token':
      return 'oauth_token';
    case 'api-key':
      return 'api_key';
    case 'api-key-helper':
      return 'api_key_helper';
    case 'login':
      return 'claude.ai';
    default:
      return null;
  }
}
