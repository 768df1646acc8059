import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isKeychainRef, parseKeychainRef, SecretUnavailableError, type SecretStore } from '../../src/storage/secret-store.js';
import { SECRETS } from './secrets.js';

export interface StoreUnderTest {
  store: SecretStore;
  cleanup: () => Promise<void>;
}

const HOME = '0123456789abcdef';

/**
 * One contract for every SecretStore. What a document holds (`stored`) differs: the
 * secret itself for the file store, a reference for the others; the contract is that
 * `get` of what `set` gave back is the secret, and `delete` forgets it.
 */
export function secretStoreContract(name: string, make: () => Promise<StoreUnderTest>): void {
 describe(`SecretStore contract: ${name}`, () => {
  let store: SecretStore;
  let under: StoreUnderTest;
  beforeEach(async () => {
    under = await make();
    store = under.store;
  });
  afterEach(() => under.cleanup());

  it('gives back the secret for what it stored, and holds what it stored', async () => {
    for (const secret of [SECRETS.anthropicKey, SECRETS.secretAccessKey, 'ключ-密钥-🔑', ' spaces and\ttabs ']) {
      const stored = await store.set(secret, { mask: 'sk-ant-a...xxxx', slot: `${HOME}/t-${secret.length}` });
      expect(store.holds(stored)).toBe(true);
      expect(await store.get(stored)).toBe(secret);
    }
  });

  it('keeps a reference free of the secret, with the mask people may see', async () => {
    const stored = await store.set(SECRETS.anthropicKey, { mask: 'sk-ant-a...9xyz', slot: `${HOME}/mask` });
    if (store.kind === 'file') {
      // The original layout: the secret itself, byte for byte.
      expect(stored).toBe(SECRETS.anthropicKey);
      expect(store.maskOf(stored)).toBeNull();
      return;
    }
    expect(stored).not.toContain(SECRETS.anthropicKey);
    expect(isKeychainRef(stored)).toBe(true);
    expect(store.maskOf(stored)).toBe('sk-ant-a...9xyz');
    expect(parseKeychainRef(stored)?.id).toBe(`${HOME}/mask`);
  });

  it('replaces the secret kept under the same slot', async () => {
    const first = await store.set(SECRETS.anthropicKey, { mask: 'm', slot: `${HOME}/same` });
    const second = await store.set(SECRETS.anthropicKey2, { mask: 'm', slot: `${HOME}/same` });
    expect(await store.get(second)).toBe(SECRETS.anthropicKey2);
    if (store.kind !== 'file') expect(await store.get(first)).toBe(SECRETS.anthropicKey2);
  });

  it('forgets what it is told to delete', async () => {
    const stored = await store.set(SECRETS.anthropicKey, { mask: 'm', slot: `${HOME}/gone` });
    expect(await store.delete(stored)).toBe(true);
    if (store.kind === 'file') return; // the document edit drops a file-kept secret
    await expect(store.get(stored)).rejects.toBeInstanceOf(SecretUnavailableError);
    await expect(store.get(stored)).rejects.toThrow(/missing/);
    expect(await store.delete(stored)).toBe(false);
  });

  it('never puts the secret in an error message', async () => {
    if (store.kind === 'file') return;
    const stored = await store.set(SECRETS.anthropicKey, { mask: 'm', slot: `${HOME}/err` });
    await store.delete(stored);
    const error = await store.get(stored).catch((e: unknown) => e as Error);
    expect(String(error)).not.toContain(SECRETS.anthropicKey);
  });
});
}
