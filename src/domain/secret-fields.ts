import { maskAccessKeyId, maskApiKey, maskBearerToken, maskSecretAccessKey } from './masking.js';
import type { Provider } from './types.js';

/**
 * The keys of each provider's `.api_keys.json` entry whose values are secrets, with how
 * each is masked. Every one of them goes through the SecretStore, whether or not the
 * entry's auth method uses it, so no secret is left behind in a document.
 */
export const SECRET_KEYS: Record<Provider, ReadonlyArray<{ key: string; mask: (value: string) => string }>> = {
  anthropic: [{ key: 'api_key', mask: maskApiKey }],
  bedrock: [
    { key: 'access_key_id', mask: maskAccessKeyId },
    { key: 'secret_access_key', mask: maskSecretAccessKey },
    { key: 'bearer_token', mask: maskBearerToken },
  ],
};
