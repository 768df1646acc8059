import { chmodSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type CliResult, type TempHome } from '../helpers/cli.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';
import { leftovers, runLimited } from './support.js';

/*
 * What cuti cannot parse it never rewrites, and a write it will refuse is refused before
 * its first byte lands: invalid UTF-8, JSON nested past any sane depth, files and stdin
 * too large to be what they claim, a store the original tool made under umask 002.
 */

let t: TempHome;
beforeEach(() => {
  t = makeTempHome();
});
afterEach(() => t.cleanup());

const keysPath = (account: string) => join(t.accountsRoot, account, '.api_keys.json');
const metaPath = () => join(t.accountsRoot, 'accounts.json');
const add = (account: string, input: string = SECRETS.anthropicKey2) => runCli(['claude', 'add-api-key', account, '-k', '-'], { env: t.env, input });
/** The whole tree, contents and modes: compared before and after a refused command. */
const tree = () => JSON.stringify(snapshotTree(t.cutiHome));

async function seed(): Promise<void> {
  const r = await add('work', SECRETS.anthropicKey);
  expect(r.code, r.stderr).toBe(0);
}

function expectRefused(r: CliResult, message: RegExp): void {
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(message);
  expect(r.stdout).not.toContain('✓');
}

describe('a key file that is not valid UTF-8', () => {
  it('is refused by name and never rewritten', async () => {
    await seed();
    const bytes = Buffer.concat([Buffer.from('{"anthropic": {"api_key": "sk-ant-api03-'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('x", "provider": "anthropic"}}')]);
    writeFileSync(keysPath('work'), bytes, { mode: 0o600 });
    const before = tree();
    for (const args of [
      ['claude', 'add-api-key', 'work', '-p', 'bedrock', '-k', 'model', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', '-'],
      ['claude', 'show-api-key', 'work'],
      ['claude', 'delete-api-key', 'work', '-p', 'anthropic', '--force'],
    ]) {
      const r = await runCli(args, { env: t.env, input: SECRETS.secretAccessKey });
      expectRefused(r, /\.api_keys\.json: not valid UTF-8 text/);
    }
    expect(readFileSync(keysPath('work'))).toEqual(bytes);
    expect(tree()).toBe(before);
    // Listing still works and names the problem.
    const list = await runCli(['claude', 'list'], { env: t.env });
    expect(list.code).toBe(0);
    expect(list.stderr + list.stdout).toContain('not valid UTF-8');
  });
});

describe('deeply nested JSON', () => {
  it('under an unknown key in accounts.json: add-api-key refuses before writing the key', async () => {
    await seed();
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const meta = JSON.parse(readFileSync(metaPath(), 'utf8')) as Record<string, unknown>;
    writeFileSync(metaPath(), JSON.stringify(meta).replace(/}$/, `, "extra": ${deep}}`), { mode: 0o600 });
    const before = tree();
    const r = await add('new-account');
    expectRefused(r, /accounts\.json: nested more than \d+ levels deep/);
    expect(r.stderr).not.toMatch(/call stack|unexpected/i);
    expect(existsSync(join(t.accountsRoot, 'new-account'))).toBe(false);
    expect(tree()).toBe(before);
  });

  it('in a key file: refused, the file kept', async () => {
    await seed();
    const text = `{"anthropic": {"api_key": "k", "x": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`;
    writeFileSync(keysPath('work'), text, { mode: 0o600 });
    const r = await add('work');
    expectRefused(r, /nested more than/);
    expect(readFileSync(keysPath('work'), 'utf8')).toBe(text);
  });

  it('brackets inside strings do not count', async () => {
    await seed();
    const meta = JSON.parse(readFileSync(metaPath(), 'utf8')) as Record<string, unknown>;
    writeFileSync(metaPath(), JSON.stringify({ ...meta, note: '[[[[{{{{\\"'.repeat(1000) }, null, 2), { mode: 0o600 });
    const r = await add('other');
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(readFileSync(metaPath(), 'utf8')) as { note: string }).note).toBe('[[[[{{{{\\"'.repeat(1000));
  });
});

