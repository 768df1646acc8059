import { providerModule, type Provider } from './providers/index.js';

/**
 * The keys of a provider's `.api_keys.json` entry whose values are secrets, with how
 * each is masked, as its module declares them. Every one of them goes through the
 * SecretStore, whether or not the entry's form uses it, so no secret is left behind
 * in a document.
 */
export function secretKeysOf(provider: Provider): ReadonlyArray<{ key: string; mask: (value: string) => string }> {
  return providerModule(provider).secretKeys;
}
