import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { watchStore } from '../../src/app/watch-store.js';
import { FileSystemStorage } from '../../src/storage/fs-adapter.js';
import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { SECRETS } from '../helpers/secrets.js';
import { anthropicEntry, bedrockEntry, seedAccount } from '../helpers/seed-accounts.js';
import { cleanupTui, expectNoLeaks, KEYS, renderTui, type Tui } from '../helpers/tui.js';
import { chooseItem, selectAccount } from '../helpers/tui-navigation.js';

/*
 * Another process (the real CLI) changes or deletes an account after the TUI drew it
 * and before a key acts on it. The TUI here runs without its store watcher, so nothing
 * refreshes the screen in between: each action must read what it acts on again, and
 * never reveal or copy a secret that is gone, nor act on what the screen last showed.
 */

let t: TempHome;
beforeEach(() => {
  t = makeTempHome();
  seedAccount(t.accountsRoot, 'multi', { apiKeys: { ...anthropicEntry(SECRETS.anthropicKey), ...bedrockEntry({ access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey }) } });
  seedAccount(t.accountsRoot, 'other', { apiKeys: anthropicEntry(SECRETS.anthropicKey2) }, { active: true });
});
afterEach(async () => {
  await cleanupTui();
  t.cleanup();
});

const elsewhere = async (...args: string[]) => {
  const result = await runCli(['claude', ...args], { env: t.env });
  expect(result.code, result.stderr).toBe(0);
};
const meta = () => JSON.parse(readFileSync(join(t.accountsRoot, 'accounts.json'), 'utf8')) as { accounts: Record<string, unknown>; active: string | null };

async function open(options: Parameters<typeof renderTui>[0] = {}): Promise<Tui> {
  return renderTui({ storage: new FileSystemStorage(t.accountsRoot), rows: 30, ...options });
}

const select = selectAccount;
const choose = chooseItem;

async function openDetail(tui: Tui, name: string): Promise<void> {
  await select(tui, name);
  await tui.press(KEYS.enter);
  await tui.waitFor('API Key:');
}

