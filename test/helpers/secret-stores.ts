import type { SecretStore } from '../../src/storage/secret-store.js';

export interface StoreUnderTest {
  store: SecretStore;
  cleanup: () => Promise<void>;
}

/** The real keychain store joins the SecretStore contract when a keychain is reachable (see keychain tests). */
export function keychainStoresUnderTest(): Array<[string, () => Promise<StoreUnderTest>]> {
  return [];
}
