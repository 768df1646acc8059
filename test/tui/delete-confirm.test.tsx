import { afterEach, describe, expect, it } from 'vitest';

import { cleanupTui, KEYS, renderTui, type Tui } from '../helpers/tui.js';
import { seededStorage } from './fixtures.js';

afterEach(cleanupTui);

async function select(tui: Tui, name: string): Promise<void> {
  const index = tui.state().accounts.findIndex((a) => a.name === name);
  await tui.press(...Array<string>(index).fill('j'));
}

describe('delete confirmation', () => {
  it('names the account and provider and defaults to No', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await select(tui, 'api-prod');
    await tui.press('d');
    const frame = await tui.waitFor('Delete API key');
    expect(frame).toContain('Delete the anthropic API key of account api-prod?');
    expect(frame).toMatch(/❯ No, keep it/);
    await tui.press(KEYS.enter);
    await tui.waitFor('Last used');
    expect((await tui.storage.readApiKeys('api-prod'))?.doc.anthropic).toBeDefined();
  });

  it('deletes after y, with a confirmation line', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await select(tui, 'api-prod');
    await tui.press('d', 'y');
    await tui.waitFor('✓ Deleted anthropic API key from account: api-prod');
    expect(await tui.storage.readApiKeys('api-prod')).toBeNull();
  });

  it('deletes after choosing Yes in the menu, and n or Esc keeps the key', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await select(tui, 'bedrock-us');
    await tui.press('d', 'n');
    await tui.waitFor('Last used');
    await tui.press('d', KEYS.esc);
    await tui.waitFor('Last used');
    expect((await tui.storage.readApiKeys('bedrock-us'))?.doc.bedrock).toBeDefined();
    await tui.press('d', KEYS.down, KEYS.enter);
    await tui.waitFor('✓ Deleted bedrock API key from account: bedrock-us');
    expect(await tui.storage.readApiKeys('bedrock-us')).toBeNull();
  });

  it('asks which provider when the account holds two', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await select(tui, 'multi');
    await tui.press('d');
    const ask = await tui.waitFor('Which key of multi do you want to delete?');
    expect(ask).toContain('Anthropic (anthropic)');
    expect(ask).toContain('Bedrock (bedrock)');
    await tui.press(KEYS.down, KEYS.enter);
    await tui.waitFor('Delete the bedrock API key of account multi?');
    await tui.press('y');
    await tui.waitFor('✓ Deleted bedrock API key from account: multi');
    const doc = (await tui.storage.readApiKeys('multi'))?.doc;
    expect(doc?.bedrock).toBeUndefined();
    expect(doc?.anthropic).toBeDefined();
  });

  it('deletes the provider of the selected field from the detail screen and stays there', async () => {
    const tui = await renderTui({ storage: await seededStorage(), rows: 40 });
    await select(tui, 'multi');
    await tui.press(KEYS.enter);
    await tui.waitFor('Bedrock API Key');
    await tui.press('j', 'd');
    await tui.waitFor('Delete the bedrock API key of account multi?');
    await tui.press('y');
    const frame = await tui.waitFor('✓ Deleted bedrock API key from account: multi');
    expect(tui.state().screen).toBe('detail');
    expect(frame).toContain('Anthropic API Key');
    expect(frame).not.toContain('Bedrock API Key');
  });

  it('warns when the account is the active one; an account without API keys is offered whole, and n keeps it', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await select(tui, 'default');
    await tui.press('d');
    // Issue 12: an OAuth account can be deleted too, naming what goes with it; No is the default.
    const ask = await tui.waitFor('Delete account default?');
    expect(ask).toContain('Claude Code login (Max)');
    expect(ask).toMatch(/❯ No, keep it/);
    await tui.press('n');
    await tui.waitFor('Last used');
    expect(tui.state().screen).toBe('list');
    expect(tui.state().accounts.map((a) => a.name)).toContain('default');
    await tui.press('j', 'u');
    await tui.waitFor('✓ Active account is now multi');
    await tui.press('d');
    await tui.waitFor('Which key of multi');
    await tui.press(KEYS.enter);
    expect(await tui.waitFor('This is the active account.')).toContain('Delete the anthropic API key of account multi?');
  });

  it('deletes a whole OAuth account with d then y', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await select(tui, 'default');
    await tui.press('d', 'y');
    await tui.waitFor('✓ Deleted account default');
    expect(tui.state().accounts.map((a) => a.name)).not.toContain('default');
    expect(await tui.storage.accountExists('default')).toBe(false);
    expect((await tui.storage.readMetadata()).active).toBeNull();
  });

  it('offers the whole account beside the keys, and D goes straight to it', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await select(tui, 'multi');
    await tui.press('d');
    expect(await tui.waitFor('Which key of multi')).toContain('The whole account multi');
    await tui.press(KEYS.esc);
    await tui.waitFor('Last used');
    await tui.press('D');
    const ask = await tui.waitFor('Delete account multi?');
    expect(ask).toContain('Anthropic API key, Bedrock API key');
    await tui.press(KEYS.enter); // No is the default
    await tui.waitFor('Last used');
    expect(await tui.storage.accountExists('multi')).toBe(true);
  });
});
