import { maskAccessKeyId, maskApiKey, maskBearerToken, maskSecretAccessKey } from './masking.js';
import { bedrockAuthMethod, type AnthropicEntry, type BedrockEntry, type Provider } from './types.js';

/** One line of a credential as people see it: label, value, and whether it is secret. */
export interface CredentialField {
  label: string;
  value: string;
  /** What to show while the secret is hidden; equal to `value` for non-secrets. */
  masked: string;
  secret: boolean;
}

const plain = (label: string, value: string): CredentialField => ({ label, value, masked: value, secret: false });
const secret = (label: string, value: string, mask: (v: string) => string): CredentialField => ({
  label,
  value,
  masked: mask(value),
  secret: true,
});

/**
 * The fields `show-api-key` prints, in the original tool's order, shared by the CLI
 * panel and the TUI detail screen so both mask the same way.
 */
export function credentialFields(provider: Provider, entry: AnthropicEntry | BedrockEntry): CredentialField[] {
  const fields = [plain('Provider', entry.provider ?? provider), plain('Created', entry.created ?? 'unknown')];
  if (provider === 'anthropic') {
    fields.push(secret('API Key', (entry as AnthropicEntry).api_key ?? '', maskApiKey));
    return fields;
  }
  const bedrock = entry as BedrockEntry;
  const authMethod = bedrockAuthMethod(bedrock);
  fields.push(plain('Auth Method', authMethod), plain('Region', bedrock.region ?? 'unknown'));
  if (bedrock.model_id !== undefined) fields.push(plain('Model ID', bedrock.model_id));
  if (authMethod === 'bearer_token') {
    fields.push(secret('Bearer Token', bedrock.bearer_token ?? '', maskBearerToken));
  } else {
    fields.push(
      secret('Access Key ID', bedrock.access_key_id ?? '', maskAccessKeyId),
      secret('Secret Access Key', bedrock.secret_access_key ?? '', maskSecretAccessKey),
    );
  }
  return fields;
}
