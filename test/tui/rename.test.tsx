import { afterEach, describe, expect, it } from 'vitest';

import { SECRETS } from '../helpers/secrets.js';
import { cleanupTui, expectNoLeaks, KEYS, renderTui } from '../helpers/tui.js';
import { selectAccount, selectedRow } from '../helpers/tui-navigation.js';
import { seededStorage } from './fixtures.js';

afterEach(cleanupTui);

const CTRL_U = '\u0015';
const select = selectAccount;

describe('renaming an account (n)', () => {
  it('from the list: the prompt holds the current name; the account, its keys and the active mark follow the new one', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await select(tui, 'default');
    await tui.press('n');
    const prompt = await tui.waitFor('Rename account default');
    expect(prompt).toContain('New name: default');
    await tui.press(CTRL_U);
    await tui.type('personal');
    await tui.press(KEYS.enter);
    await tui.waitFor('✓ Renamed account default to personal (still the active account)');
    expect(selectedRow(tui.frame())).toContain('personal');
    expect(tui.state().accounts.map((a) => a.name)).toEqual(['api-prod', 'bedrock-us', 'multi', 'personal']);
    expect(tui.state().active).toBe('personal');
    expect((await tui.storage.readMetadata()).accounts.default).toBeUndefined();
  });

  it('from the detail page: the page stays open under the new name, the keys still there', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await select(tui, 'multi');
    await tui.press(KEYS.enter);
    await tui.waitFor('API Key:');
    await tui.press('n');
    await tui.waitFor('Rename account multi');
    // Typed in chunks, Backspace among them, as a slow link or tmux delivers it.
    await tui.press('-old\u007f\u007f\u007f\u007f', '-two');
    await tui.press(KEYS.enter);
    await tui.waitFor('✓ Renamed account multi to multi-two');
    expect(tui.state().screen).toBe('detail');
    expect(tui.state().detail?.name).toBe('multi-two');
    expect(tui.frame()).toContain('multi-two');
    expect(tui.frame()).toContain('sk-ant-a...uQRS');
    expect((await tui.storage.readApiKeys('multi-two'))?.doc.anthropic?.api_key).toBe(SECRETS.anthropicKey2);
    expectNoLeaks(tui);
  });

  it('Esc leaves the name as it was; a refusal keeps the prompt with what was typed and says why, whole, at 40x12', async () => {
    const tui = await renderTui({ storage: await seededStorage(), columns: 40, rows: 12 });
    await select(tui, 'api-prod');
    await tui.press('n');
    await tui.waitFor('Rename account api-prod');
    await tui.press(KEYS.esc);
    await tui.waitFor((f) => !f.includes('Rename account'));
    expect(tui.state().dialog).toBeNull();

    await tui.press('n');
    await tui.press(CTRL_U);
    await tui.type('bedrock-us');
    await tui.press(KEYS.enter);
    const taken = await tui.waitFor('already exists');
    expect(taken.replace(/\s+/g, ' ')).toContain("✗ Account 'bedrock-us' already exists");
    for (const line of taken.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(tui.state().dialog).toMatchObject({ kind: 'prompt', input: 'bedrock-us' });

    await tui.press(CTRL_U);
    // A hostile name: the bidi override never reaches the field; `$(id)` is only characters.
    await tui.type('ab\u202e$(id)');
    expect(tui.state().dialog).toMatchObject({ input: 'ab$(id)' });
    await tui.press(KEYS.enter);
    await tui.waitFor('✓ Renamed account api-prod');
    expect(await tui.storage.accountExists('ab$(id)')).toBe(true);
    // A name in another script, wider than it is long, is taken as it is.
    await select(tui, 'ab$(id)');
    await tui.press('n', CTRL_U);
    await tui.type('本番-🔑');
    await tui.press(KEYS.enter);
    await tui.waitFor('✓ Renamed account');
    expect(await tui.storage.accountExists('本番-🔑')).toBe(true);
    for (const line of tui.frame().split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect((await tui.storage.listAccountDirs()).length).toBe(4);
  });

  it('is in the footer and in ? help, for the list and the detail page', async () => {
    const tui = await renderTui({ storage: await seededStorage(), columns: 120 });
    expect(tui.frame()).toMatch(/n rename/);
    await tui.press('?');
    const help = await tui.waitFor('Help');
    expect(help).toMatch(/n\s+Rename the account/);
  });
});
