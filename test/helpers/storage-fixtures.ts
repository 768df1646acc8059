import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { subscriptionLabel, type StorageAdapter } from '../../src/storage/adapter.js';
import { FileSystemStorage } from '../../src/storage/fs-adapter.js';
import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { SECRETS } from './secrets.js';

/** An adapter under test plus a way to plant a Claude Code login, as `cuti claude save` would. */
export interface AdapterUnderTest {
  /** The adapter, with the file names it lays out (its own, not the generic interface's). */
  storage: StorageAdapter & { apiKeysPath(name: string): string; metadataPath(): string };
  seedOAuth(name: string, subscriptionType: string | undefined): void;
  cleanup(): void;
}

/** A Claude Code `.credentials.json` as Claude Code writes it (fake tokens). */
export function oauthCredentialsJson(subscriptionType: string | undefined): string {
  const oauth: Record<string, unknown> = {
    accessToken: SECRETS.oauthAccessToken,
    refreshToken: SECRETS.oauthRefreshToken,
    expiresAt: 1767225600000,
    scopes: ['user:inference', 'user:profile'],
  };
  if (subscriptionType !== undefined) oauth.subscriptionType = subscriptionType;
  return JSON.stringify({ claudeAiOauth: oauth });
}

export function makeFsAdapter(): AdapterUnderTest & { root: string; storage: FileSystemStorage } {
  const home = mkdtempSync(join(tmpdir(), 'cuti-storage-'));
  const root = join(home, 'claude-accounts');
  return {
    root,
    storage: new FileSystemStorage(root),
    seedOAuth(name, subscriptionType) {
      mkdirSync(join(root, name), { recursive: true, mode: 0o700 });
      writeFileSync(join(root, name, '.credentials.json'), oauthCredentialsJson(subscriptionType), { mode: 0o600 });
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

export function makeMemoryAdapter(): AdapterUnderTest & { storage: MemoryStorage } {
  const storage = new MemoryStorage();
  return {
    storage,
    seedOAuth(name, subscriptionType) {
      storage.seedOAuthAccount(name, { subscription: subscriptionLabel(subscriptionType) });
    },
    cleanup: () => undefined,
  };
}
