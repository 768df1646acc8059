import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { ClaudeCodeService } from '../../src/accounts/claude-code-service.js';
import { AccountService } from '../../src/accounts/service.js';
import { ConfPrefs, PREFS_FILE_NAME } from '../../src/storage/conf-prefs.js';
import { DeferredPrefs } from '../../src/app/deferred-prefs.js';
import { DEFAULT_REVEAL_TIMEOUT_SECONDS, MemoryPrefs } from '../../src/storage/prefs.js';
import { createAppStore, selectedAccount } from '../../src/state/store.js';
import { seededStorage } from './fixtures.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cuti-prefs-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('UI preferences', () => {
  it('keeps the last selected account in a 0600 file under a 0700 CUTI_HOME', () => {
    const home = join(tempDir(), '.cuti');
    const prefs = ConfPrefs.open(home);
    expect(prefs.lastSelected()).toBeUndefined();
    prefs.setLastSelected('work');
    const file = join(home, `${PREFS_FILE_NAME}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ lastSelected: 'work' });
    expect(ConfPrefs.open(home).lastSelected()).toBe('work');
  });

  it('reads the reveal timeout from the file, falling back to 30 s on nonsense', () => {
    const home = tempDir();
    const file = join(home, `${PREFS_FILE_NAME}.json`);
    writeFileSync(file, JSON.stringify({ revealTimeoutSeconds: 12 }));
    expect(ConfPrefs.open(home).revealTimeoutMs()).toBe(12_000);
    writeFileSync(file, JSON.stringify({ revealTimeoutSeconds: -1 }));
    expect(ConfPrefs.open(home).revealTimeoutMs()).toBe(DEFAULT_REVEAL_TIMEOUT_SECONDS * 1000);
    expect(new MemoryPrefs({ revealTimeoutSeconds: 'soon' as unknown as number }).revealTimeoutMs()).toBe(30_000);
  });

  it('leaves a corrupt file untouched and says so, naming it', () => {
    const home = tempDir();
    const file = join(home, `${PREFS_FILE_NAME}.json`);
    writeFileSync(file, '{ not json');
    chmodSync(file, 0o600);
    const prefs = ConfPrefs.open(home);
    expect(prefs.warning).toBe(`${file}: not valid JSON; preferences will not be saved this session`);
    prefs.setLastSelected('x');
    expect(prefs.lastSelected()).toBe('x');
    expect(readFileSync(file, 'utf8')).toBe('{ not json');
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });
});

describe('deferred preferences', () => {
  it('act in memory until the stored ones are read, then use them', async () => {
    let open!: (prefs: MemoryPrefs) => void;
    const deferred = new DeferredPrefs(() => new Promise((resolve) => (open = resolve)));
    expect(deferred.lastSelected()).toBeUndefined();
    expect(deferred.revealTimeoutMs()).toBe(30_000);
    open(new MemoryPrefs({ lastSelected: 'stored', revealTimeoutSeconds: 9 }, 'a warning'));
    await deferred.ready;
    expect(deferred.lastSelected()).toBe('stored');
    expect(deferred.revealTimeoutMs()).toBe(9_000);
    expect(deferred.warning).toBe('a warning');
  });

  it('writes a selection made before they were read, once they are', async () => {
    let open!: (prefs: MemoryPrefs) => void;
    const deferred = new DeferredPrefs(() => new Promise((resolve) => (open = resolve)));
    expect(deferred.hasUnsaved).toBe(false);
    deferred.setLastSelected('early');
    expect(deferred.hasUnsaved).toBe(true);
    const stored = new MemoryPrefs({ lastSelected: 'stored' });
    open(stored);
    await deferred.ready;
    expect(stored.lastSelected()).toBe('early');
    expect(deferred.hasUnsaved).toBe(false);
  });

  /** A store whose accounts have loaded while its preferences are still being read; `open` delivers them. */
  async function storeAwaitingPrefs() {
    let open!: (prefs: MemoryPrefs) => void;
    const deferred = new DeferredPrefs(() => new Promise((resolve) => (open = resolve)));
    const service = new AccountService(await seededStorage());
    const store = createAppStore({ service, claudeCode: new ClaudeCodeService(service), prefs: deferred });
    const loading = store.getState().actions.load();
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
    return { store, open, loading };
  }

  it('lets the store show the accounts before they are read, then restores the selection and shows their warning', async () => {
    const { store, open, loading } = await storeAwaitingPrefs();
    // On screen and taking keys, not waiting for the preferences file.
    expect(store.getState().accounts).toHaveLength(4);
    expect(store.getState().busy).toBeNull();
    expect(selectedAccount(store.getState())?.name).toBe('api-prod');
    open(new MemoryPrefs({ lastSelected: 'multi', revealTimeoutSeconds: 7 }, 'a warning'));
    await loading;
    expect(selectedAccount(store.getState())?.name).toBe('multi');
    expect(store.getState().revealSeconds).toBe(7);
    expect(store.getState().error).toBe('a warning');
  });

  it('keeps a selection the person made before they were read', async () => {
    const { store, open, loading } = await storeAwaitingPrefs();
    store.getState().actions.move(1);
    open(new MemoryPrefs({ lastSelected: 'multi' }));
    await loading;
    expect(selectedAccount(store.getState())?.name).toBe('bedrock-us');
  });

  it('restores the last selection and reveal timeout through the store once read', async () => {
    const deferred = new DeferredPrefs(async () => new MemoryPrefs({ lastSelected: 'multi', revealTimeoutSeconds: 7 }));
    const service = new AccountService(await seededStorage());
    const store = createAppStore({ service, claudeCode: new ClaudeCodeService(service), prefs: deferred });
    await store.getState().actions.load();
    expect(selectedAccount(store.getState())?.name).toBe('multi');
    expect(store.getState().revealSeconds).toBe(7);
  });
});
