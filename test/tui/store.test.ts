import { afterEach, describe, expect, it, vi } from 'vitest';

import { ClaudeCodeService } from '../../src/accounts/claude-code-service.js';
import { AccountService } from '../../src/accounts/service.js';
import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { MemoryPrefs } from '../../src/storage/prefs.js';
import { createAppStore, selectedAccount, visibleAccounts } from '../../src/state/store.js';
import { SECRETS } from '../helpers/secrets.js';
import { fakeNow, seededStorage } from './fixtures.js';

afterEach(() => {
  vi.useRealTimers();
});

async function loadedStore(storage?: MemoryStorage, prefs = new MemoryPrefs()) {
  const service = new AccountService(storage ?? (await seededStorage()), fakeNow);
  const store = createAppStore({ service, claudeCode: new ClaudeCodeService(service), prefs });
  await store.getState().actions.load();
  return { store, service, prefs, a: store.getState().actions };
}

describe('app store (against MemoryStorage)', () => {
  it('loads every account sorted, with the active one known, and restores the last selection', async () => {
    const { store } = await loadedStore(undefined, new MemoryPrefs({ lastSelected: 'multi' }));
    const s = store.getState();
    expect(s.accounts.map((a) => a.name)).toEqual(['api-prod', 'bedrock-us', 'default', 'multi']);
    expect(s.active).toBe('default');
    expect(selectedAccount(s)?.name).toBe('multi');
    expect(s.busy).toBeNull();
  });

  it('moves within bounds and pages by the viewport', async () => {
    const { store, a } = await loadedStore();
    a.move(-5);
    expect(store.getState().selected).toBe(0);
    a.move(99);
    expect(store.getState().selected).toBe(3);
    a.setViewportRows(2);
    a.page(-1);
    expect(store.getState().selected).toBe(2);
  });

  it('filters case-insensitively and keeps the selected account when it still matches', async () => {
    const { store, a } = await loadedStore();
    a.move(1); // bedrock-us
    a.startFilter();
    a.typeFilter('U');
    expect(visibleAccounts(store.getState()).map((x) => x.name)).toEqual(['bedrock-us', 'default', 'multi']);
    expect(selectedAccount(store.getState())?.name).toBe('bedrock-us');
    a.typeFilter('l');
    expect(visibleAccounts(store.getState()).map((x) => x.name)).toEqual(['default', 'multi']);
    a.deleteFilterChar();
    expect(store.getState().filter).toBe('U');
    a.clearFilter();
    expect(visibleAccounts(store.getState())).toHaveLength(4);
    // The filter moved the selection to the first match; clearing keeps it there.
    expect(selectedAccount(store.getState())?.name).toBe('default');
  });

  it('reveals one secret at a time and hides it after the timeout or on leaving', async () => {
    const { store, a } = await loadedStore(undefined, new MemoryPrefs({ revealTimeoutSeconds: 10 }));
    a.move(3); // multi: anthropic key, then bedrock access key id and secret
    await a.openDetail();
    expect(store.getState().detail?.details?.name).toBe('multi');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // The reveal reads the account again first (never a secret deleted on disk meanwhile).
    await a.toggleReveal();
    expect(store.getState().detail?.revealed).toBe(0);
    vi.advanceTimersByTime(9_999);
    expect(store.getState().detail?.revealed).toBe(0);
    vi.advanceTimersByTime(1);
    expect(store.getState().detail?.revealed).toBeNull();
    a.moveSecret(2);
    await a.toggleReveal();
    expect(store.getState().detail?.revealed).toBe(2);
    a.back();
    expect(store.getState().screen).toBe('list');
    expect(store.getState().detail).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs the Bedrock wizard through the service and writes what the CLI would', async () => {
    const { store, a, service } = await loadedStore(new MemoryStorage());
    a.startAdd();
    await a.submitWizardStep(); // + New account
    a.setWizardInput('bedrock-prod');
    await a.submitWizardStep();
    a.moveWizardMenu(1); // AWS Bedrock
    await a.submitWizardStep();
    expect(store.getState().wizard?.step).toBe('form');
    await a.submitWizardStep(); // access keys, the first form
    expect(store.getState().wizard?.step).toBe('model');
    await a.submitWizardStep(); // first model in the list
    await a.submitWizardStep(); // first region
    a.setWizardInput(SECRETS.accessKeyId);
    await a.submitWizardStep();
    a.setWizardInput(SECRETS.secretAccessKey);
    await a.submitWizardStep();
    expect(store.getState().wizard?.step).toBe('sessionToken');
    await a.submitWizardStep(); // empty: no session token
    expect(store.getState().wizard?.step).toBe('haikuModel');
    await a.submitWizardStep(); // Skip
    expect(store.getState().wizard?.step).toBe('summary');
    await a.submitWizardStep();
    expect(store.getState().screen).toBe('detail');
    expect(store.getState().notice).toBe('✓ Added bedrock API key to account: bedrock-prod');
    const stored = await service.getCredential('bedrock-prod', 'bedrock');
    expect(stored.entry).toMatchObject({
      region: 'us-east-1',
      access_key_id: SECRETS.accessKeyId,
      secret_access_key: SECRETS.secretAccessKey,
      auth_method: 'access_keys',
    });
  });

  it('submits a text step when a paste ends in a newline', async () => {
    const { store, a } = await loadedStore(new MemoryStorage());
    a.startAdd();
    await a.submitWizardStep();
    a.setWizardInput('pasted\r\n');
    await vi.waitFor(() => expect(store.getState().wizard?.step).toBe('provider'));
    expect(store.getState().wizard?.account).toBe('pasted');
  });

  it('refuses an invalid step without touching storage, and Esc walks back', async () => {
    const storage = new MemoryStorage();
    const { store, a } = await loadedStore(storage);
    a.startAdd();
    await a.submitWizardStep();
    a.setWizardInput('.hidden');
    await a.submitWizardStep();
    expect(store.getState().wizard?.error).toBe("Account name cannot start with '.': .hidden");
    expect(store.getState().wizard?.step).toBe('name');
    a.wizardBack();
    expect(store.getState().wizard?.step).toBe('account');
    a.wizardBack();
    expect(store.getState().wizard).toBeNull();
    expect(store.getState().screen).toBe('list');
    expect(await storage.listAccountDirs()).toEqual([]);
  });

  it('deletes only after confirmation and reports the result', async () => {
    const { store, a, service } = await loadedStore();
    a.startDelete(); // api-prod
    expect(store.getState().del).toMatchObject({ account: 'api-prod', provider: 'anthropic', step: 'confirm', menuIndex: 0 });
    await a.confirmDelete(); // default No
    expect(store.getState().screen).toBe('list');
    expect(await service.hasProvider('api-prod', 'anthropic')).toBe(true);
    a.startDelete();
    await a.confirmDelete(true);
    expect(await service.hasProvider('api-prod', 'anthropic')).toBe(false);
    expect(store.getState().notice).toBe('✓ Deleted anthropic API key from account: api-prod');
  });

  it('sets the active account through the service and remembers it', async () => {
    const { store, a, prefs, service } = await loadedStore();
    a.move(1);
    await a.useAccount();
    expect(store.getState().active).toBe('bedrock-us');
    expect((await service.storage.readMetadata()).active).toBe('bedrock-us');
    expect(prefs.lastSelected()).toBe('bedrock-us');
    expect(store.getState().notice).toBe('✓ Active account is now bedrock-us');
  });

  it('turns a failing storage call into an error line, never a rejection', async () => {
    const storage = await seededStorage();
    const { store, a } = await loadedStore(storage);
    storage.accountExists = () => Promise.reject(new Error('disk on fire'));
    await expect(a.openDetail()).resolves.toBeUndefined();
    expect(store.getState().error).toBe('Unexpected error: disk on fire');
    expect(store.getState().busy).toBeNull();
  });
});
