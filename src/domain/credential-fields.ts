import { providerModule, type Provider, type ProviderEntry } from './providers/index.js';

export type { CredentialField } from './providers/types.js';

/**
 * The fields `show-api-key` prints, in the original tool's order, shared by the CLI
 * panel and the TUI detail screen so both mask the same way. Each provider's module
 * declares its own.
 */
export function credentialFields(provider: Provider, entry: ProviderEntry) {
  return providerModule(provider).fields(entry);
}