describe('an account changed on disk after the TUI drew it', () => {
  it('r: a key deleted elsewhere is not revealed; the page shows what is there now', async () => {
    const tui = await open();
    await openDetail(tui, 'multi');
    await elsewhere('delete-api-key', 'multi', '-p', 'anthropic', '--force');
    await tui.press('r');
    const frame = await tui.waitFor('changed on disk; nothing was revealed');
    expect(frame).not.toContain(SECRETS.anthropicKey);
    expect(frame).not.toContain('API Key:');
    expect(tui.state().detail?.revealed).toBeNull();
    expectNoLeaks(tui);
  });

  it('r: a key replaced elsewhere is revealed as it is now, never the old one', async () => {
    const tui = await open();
    await openDetail(tui, 'multi');
    const replace = await runCli(['claude', 'add-api-key', 'multi', '--api-key-env', 'K'], { env: { ...t.env, K: SECRETS.anthropicKey2 } });
    expect(replace.code).toBe(0);
    await tui.press('r');
    await tui.waitFor(SECRETS.anthropicKey2);
    expect(tui.frames().some((f) => f.includes(SECRETS.anthropicKey))).toBe(false);
  });

  it('c: a key deleted elsewhere is not copied', async () => {
    const copied: string[] = [];
    const tui = await open({ deps: { copySecret: (value) => (copied.push(value), { how: 'test', clearSeconds: 45 }) } });
    await openDetail(tui, 'multi');
    await elsewhere('delete-api-key', 'multi', '-p', 'anthropic', '--force');
    await tui.press('c');
    await tui.waitFor('nothing was copied');
    expect(copied).toEqual([]);
  });

  it('u: an account deleted elsewhere is not made active', async () => {
    const tui = await open();
    await select(tui, 'multi');
    await elsewhere('delete', 'multi', '--force');
    await tui.press('u');
    await tui.waitFor("Account 'multi' not found");
    expect(meta().active).toBe('other');
    expect(existsSync(join(t.accountsRoot, 'multi'))).toBe(false);
  });

  it('D then y: what the question named changed elsewhere, so nothing is deleted and it asks again, naming what is there now', async () => {
    const tui = await open();
    await select(tui, 'multi');
    await tui.press('D');
    await tui.waitFor('Anthropic API key, Bedrock API key');
    await elsewhere('delete-api-key', 'multi', '-p', 'bedrock', '--force');
    await tui.press('y');
    const frame = await tui.waitFor('answer again');
    expect(frame.replace(/\s+/g, ' ')).toContain('changed on disk since this was asked (it now holds Anthropic API key); nothing was deleted: answer again');
    expect(frame).toContain('everything in it: Anthropic API key. This');
    expect(existsSync(join(t.accountsRoot, 'multi', '.api_keys.json'))).toBe(true);
    expect(tui.state().del?.menuIndex).toBe(0);
    await tui.press('y');
    await tui.waitFor('✓ Deleted account multi');
    expect(existsSync(join(t.accountsRoot, 'multi'))).toBe(false);
  });

  it('d then y: a key deleted elsewhere meanwhile is said to be gone, and nothing else is touched', async () => {
    const tui = await open();
    await select(tui, 'other');
    await tui.press('d');
    await tui.waitFor('Delete the anthropic API key of account other?');
    await elsewhere('delete-api-key', 'other', '-p', 'anthropic', '--force');
    await tui.press('y');
    await tui.waitFor('The anthropic API key of other is no longer on disk; nothing was deleted');
    expect(tui.state().screen).toBe('list');
  });

  it('n: a rename of an account deleted elsewhere, or to a name taken elsewhere, is refused in the prompt, whole', async () => {
    const tui = await open({ columns: 40, rows: 12 });
    await select(tui, 'multi');
    await tui.press('n');
    await tui.waitFor('Rename account multi');
    expect(tui.state().dialog).toMatchObject({ kind: 'prompt', input: 'multi' });
    await tui.press('\u0015'); // ctrl+u
    await tui.type('fresh');
    expect((await runCli(['claude', 'add-api-key', 'fresh', '--api-key-env', 'K'], { env: { ...t.env, K: SECRETS.anthropicKey } })).code).toBe(0);
    await tui.press(KEYS.enter);
    const taken = await tui.waitFor('already exists');
    for (const line of taken.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(existsSync(join(t.accountsRoot, 'multi'))).toBe(true);
    await tui.press(KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace);
    await tui.type('job');
    await elsewhere('delete', 'multi', '--force');
    await tui.press(KEYS.enter);
    await tui.waitFor("Account 'multi' not found");
    expect(existsSync(join(t.accountsRoot, 'job'))).toBe(false);
  });

  it('wizard: a Bedrock key added elsewhere after the wizard found none is not replaced unseen: nothing is saved until Enter again; the key changed elsewhere meanwhile is kept', async () => {
    const tui = await open({ rows: 40 });
    await select(tui, 'other');
    await tui.press('a');
    await tui.waitFor('Add the key to which account?');
    await choose(tui, 'other');
    await choose(tui, 'AWS Bedrock');
    await choose(tui, 'Access key and secret');
    await tui.waitFor('Bedrock model');
    await choose(tui, 'anthropic.claude-sonnet-4-6');
    await tui.waitFor('AWS region');
    await choose(tui, 'eu-west-1');
    await tui.waitFor('AWS access key ID');
    await tui.type(SECRETS.accessKeyId);
    await tui.press(KEYS.enter);
    await tui.waitFor('AWS secret access key');
    await tui.type(SECRETS.secretAccessKey);
    // Optional steps (a session token, model pins) are skipped with Enter.
    for (let i = 0; i < 6 && !tui.frame().includes('Save this key?'); i++) {
      await tui.press(KEYS.enter);
      await tui.settle(10);
    }
    await tui.waitFor('Save this key?');
    // Meanwhile, elsewhere: the account's Anthropic key is replaced, and a Bedrock key appears.
    expect((await runCli(['claude', 'add-api-key', 'other', '--api-key-env', 'K'], { env: { ...t.env, K: SECRETS.anthropicKey } })).code).toBe(0);
    await elsewhere('add-api-key', 'other', '-p', 'bedrock', '--api-key', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '-r', 'us-east-1', '--access-key', 'AKIAOTHERACCESSKEY01', '--secret-key', 'other-secret');
    const onDisk = () => readFileSync(join(t.accountsRoot, 'other', '.api_keys.json'), 'utf8');
    const before = onDisk();
    await tui.press(KEYS.enter);
    const warned = await tui.waitFor('Enter replaces it');
    expect(warned.replace(/\s+/g, ' ')).toContain('gained a bedrock key elsewhere meanwhile; nothing was saved');
    expect(warned).toContain('This replaces the bedrock key the account holds now.');
    expect(onDisk()).toBe(before);
    await tui.press(KEYS.enter);
    await tui.waitFor('✓ Replaced bedrock API key of account: other');
    const doc = JSON.parse(readFileSync(join(t.accountsRoot, 'other', '.api_keys.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(doc.anthropic?.api_key).toBe(SECRETS.anthropicKey);
    expect(doc.bedrock).toMatchObject({ access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey, region: 'eu-west-1' });
  });

  it('with the store watched: the open account renamed elsewhere leaves its page for the list, which shows the new name', async () => {
    const tui = await open();
    const unwatch = watchStore(tui.store, t.accountsRoot);
    try {
      await openDetail(tui, 'multi');
      await tui.press('r');
      await tui.waitFor(SECRETS.anthropicKey);
      await elsewhere('rename', 'multi', 'renamed');
      const frame = await tui.waitFor('is no longer on disk (deleted or renamed elsewhere)', 5000);
      expect(tui.state().screen).toBe('list');
      expect(frame).toContain('renamed');
      expect(frame).not.toContain(SECRETS.anthropicKey);
    } finally {
      unwatch();
    }
  });
});

