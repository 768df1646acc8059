import { afterEach, describe, expect, it } from 'vitest';

import { SECRETS } from '../helpers/secrets.js';
import { cleanupTui, expectNoLeaks, KEYS, renderTui, type Tui } from '../helpers/tui.js';
import { seededStorage } from './fixtures.js';

afterEach(cleanupTui);

const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

async function toNameField(tui: Tui): Promise<void> {
  await tui.press('a');
  await tui.waitFor('Add the key to which account?');
  await tui.press(KEYS.enter);
  await tui.waitFor('Name the new account');
}

async function toApiKeyField(tui: Tui): Promise<void> {
  await toNameField(tui);
  await tui.press('paste-test', KEYS.enter);
  await tui.waitFor('Which provider?');
  await tui.press(KEYS.enter);
  await tui.waitFor('Anthropic API key');
}

/** Issue 12, item 2: a text field takes a chunk exactly like the same keys one at a time. */
describe('text fields take keys in any chunking', () => {
  it('treats Backspace in the same read as the text as Backspace, not as a literal DEL', async () => {
    const tui = await renderTui();
    await toNameField(tui);
    await tui.press('chunk-test\u007f\u007f\u007f');
    expect(tui.state().wizard?.input).toBe('chunk-t');
    expect(tui.state().wizard?.error).toBeNull();
    await tui.press(KEYS.enter);
    await tui.waitFor('Which provider?');
    expect(tui.state().wizard?.account).toBe('chunk-t');
  });

  it('gives the same value typed one key at a time, in one chunk, and in odd chunks', async () => {
    const keys = ['w', 'o', 'r', 'x', KEYS.backspace, 'k', '-', '1'];
    const results: string[] = [];
    for (const chunks of [keys, [keys.join('')], ['wor', `x${KEYS.backspace}k`, '-1']]) {
      const tui = await renderTui();
      await toNameField(tui);
      for (const chunk of chunks) await tui.press(chunk);
      results.push(tui.state().wizard?.input ?? '');
      await cleanupTui();
    }
    expect(results).toEqual(['work-1', 'work-1', 'work-1']);
  });

  it('takes Ctrl-U as clearing the field, in a chunk too', async () => {
    const tui = await renderTui();
    await toNameField(tui);
    await tui.press('wrong\u0015right');
    expect(tui.state().wizard?.input).toBe('right');
  });

  it('takes a bracketed paste as one value, dropping a trailing newline or CR LF, without submitting', async () => {
    for (const ending of ['\n', '\r\n', '']) {
      const tui = await renderTui();
      await toApiKeyField(tui);
      await tui.press(`${PASTE_START}${SECRETS.anthropicKey}${ending}${PASTE_END}`);
      expect(tui.state().wizard?.input).toBe(SECRETS.anthropicKey);
      expect(tui.state().wizard?.step).toBe('apiKey');
      expect(tui.frame()).toContain('*'.repeat(SECRETS.anthropicKey.length));
      await tui.press(KEYS.enter);
      await tui.waitFor('Save this key?');
      expectNoLeaks(tui);
      await cleanupTui();
    }
  });

  it('puts a paste into the filter as text, and ignores it where nothing takes text', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await tui.press(`${PASTE_START}q${PASTE_END}`);
    expect(tui.state().quitRequested).toBe(false);
    await tui.press('/', `${PASTE_START}mul${PASTE_END}`);
    expect(tui.state().filter).toBe('mul');
  });
});

describe('copying a secret with c', () => {
  /** The two-provider account's page open, with every copy recorded instead of made. */
  async function onMultiDetail(copied: string[]) {
    const tui = await renderTui({
      storage: await seededStorage(),
      rows: 40,
      deps: { copySecret: (value) => (copied.push(value), { how: 'OSC 52', clearSeconds: 45 }) },
    });
    await tui.press('j', 'j', 'j', KEYS.enter);
    await tui.waitFor('Bedrock API Key');
    return tui;
  }

  it('copies the selected secret, read again from disk, and never draws it', async () => {
    const copied: string[] = [];
    const tui = await onMultiDetail(copied);
    await tui.press('j', 'j', 'c');
    await tui.waitFor('✓ Copied the Secret Access Key (OSC 52); cleared in 45 s');
    expect(copied).toEqual([SECRETS.secretAccessKey2]);
    expectNoLeaks(tui);
  });

  it('copies nothing when the secret changed on disk meanwhile', async () => {
    const copied: string[] = [];
    const tui = await onMultiDetail(copied);
    await tui.press('j');
    // Another process deletes the Bedrock key while the screen shows it.
    await tui.service.deleteCredential('multi', 'bedrock');
    await tui.press('c');
    await tui.waitFor('changed on disk; nothing was copied');
    expect(copied).toEqual([]);
  });
});

describe('yes and no', () => {
  it('answers the "replace the existing key?" question with y and n, No being the default', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await tui.press('a');
    await tui.waitFor('Add the key to which account?');
    await tui.press('j', KEYS.enter); // api-prod
    await tui.waitFor('Which provider?');
    await tui.press(KEYS.enter); // Anthropic, which it holds
    await tui.waitFor('already holds an API key');
    expect(tui.frame()).toMatch(/❯ No, keep the existing key/);
    await tui.press('n');
    await tui.waitFor('Which provider?');
    await tui.press(KEYS.enter);
    await tui.waitFor('already holds an API key');
    await tui.press('y');
    await tui.waitFor('Anthropic API key');
  });

  it('goes back from the summary with n', async () => {
    const tui = await renderTui();
    await toApiKeyField(tui);
    await tui.press(SECRETS.anthropicKey, KEYS.enter);
    await tui.waitFor('Save this key?');
    await tui.press('n');
    await tui.waitFor('Anthropic API key');
  });
});
