import { describe, expect, it } from 'vitest';

import { FileSecretStore } from '../../src/storage/file-secret-store.js';
import { MemorySecretStore } from '../../src/storage/memory-secret-store.js';
import { isKeychainRef, parseKeychainRef } from '../../src/storage/secret-store.js';
import { SECRETS } from '../helpers/secrets.js';
import { secretStoreContract } from '../helpers/secret-store-contract.js';

secretStoreContract('FileSecretStore', () => Promise.resolve({ store: new FileSecretStore(), cleanup: () => Promise.resolve() }));
secretStoreContract('MemorySecretStore', () => Promise.resolve({ store: new MemorySecretStore(), cleanup: () => Promise.resolve() }));

describe('references', () => {
  it('are recognised by their form only', () => {
    expect(isKeychainRef('cuti-keychain:0123456789abcdef/a1b2#sk-ant-a...wxyz')).toBe(true);
    expect(isKeychainRef(SECRETS.anthropicKey)).toBe(false);
    expect(isKeychainRef('cuti-keychain:not a ref')).toBe(false);
    expect(parseKeychainRef('cuti-keychain:0123456789abcdef/a1b2#***')).toEqual({ id: '0123456789abcdef/a1b2', mask: '***' });
  });
});
