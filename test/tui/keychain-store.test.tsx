import { afterEach, expect, it } from 'vitest';

import { moveSecrets } from '../../src/accounts/secret-store-move.js';
import { Secrets } from '../../src/accounts/secrets.js';
import { AccountService } from '../../src/accounts/service.js';
import { MemorySecretStore } from '../../src/storage/memory-secret-store.js';
import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { SECRETS } from '../helpers/secrets.js';
import { cleanupTui, expectNoLeaks, KEYS, renderTui } from '../helpers/tui.js';

afterEach(cleanupTui);

it('with the keychain store: the header says so, the list reads no secret, the reveal key reads the one asked for', async () => {
  const storage = new MemoryStorage();
  const keychain = new MemorySecretStore();
  const secrets = new Secrets(() => Promise.resolve(keychain));
  await new AccountService(storage, undefined, secrets).addCredential('prod', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
  await moveSecrets(storage, secrets, 'keychain', () => '2025-10-01T00:00:00.000000');
  keychain.reads.length = 0;

  const tui = await renderTui({ storage, secrets, rows: 30 });
  expect(tui.frame()).toContain('secrets: keychain');
  await tui.press(KEYS.enter);
  await tui.waitFor('API Key:');
  expect(tui.frame()).toContain('sk-ant-a...fXYZ');
  expect(keychain.reads).toEqual([]);
  await tui.press('r');
  await tui.waitFor(SECRETS.anthropicKey);
  expect(keychain.reads).toHaveLength(1);
  // Hidden again: the page holds the reference, not the secret.
  await tui.press('r');
  await tui.waitFor((f) => !f.includes(SECRETS.anthropicKey));
  expect(JSON.stringify(tui.state().detail)).not.toContain(SECRETS.anthropicKey);
  keychain.reachable = false;
  await tui.press('r');
  await tui.waitFor('keychain cannot be reached');
  expectNoLeaks({ ...tui, frames: () => tui.frames().slice(-3) });
});