describe('sizes are bounded', () => {
  it('an accounts.json larger than cuti reads is refused by name, untouched', async () => {
    await seed();
    truncateSync(metaPath(), 65 * 1024 * 1024);
    const r = await add('other');
    expectRefused(r, /accounts\.json: 65 MB is more than cuti reads/);
    expect(existsSync(join(t.accountsRoot, 'other'))).toBe(false);
  });

  it('a key read from stdin, or given, that is longer than any key', async () => {
    await seed();
    const before = tree();
    expectRefused(await add('work', 'k'.repeat(200 * 1024)), /standard input is over 128 KB/);
    const fromEnv = await runCli(['claude', 'add-api-key', 'work', '--api-key-env', 'BIG'], { env: { ...t.env, BIG: 'k'.repeat(125_000) } });
    expectRefused(fromEnv, /API key is longer than 122880 characters/);
    expect(tree()).toBe(before);
  });
});

describe('a store the original tool made under umask 002', () => {
  it('add-api-key for a new account refuses before writing anything', async () => {
    await seed();
    chmodSync(t.accountsRoot, 0o775);
    const before = tree();
    const r = await add('fresh');
    expectRefused(r, /writable by other users .* chmod 700/);
    expect(existsSync(join(t.accountsRoot, 'fresh'))).toBe(false);
    expect(tree()).toBe(before);
    const list = await runCli(['claude', 'list'], { env: t.env });
    expect(list.stdout).not.toContain('fresh');
  });

  it('delete refuses before removing the account (it could not update accounts.json after)', async () => {
    await seed();
    chmodSync(t.accountsRoot, 0o775);
    const before = tree();
    const r = await runCli(['claude', 'delete', 'work', '--force'], { env: t.env });
    expectRefused(r, /writable by other users .* chmod 700/);
    expect(existsSync(keysPath('work'))).toBe(true);
    expect(tree()).toBe(before);
  });
});

describe('delete racing add-api-key on one account', () => {
  it('ends in one of the two orders, never in ENOTEMPTY, a half-removed account or an entry without its directory', { timeout: 120_000 }, async () => {
    const rounds = 12;
    for (let i = 0; i < rounds; i++) expect((await add(`race-${i}`, SECRETS.anthropicKey)).code).toBe(0);
    const jobs = Array.from({ length: rounds }, (_, i) => [
      () => runCli(['claude', 'delete', `race-${i}`, '--force'], { env: t.env, timeoutMs: 60_000 }),
      () => runCli(['claude', 'add-api-key', `race-${i}`, '-p', 'bedrock', '-k', 'model', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', '-'], {
        env: t.env,
        input: SECRETS.secretAccessKey,
        timeoutMs: 60_000,
      }),
    ]).flat();
    const results = await runLimited(jobs, 8);
    for (const r of results) {
      expect(r.stderr).not.toMatch(/ENOTEMPTY|unexpected/i);
      expect(r.code, r.stderr).toBe(0);
    }
    const entries = (JSON.parse(readFileSync(metaPath(), 'utf8')) as { accounts: Record<string, unknown> }).accounts;
    for (let i = 0; i < rounds; i++) {
      const name = `race-${i}`;
      // accounts.json agrees with the directories: the original tool lists an account only when both hold it.
      expect(Object.hasOwn(entries, name), name).toBe(existsSync(join(t.accountsRoot, name)));
      if (!existsSync(join(t.accountsRoot, name))) continue; // delete ran last
      // add ran last: the account holds exactly its Bedrock key.
      const doc = JSON.parse(readFileSync(keysPath(name), 'utf8')) as Record<string, unknown>;
      expect(Object.keys(doc)).toEqual(['bedrock']);
    }
    expect(readdirSync(t.accountsRoot).filter((n) => n.startsWith('.deleting'))).toEqual([]);
    expect(leftovers(t.accountsRoot)).toEqual([]);
  });
});
