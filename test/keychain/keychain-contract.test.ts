import { openKeychainStore } from '../../src/storage/keychain-secret-store.js';
import { keychainEntries, describeKeychain, deleteEntry } from '../helpers/keychain.js';
import { secretStoreContract } from '../helpers/secret-store-contract.js';

/** The real keychain store runs the same contract as every other SecretStore. */
describeKeychain('the OS keychain store', () => {
  secretStoreContract('KeychainSecretStore', async () => ({
    store: await openKeychainStore(),
    // The contract's entries are all under its test home id.
    cleanup: async () => {
      for (const entry of await keychainEntries()) if (entry.account.startsWith('0123456789abcdef/')) await deleteEntry(entry.account);
    },
  }));
});
