import { afterEach, expect, it } from 'vitest';

import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { cleanupTui, KEYS, renderTui, type Tui } from '../helpers/tui.js';
import { seededStorage } from './fixtures.js';

afterEach(cleanupTui);

const footerOf = (frame: string) => frame.trimEnd().split('\n').at(-1) ?? '';

/** The frame's text with its wrapping undone: lines trimmed and joined with spaces. */
const unwrapped = (frame: string) => frame.split('\n').map((l) => l.trim()).join(' ');

async function openAccount(tui: Tui, name: string, shows: string): Promise<string> {
  const index = tui.state().accounts.findIndex((a) => a.name === name);
  await tui.press(...Array<string>(index).fill('j'), KEYS.enter);
  return tui.waitFor(shows);
}

it('at 40 columns the delete confirmation footer keeps the keys that answer it (y, n) and help; moving goes first', async () => {
  const tui = await renderTui({ storage: await seededStorage(), columns: 40, rows: 12 });
  await tui.press('d');
  let footer = footerOf(await tui.waitFor('No, keep it'));
  expect(footer).toContain('y yes');
  expect(footer).toContain('n/esc no');
  expect(footer).toContain('? help');
  await tui.press('n', 'j', 'd');
  await tui.waitFor((f) => f.includes('Delete') && f.includes('❯'));
  if (!tui.frame().includes('No, keep it')) await tui.press(KEYS.enter);
  footer = footerOf(await tui.waitFor('No, keep it'));
  expect(footer).toContain('y yes');
  expect(footer).toContain('n/esc no');
});

it('at 40 columns a filter that matches nothing says so whole, with the way out', async () => {
  const tui = await renderTui({ storage: await seededStorage(), columns: 40, rows: 12 });
  await tui.press('/');
  await tui.type('nothing-here');
  const frame = await tui.waitFor('No account name contains');
  const text = unwrapped(frame);
  expect(text).toContain('No account name contains "nothing-here". Esc clears the filter.');
});

it('at 40 columns the reveal note is whole, wrapped under the value', async () => {
  const tui = await renderTui({ storage: await seededStorage(), columns: 40, rows: 12 });
  await openAccount(tui, 'api-prod', 'API Key:');
  await tui.press('r');
  const frame = await tui.waitFor('revealed');
  const text = unwrapped(frame);
  expect(text).toMatch(/revealed · hides in \d+ s or when you leave/);
});

it("at 40 columns a text field's hint wraps into the lines under the field", async () => {
  const tui = await renderTui({ storage: await seededStorage(), columns: 40, rows: 14 });
  await tui.press('a', KEYS.enter);
  const frame = await tui.waitFor('Name the new account');
  const text = unwrapped(frame);
  expect(text).toContain("An existing account's name adds the key to that account.");
});

it('at 40x12 the help overlay wraps what a key does instead of cutting it, and shows keys whole', async () => {
  const tui = await renderTui({ storage: await seededStorage(), columns: 40, rows: 12 });
  await tui.press('?');
  const wanted = 'Delete the whole account (its keys and login)';
  let text = '';
  for (let i = 0; i < 40 && !text.includes(wanted); i++) {
    await tui.press('j');
    text = unwrapped(tui.frame()).replace(/\s+/g, ' ');
  }
  expect(text).toContain(wanted);
  for (let i = 0; i < 40 && !tui.frame().includes('PgUp'); i++) await tui.press('k');
  expect(tui.frame()).toContain('PgUp ctrl+b');
});

it('the commands to use an account with a long name wrap instead of being cut', async () => {
  const storage = await seededStorage();
  const name = 'a-very-long-account-name-that-goes-on-and-on-for-sure';
  await storage.updateApiKeys(name, () => ({ anthropic: { api_key: 'sk-ant-api03-x', provider: 'anthropic', created: 'now' } }));
  const tui = await renderTui({ storage, columns: 80, rows: 30 });
  const frame = await openAccount(tui, name, 'Use it');
  const text = unwrapped(frame);
  expect(text).toContain(`$ cuti claude exec ${name} -- claude`);
  expect(text).toContain(`$ eval "$(cuti claude env ${name})"`);
});

it('at 40x12 the delete dialog names what will be removed before it keeps a blank line', async () => {
  const storage = new MemoryStorage();
  const name = 'a-rather-long-oauth-account-name-x';
  storage.seedOAuthAccount(name, { subscription: 'Max', email: 'me@example.com' }, { created: '2025-09-30T10:00:00.000000', last_used: 'never', type: 'Max' });
  storage.seedActive(name);
  const tui = await renderTui({ storage, columns: 40, rows: 12 });
  await tui.press('D');
  const frame = await tui.waitFor('No, keep it');
  const text = unwrapped(frame);
  expect(text).toContain('This removes the account and everything in it: Claude Code login (Max). This cannot be undone.');
});

it('at 200 columns the name column is as wide as the names need, so the type and dates stay beside them', async () => {
  const tui = await renderTui({ storage: await seededStorage(), columns: 200, rows: 50 });
  const row = tui.frame().split('\n').find((l) => l.includes('api-prod')) ?? '';
  expect(row.indexOf('API (Anthropic)') - row.indexOf('api-prod')).toBeLessThan(30);
  expect(row).toMatch(/\d{4}-\d{2}-\d{2}/);
});
