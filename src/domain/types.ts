/** The providers an `.api_keys.json` file can hold, in the order cuti shows them. */
export const PROVIDERS = ['anthropic', 'bedrock'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** `credential_type` as the original tool records it in accounts.json. */
export const CREDENTIAL_TYPE: Record<Provider, string> = {
  anthropic: 'anthropic_api',
  bedrock: 'bedrock_api',
};

export const PROVIDER_LABEL: Record<Provider, string> = {
  anthropic: 'Anthropic',
  bedrock: 'Bedrock',
};

/** An Anthropic entry as the spec lays it out; unknown keys ride along untouched. */
export interface AnthropicEntry {
  api_key: string;
  provider: 'anthropic';
  created: string;
  [extra: string]: unknown;
}

/**
 * A Bedrock entry. The spec's form has `model_id` plus access keys; the original tool
 * also writes a bearer-token form, which cuti reads but does not create.
 */
export interface BedrockEntry {
  model_id?: string;
  region?: string;
  access_key_id?: string;
  secret_access_key?: string;
  bearer_token?: string;
  auth_method?: string;
  provider: 'bedrock';
  created: string;
  [extra: string]: unknown;
}

/** How a Bedrock entry authenticates: as recorded, else by which credential it holds. */
export function bedrockAuthMethod(entry: BedrockEntry): string {
  return entry.auth_method ?? (entry.bearer_token !== undefined ? 'bearer_token' : 'access_keys');
}

/** The whole `.api_keys.json`: provider entries plus anything else another tool put there. */
export interface ApiKeysDocument {
  anthropic?: AnthropicEntry;
  bedrock?: BedrockEntry;
  [extra: string]: unknown;
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

export interface BedrockInput {
  modelId: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export type NewCredential =
  | { provider: 'anthropic'; apiKey: string }
  | ({ provider: 'bedrock' } & BedrockInput);
