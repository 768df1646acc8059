/** Providers are declared in providers/ (the registry); re-exported here for older imports. */
export { PROVIDERS, type Provider } from './providers/index.js';

/** An Anthropic entry as the spec lays it out; unknown keys ride along untouched. */
export interface AnthropicEntry {
  api_key: string;
  provider: 'anthropic';
  created: string;
  [extra: string]: unknown;
}

/**
 * A Bedrock entry. The spec's form has `model_id` plus access keys; the original tool
 * also writes a bearer-token form; cuti adds an AWS profile form (see providers/bedrock.ts).
 */
export interface BedrockEntry {
  model_id?: string;
  region?: string;
  access_key_id?: string;
  secret_access_key?: string;
  session_token?: string;
  bearer_token?: string;
  profile?: string;
  auth_method?: string;
  provider: 'bedrock';
  created: string;
  [extra: string]: unknown;
}

/**
 * The whole `.api_keys.json`: one entry per provider (keyed by provider id, see
 * providers/), plus anything else another tool put there.
 */
export interface ApiKeysDocument {
  anthropic?: AnthropicEntry;
  bedrock?: BedrockEntry;
  [provider: string]: unknown;
}

export interface AccountMetadata {
  created?: string;
  last_used?: string;
  type?: string;
  credential_type?: string;
  [extra: string]: unknown;
}

/** `claude-accounts/accounts.json`, shared with the original tool. */
export interface MetadataDocument {
  accounts: Record<string, AccountMetadata>;
  active: string | null;
  last_updated?: string;
  [extra: string]: unknown;
}

/** What cuti knows of a Claude Code OAuth login saved in an account directory. */
export interface OAuthSummary {
  /** `Max`, `Pro`, … as the original tool shows it. */
  subscription: string;
  email?: string;
  expiresAt?: number;
}
