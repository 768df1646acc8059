import { afterEach, describe, expect, it } from 'vitest';

import { cleanupTui, expectNoLeaks, KEYS, renderTui } from '../helpers/tui.js';
import { MemoryPrefs } from '../../src/storage/prefs.js';
import { seededStorage } from './fixtures.js';

afterEach(cleanupTui);

const rowOf = (frame: string, name: string) => frame.split('\n').find((line) => line.includes(` ${name} `)) ?? '';
const selectedRow = (frame: string) => frame.split('\n').find((line) => line.startsWith('❯')) ?? '';

describe('account list', () => {
  it('shows every account with name, type, created, last used and the active marker', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    const frame = tui.frame();
    expect(frame).toContain('Name');
    expect(frame).toContain('Last used');
    expect(rowOf(frame, 'default')).toMatch(/●\s*default\s+Max\s+2025-09-30\s+2025-10-01 07:24/);
    expect(rowOf(frame, 'api-prod')).toMatch(/api-prod\s+API \(Anthropic\)\s+2025-10-01\s+never/);
    expect(rowOf(frame, 'bedrock-us')).toMatch(/bedrock-us\s+API \(Bedrock\)/);
    expect(rowOf(frame, 'multi')).toMatch(/multi\s+API \(Anthropic\+Bedrock\)/);
    expect(rowOf(frame, 'api-prod')).not.toContain('●');
    expect(frame).toContain('active: default');
    expectNoLeaks(tui);
  });

  it('moves with arrows and j/k, and stays inside the list', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    expect(selectedRow(tui.frame())).toContain('api-prod');
    await tui.press('j');
    expect(selectedRow(tui.frame())).toContain('bedrock-us');
    await tui.press(KEYS.down, KEYS.down, KEYS.down, KEYS.down);
    expect(selectedRow(tui.frame())).toContain('multi');
    await tui.press('k', KEYS.up);
    expect(selectedRow(tui.frame())).toContain('bedrock-us');
    await tui.press('g');
    expect(selectedRow(tui.frame())).toContain('api-prod');
    await tui.press('G');
    expect(selectedRow(tui.frame())).toContain('multi');
  });

  it('takes keys typed ahead of a render in one chunk, as a fast typist or tmux sends them', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await tui.press('jj');
    expect(selectedRow(tui.frame())).toContain('default');
  });

  it('opens the detail screen with Enter and comes back with Esc', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await tui.press('j', KEYS.enter);
    const detail = await tui.waitFor('Bedrock API Key');
    expect(detail).toContain('bedrock-us');
    expect(detail).toContain('Region:');
    await tui.press(KEYS.esc);
    await tui.waitFor('Last used');
    expect(selectedRow(tui.frame())).toContain('bedrock-us');
  });

  it('filters by name as you type, shows the match count, and Esc clears it', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await tui.press('/');
    await tui.type('be');
    let frame = tui.frame();
    expect(frame).toContain('/ be');
    expect(frame).toContain('1/4 match');
    expect(rowOf(frame, 'bedrock-us')).not.toBe('');
    expect(rowOf(frame, 'api-prod')).toBe('');
    // q is text while filtering, not quit.
    await tui.type('q');
    expect(tui.state().quitRequested).toBe(false);
    expect(tui.frame()).toContain('No account name contains "beq"');
    await tui.press(KEYS.backspace);
    expect(tui.frame()).toContain('1/4 match');
    await tui.press(KEYS.enter);
    frame = tui.frame();
    expect(frame).toContain('/ be');
    expect(selectedRow(frame)).toContain('bedrock-us');
    await tui.press(KEYS.esc);
    frame = tui.frame();
    expect(frame).not.toContain('match');
    expect(rowOf(frame, 'api-prod')).not.toBe('');
    expect(selectedRow(frame)).toContain('bedrock-us');
  });

  it('shows a friendly empty state that says how to add the first key', async () => {
    const tui = await renderTui();
    const frame = tui.frame();
    expect(frame).toContain('No Claude accounts yet.');
    expect(frame).toMatch(/Press a\s+to add your first key/);
    expect(frame).toContain('0 accounts');
    await tui.press('a');
    await tui.waitFor('Add the key to which account?');
  });

  it('makes the selected account active with u, with a confirmation line, in accounts.json', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await tui.press('u');
    await tui.waitFor('✓ Active account is now api-prod');
    expect(rowOf(tui.frame(), 'api-prod')).toContain('●');
    expect(rowOf(tui.frame(), 'default')).not.toContain('●');
    const meta = await tui.storage.readMetadata();
    expect(meta.active).toBe('api-prod');
    expect(meta.accounts['api-prod']?.last_used).not.toBe('never');
  });

  it('opens help with ? listing keys from the keymap, and closes it again', async () => {
    const tui = await renderTui({ storage: await seededStorage(), columns: 160, rows: 60 });
    await tui.press('?');
    const frame = tui.frame();
    expect(frame).toContain('Keys');
    expect(frame).toContain('Reveal the selected secret');
    expect(frame).toContain('Use: make the account active');
    await tui.press(KEYS.esc);
    expect(tui.frame()).not.toContain('Reveal the selected secret');
    expect(tui.frame()).toContain('api-prod');
  });

  it('quits with q and with Ctrl-C, remembering the selected account', async () => {
    const prefs = new MemoryPrefs();
    const tui = await renderTui({ storage: await seededStorage(), prefs });
    await tui.press('j', 'q');
    expect(tui.state().quitRequested).toBe(true);
    expect(prefs.lastSelected()).toBe('bedrock-us');

    const again = await renderTui({ storage: tui.storage, prefs });
    expect(selectedRow(again.frame())).toContain('bedrock-us');
    await again.press(KEYS.ctrlC);
    expect(again.state().quitRequested).toBe(true);
  });
});
