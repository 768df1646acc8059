import { afterEach, describe, expect, it } from 'vitest';

import { SECRETS } from '../helpers/secrets.js';
import { cleanupTui, KEYS, renderTui } from '../helpers/tui.js';
import { seededStorage } from './fixtures.js';

afterEach(cleanupTui);

/**
 * Keys that arrive in one read (a fast typist, a paste, tmux send-keys) must all land,
 * in order, as if typed one by one.
 */
describe('keys typed ahead in one read', () => {
  it('splits letters, Enter and Esc+key outside text fields', async () => {
    const tui = await renderTui({ storage: await seededStorage(), rows: 40 });
    await tui.press('jj\r');
    await tui.waitFor('Claude Code login (Max)');
    await tui.press(`${KEYS.esc}j`); // back to the list, then down
    await tui.waitFor('Last used');
    expect(tui.frame()).toMatch(/^❯ +multi/m);
  });

  it('keys typed while a page loads act once it has loaded, in order: "\\rjr" opens, moves and reveals', async () => {
    const tui = await renderTui({ storage: await seededStorage(), rows: 40 });
    const index = tui.state().accounts.findIndex((a) => a.name === 'multi');
    await tui.press(`${'j'.repeat(index)}\rjr`);
    const frame = await tui.waitFor('revealed');
    expect(tui.state().detail?.name).toBe('multi');
    expect(tui.state().detail?.cursor).toBe(1);
    expect(tui.state().detail?.revealed).toBe(1);
    expect(frame).toContain(SECRETS.accessKeyId);
  });

  it('two Escapes in one read act as two: back from the page, then clear the filter', async () => {
    const tui = await renderTui({ storage: await seededStorage(), rows: 40 });
    await tui.press('/', 'm', 'u', KEYS.enter, KEYS.enter);
    await tui.waitFor('Use it');
    await tui.press(`${KEYS.esc}${KEYS.esc}`);
    await tui.waitFor(() => tui.state().screen === 'list' && tui.state().filter === '');
    expect(tui.state().filter).toBe('');
  });

  it('opens the wizard and picks "+ New account" from "a\\r"', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await tui.press('a\r');
    await tui.waitFor('Name the new account');
  });

  it('submits a text step when the text and Enter come together, as a paste with a newline does', async () => {
    const tui = await renderTui();
    await tui.press('a', KEYS.enter);
    await tui.waitFor('Name the new account');
    await tui.press('pasted-name\r');
    await tui.waitFor('Which provider?');
    await tui.press(`${KEYS.down}\r`);
    await tui.waitFor('How does this account sign in to AWS?');
    await tui.press(KEYS.enter); // access keys, the first form
    await tui.waitFor('Bedrock model');
    expect(tui.state().wizard?.account).toBe('pasted-name');
    expect(tui.state().wizard?.provider).toBe('bedrock');
  });

  it('quits on Ctrl-C even inside typed text', async () => {
    const tui = await renderTui();
    await tui.press('a', KEYS.enter);
    await tui.waitFor('Name the new account');
    await tui.press(`half${KEYS.ctrlC}`);
    expect(tui.state().quitRequested).toBe(true);
  });

  it('keeps a secret pasted in one piece intact and masked', async () => {
    const tui = await renderTui();
    await tui.press('a', KEYS.enter);
    await tui.press('k\r', KEYS.enter);
    await tui.waitFor('Anthropic API key');
    await tui.press(SECRETS.anthropicKey);
    expect(tui.frame()).toContain('*'.repeat(SECRETS.anthropicKey.length));
    expect(tui.state().wizard?.input).toBe(SECRETS.anthropicKey);
  });
});
