import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ApiKeysDocument } from '../../src/domain/types.js';
import { emptyMetadata } from '../../src/storage/adapter.js';
import { SECRETS } from '../helpers/secrets.js';
import {
  makeFsAdapter,
  makeMemoryAdapter,
  oauthCredentialsJson,
  type AdapterUnderTest,
} from '../helpers/storage-fixtures.js';

const anthropicDoc = (): ApiKeysDocument => ({
  anthropic: { api_key: SECRETS.anthropicKey, provider: 'anthropic', created: '2025-10-01T00:31:34.953588' },
});

/** One contract, two adapters: the in-memory one must behave exactly like the real one. */
describe.each([
  ['FileSystemStorage', makeFsAdapter],
  ['MemoryStorage', makeMemoryAdapter],
])('StorageAdapter contract: %s', (_name, make: () => AdapterUnderTest) => {
  let adapter: AdapterUnderTest;
  beforeEach(() => {
    adapter = make();
  });
  afterEach(() => adapter.cleanup());

  it('starts empty', async () => {
    const { storage } = adapter;
    expect(await storage.listAccountDirs()).toEqual([]);
    expect(await storage.accountExists('prod')).toBe(false);
    expect(await storage.readApiKeys('prod')).toBeNull();
    expect(await storage.readOAuth('prod')).toBeNull();
    expect(await storage.readMetadata()).toEqual(emptyMetadata());
    expect(await storage.summarizeAccount('prod')).toEqual({ hasApiKeys: false, hasOAuthCredentials: false });
  });

  it('names its paths the way the original lays them out', () => {
    const { storage } = adapter;
    expect(storage.accountPath('prod')).toBe(`${storage.location}/prod`);
    expect(storage.apiKeysPath('prod')).toBe(`${storage.location}/prod/.api_keys.json`);
    expect(storage.metadataPath()).toBe(`${storage.location}/accounts.json`);
  });

  it('creates the account on the first update and reads the document back', async () => {
    const { storage } = adapter;
    let seen: ApiKeysDocument | null | undefined;
    await storage.updateApiKeys('prod', (current) => {
      seen = current;
      return anthropicDoc();
    });
    expect(seen).toBeNull();
    expect(await storage.accountExists('prod')).toBe(true);
    expect(await storage.listAccountDirs()).toEqual(['prod']);
    const stored = await storage.readApiKeys('prod');
    expect(stored?.doc).toEqual(anthropicDoc());
    // Written owner-only (0600): nothing to warn about.
    expect(stored?.warnings).toEqual([]);
    expect(await storage.summarizeAccount('prod')).toEqual({ hasApiKeys: true, hasOAuthCredentials: false });
  });

  it('hands the current document to the next update', async () => {
    const { storage } = adapter;
    await storage.updateApiKeys('prod', () => anthropicDoc());
    await storage.updateApiKeys('prod', (current) => {
      expect(current).toEqual(anthropicDoc());
      return { ...current, extra: { kept: true } };
    });
    expect((await storage.readApiKeys('prod'))?.doc).toEqual({ ...anthropicDoc(), extra: { kept: true } });
  });

  it('removes the keys when the update returns null, keeping the account', async () => {
    const { storage } = adapter;
    await storage.updateApiKeys('prod', () => anthropicDoc());
    await storage.updateApiKeys('prod', () => null);
    expect(await storage.readApiKeys('prod')).toBeNull();
    expect(await storage.accountExists('prod')).toBe(true);
    expect(await storage.summarizeAccount('prod')).toEqual({ hasApiKeys: false, hasOAuthCredentials: false });
  });

  it('does not let a caller change stored state by mutating what it got', async () => {
    const { storage } = adapter;
    await storage.updateApiKeys('prod', () => anthropicDoc());
    const stored = await storage.readApiKeys('prod');
    stored!.doc.anthropic!.api_key = 'changed';
    const meta = await storage.readMetadata();
    meta.active = 'prod';
    expect((await storage.readApiKeys('prod'))?.doc).toEqual(anthropicDoc());
    expect((await storage.readMetadata()).active).toBeNull();
  });

  it('lists accounts sorted by name', async () => {
    const { storage } = adapter;
    for (const name of ['zeta', 'alpha', 'Mid', 'beta']) await storage.updateApiKeys(name, () => anthropicDoc());
    expect(await storage.listAccountDirs()).toEqual(['Mid', 'alpha', 'beta', 'zeta']);
  });

  it('keeps accounts apart', async () => {
    const { storage } = adapter;
    await storage.updateApiKeys('one', () => anthropicDoc());
    expect(await storage.readApiKeys('two')).toBeNull();
    expect(await storage.accountExists('two')).toBe(false);
  });

  it('round-trips metadata, handing the current document to each update', async () => {
    const { storage } = adapter;
    await storage.updateMetadata((meta) => {
      expect(meta).toEqual(emptyMetadata());
      meta.accounts.prod = { created: '2025-10-01T00:31:34.953588', last_used: 'never', type: 'API' };
      meta.active = 'prod';
      return meta;
    });
    await storage.updateMetadata((meta) => {
      expect(meta.active).toBe('prod');
      meta.last_updated = '2025-10-01T00:35:00.000001';
      return meta;
    });
    expect(await storage.readMetadata()).toEqual({
      accounts: { prod: { created: '2025-10-01T00:31:34.953588', last_used: 'never', type: 'API' } },
      active: 'prod',
      last_updated: '2025-10-01T00:35:00.000001',
    });
  });

  it('saves a Claude Code login as files, reads them back, and sees it as an OAuth account', async () => {
    const { storage } = adapter;
    const login = {
      '.credentials.json': oauthCredentialsJson('max'),
      '.claude.json': '{"oauthAccount": {"emailAddress": "someone@example.com"}}',
    };
    await storage.writeLoginSnapshot('work', login);
    expect(await storage.accountExists('work')).toBe(true);
    expect(await storage.listAccountDirs()).toEqual(['work']);
    expect(await storage.readLoginSnapshot('work')).toEqual(login);
    expect(await storage.summarizeAccount('work')).toEqual({ hasApiKeys: false, hasOAuthCredentials: true });
    expect((await storage.readOAuth('work'))?.subscription).toBe('Max');
  });

  it('reads an empty login snapshot for an account without one', async () => {
    const { storage } = adapter;
    await storage.updateApiKeys('api-only', () => anthropicDoc());
    expect(await storage.readLoginSnapshot('api-only')).toEqual({});
  });

  it('writes an extra file into an existing account and says where', async () => {
    const { storage } = adapter;
    await storage.updateApiKeys('prod', () => anthropicDoc());
    expect(await storage.writeAccountFile('prod', 'env.sh', 'export X=1\n')).toBe(`${storage.location}/prod/env.sh`);
  });

  it('refuses an extra file for an account that does not exist', async () => {
    await expect(adapter.storage.writeAccountFile('ghost', 'env.sh', 'x')).rejects.toThrow();
    expect(await adapter.storage.accountExists('ghost')).toBe(false);
  });

  it('deletes an account with everything in it', async () => {
    const { storage } = adapter;
    await storage.updateApiKeys('gone', () => anthropicDoc());
    await storage.writeLoginSnapshot('gone', { '.credentials.json': oauthCredentialsJson('pro') });
    await storage.updateApiKeys('kept', () => anthropicDoc());
    await storage.deleteAccount('gone');
    expect(await storage.accountExists('gone')).toBe(false);
    expect(await storage.listAccountDirs()).toEqual(['kept']);
    expect(await storage.readApiKeys('gone')).toBeNull();
    expect(await storage.readOAuth('gone')).toBeNull();
    expect(await storage.readLoginSnapshot('gone')).toEqual({});
    expect(await storage.summarizeAccount('gone')).toEqual({ hasApiKeys: false, hasOAuthCredentials: false });
  });

  it.each([
    ['max', 'Max'],
    ['pro', 'Pro'],
    ['team', 'Team'],
    ['ENTERPRISE', 'Enterprise'],
    [undefined, 'Pro'],
  ])('reads an OAuth login with subscriptionType %j as %s', async (subscriptionType, label) => {
    adapter.seedOAuth('default', subscriptionType);
    expect((await adapter.storage.readOAuth('default'))?.subscription).toBe(label);
    expect(await adapter.storage.accountExists('default')).toBe(true);
    expect((await adapter.storage.summarizeAccount('default')).hasOAuthCredentials).toBe(true);
  });

  it('renames an account: its documents, its entry in place, the active mark; refuses a taken or missing name', async () => {
    const { storage } = adapter;
    await storage.updateApiKeys('a', () => anthropicDoc());
    await storage.updateApiKeys('b', () => anthropicDoc());
    await storage.updateApiKeys('c', () => anthropicDoc());
    await storage.updateMetadata((m) => ({ ...m, accounts: { a: { type: 'API' }, b: { type: 'Max', created: 'x' }, c: { type: 'API' } }, active: 'b' }));
    expect(await storage.renameAccount('b', 'renamed', 'now')).toEqual({ wasActive: true, recovered: null });
    expect(await storage.listAccountDirs()).toEqual(['a', 'c', 'renamed']);
    expect((await storage.readApiKeys('renamed'))?.doc).toEqual(anthropicDoc());
    expect(await storage.readApiKeys('b')).toBeNull();
    const meta = await storage.readMetadata();
    expect(Object.keys(meta.accounts)).toEqual(['a', 'renamed', 'c']);
    expect(meta.accounts.renamed).toEqual({ type: 'Max', created: 'x' });
    expect(meta.active).toBe('renamed');
    expect(meta.last_updated).toBe('now');
    await expect(storage.renameAccount('a', 'c', 'now')).rejects.toThrow(/Account 'c' already exists/);
    await expect(storage.renameAccount('b', 'd', 'now')).rejects.toThrow(/Account 'b' not found/);
    expect(await storage.renameAccount('a', 'd', 'later')).toEqual({ wasActive: false, recovered: null });
    expect((await storage.readMetadata()).active).toBe('renamed');
    expect(await storage.finishInterruptedRename('now')).toBeNull();
  });

  it('runs an asynchronous update under its lock, one at a time, and writes nothing when it throws', async () => {
    const { storage } = adapter;
    await storage.updateApiKeys('prod', () => anthropicDoc());
    const order: string[] = [];
    const slow = storage.updateApiKeys('prod', async (current) => {
      order.push('slow:start');
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push('slow:end');
      return { ...current, slow: true };
    });
    const fast = storage.updateApiKeys('prod', (current) => {
      order.push('fast');
      return { ...current, fast: true };
    });
    await Promise.all([slow, fast]);
    // Whichever takes the lock first, the other does not run inside it.
    expect([['slow:start', 'slow:end', 'fast'], ['fast', 'slow:start', 'slow:end']]).toContainEqual(order);
    expect((await storage.readApiKeys('prod'))?.doc).toEqual({ ...anthropicDoc(), slow: true, fast: true });
    await expect(
      storage.updateApiKeys('prod', () => Promise.reject(new Error('refused'))),
    ).rejects.toThrow('refused');
    expect((await storage.readApiKeys('prod'))?.doc).toEqual({ ...anthropicDoc(), slow: true, fast: true });
  });

  it('keeps the secret-store settings, the file store by default, one holder of their lock at a time', async () => {
    const { storage } = adapter;
    expect(await storage.readSecretSettings()).toEqual({ store: 'file' });
    const order: string[] = [];
    let second: Promise<string | undefined> | undefined;
    await storage.withSecretSettings(async (current, save) => {
      order.push(`first saw ${current.store}`);
      // Asked for while the first holds the lock (two calls made side by side may take it
      // in either order, as updateApiKeys above): it must wait, then read what was saved.
      second = storage.withSecretSettings(async (current) => {
        order.push(`second saw ${current.store}`);
        return current.homeId;
      });
      await new Promise((resolve) => setTimeout(resolve, 30));
      await save({ store: 'keychain', homeId: '0123456789abcdef' });
    });
    expect(await second).toBe('0123456789abcdef');
    expect(order).toEqual(['first saw file', 'second saw keychain']);
    expect(await storage.readSecretSettings()).toEqual({ store: 'keychain', homeId: '0123456789abcdef' });
  });

  it('finds nothing wrong with a store it wrote itself', async () => {
    const { storage } = adapter;
    await storage.updateApiKeys('prod', () => anthropicDoc());
    await storage.updateMetadata((meta) => meta);
    const health = await storage.checkHealth({ fix: false });
    expect(health.remaining).toEqual([]);
    expect(health.found).toEqual([]);
    expect(health.checked).toBeGreaterThan(0);
  });
});

