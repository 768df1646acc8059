import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { snapshotTree, withoutDirTimes } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';
import { anthropicEntry, bedrockEntry, seedAccount } from '../helpers/seed-accounts.js';

/*
 * `cuti claude rename <account> <new-name>`: the directory, the accounts.json entry and
 * the active mark move together, so cuti and the original tool (modelled by
 * original_reader.py) both read the account under its new name, and nothing else.
 */

const THIRD_KEY = 'sk-ant-api03-FAKEthirdANTHROPICkey5555555555-lmnopqRST';
const READER = resolve(import.meta.dirname, '../fixtures/original_reader.py');

let t: TempHome;
beforeEach(() => {
  t = makeTempHome();
  seedAccount(t.accountsRoot, 'first', { apiKeys: anthropicEntry(SECRETS.anthropicKey2) });
  seedAccount(t.accountsRoot, 'work', { apiKeys: { ...anthropicEntry(SECRETS.anthropicKey), ...bedrockEntry({ access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey }) } }, { active: true });
  seedAccount(t.accountsRoot, 'last', { apiKeys: anthropicEntry(THIRD_KEY) });
});
afterEach(() => t.cleanup());

const cli = (...args: string[]) => runCli(['claude', ...args], { env: t.env });
const meta = () => JSON.parse(readFileSync(join(t.accountsRoot, 'accounts.json'), 'utf8')) as { accounts: Record<string, Record<string, string>>; active: string | null };
const original = (...args: string[]) => execFileSync('python3', [READER, t.cutiHome, ...args], { encoding: 'utf8' });

describe('cuti claude rename', () => {
  it('moves the directory, the entry (in its place) and the active mark; both tools read the new name', async () => {
    const before = meta();
    const result = await cli('rename', 'work', 'job');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Renamed account: work → job');
    expect(result.stdout).toContain('still the active account');

    expect(existsSync(join(t.accountsRoot, 'work'))).toBe(false);
    const after = meta();
    expect(Object.keys(after.accounts)).toEqual(['first', 'job', 'last']);
    expect(after.accounts.job).toEqual(before.accounts.work);
    expect(after.active).toBe('job');
    // No journal, lock or temp file left behind.
    expect(execFileSync('ls', ['-A', t.accountsRoot], { encoding: 'utf8' }).split('\n').filter(Boolean).sort()).toEqual(['accounts.json', 'first', 'job', 'last']);
    expect(execFileSync('ls', ['-A', join(t.accountsRoot, 'job')], { encoding: 'utf8' }).trim()).toBe('.api_keys.json');

    expect(original('list')).toBe('first|API|2026-01-01|\njob|API|2026-01-01|Active\nlast|API|2026-01-01|\n');
    expect(original('list-api-keys', 'job')).toContain('* bedrock');
    const list = await cli('list');
    expect(list.stdout).toMatch(/job .*Active/);
    expect(list.stdout).not.toMatch(/\bwork\b/);
    const shown = await runCli(['claude', 'show-api-key', 'job', '--show-secret'], { env: t.env, revealsSecrets: true });
    expect(shown.stdout).toContain(SECRETS.anthropicKey);
  });

  it('renames an account that is not active without touching the active mark', async () => {
    expect((await cli('rename', 'last', 'later')).code).toBe(0);
    expect(meta().active).toBe('work');
    expect(Object.keys(meta().accounts)).toEqual(['first', 'work', 'later']);
  });

  it('renames an account the original tool made with a name cuti would not create, to a valid one', async () => {
    seedAccount(t.accountsRoot, 'old..name ', { apiKeys: anthropicEntry(THIRD_KEY) });
    const result = await cli('rename', 'old..name ', 'tidy');
    expect(result.code, result.stderr).toBe(0);
    expect(original('list')).toContain('tidy|API');
  });

  it('takes names in other scripts and with shell characters as they are, and prints them inert', async () => {
    for (const [from, to] of [['last', '本番-🔑'], ['本番-🔑', '$(touch pwned)`id`'], ['$(touch pwned)`id`', 'plain']] as const) {
      const result = await cli('rename', from, to);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Renamed account: ${from} → ${to}`);
    }
    expect(existsSync(join(t.accountsRoot, 'plain', '.api_keys.json'))).toBe(true);
    expect(existsSync('pwned')).toBe(false);
    expect(original('list')).toContain('plain|API');
  });

  const refusals: Array<[string, string[], RegExp]> = [
    ['the new name exists', ['work', 'first'], /Account 'first' already exists/],
    ['the account does not exist', ['nobody', 'x'], /Account 'nobody' not found/],
    ['the new name is a path', ['work', '../escape'], /cannot contain '\/'/],
    ['the new name starts with a dot', ['work', '.hidden'], /cannot start with '\.'/],
    ['the new name has control characters', ['work', 'a\x1b[31mb'], /control characters/],
    ['the new name is cuti\'s own', ['work', 'accounts.json'], /reserved/],
    ['the new name has a trailing space', ['work', 'job '], /whitespace/],
    ['the new name looks like another account', ['work', 'ＦＩＲＳＴ'], /looks the same as the existing account/],
    ['the new name is the old one', ['work', 'work'], /already has that name/],
    ['a key was typed as the new name', ['work', SECRETS.anthropicKey], /looks like an API key/],
    ['a bidi override hides in the new name', ['work', 'a\u202eb'], /control characters|invisible/],
  ];
  for (const [why, args, message] of refusals) {
    it(`refuses, in one line and changing nothing, when ${why}`, async () => {
      const before = withoutDirTimes(snapshotTree(t.cutiHome));
      const result = await cli('rename', ...args);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trim().split('\n');
      expect(lines[0]).toMatch(message);
      expect(result.stderr).not.toContain(SECRETS.anthropicKey);
      expect(result.stderr).not.toContain('\x1b[31m');
      expect(withoutDirTimes(snapshotTree(t.cutiHome))).toEqual(before);
    });
  }

  it('refuses a corrupt accounts.json by name, changing nothing', async () => {
    writeFileSync(join(t.accountsRoot, 'accounts.json'), '{"accounts": ', { mode: 0o600 });
    const before = withoutDirTimes(snapshotTree(t.cutiHome));
    const result = await cli('rename', 'work', 'job');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/accounts\.json.*not valid JSON/);
    expect(withoutDirTimes(snapshotTree(t.cutiHome))).toEqual(before);
  });

  it('without a second argument, says what is missing (usage, exit 2)', async () => {
    const result = await cli('rename', 'work');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing required argument 'new-name'/);
  });

  it('is in help and completes account names for its first argument', async () => {
    const help = await cli('rename', '--help');
    expect(help.stdout).toMatch(/Usage: cuti claude rename \[options\] <account> <new-name>/);
    const script = (await runCli(['completion', 'bash'], { env: t.env })).stdout;
    expect(script).toMatch(/\|rename\|?|rename\|/);
    expect(script).toMatch(/case "\$sub" in\n\s+[^)]*\brename\b[^)]*\)/);
  });
});

describe('an account in use elsewhere', () => {
  it('is not renamed while a process runs with CLAUDE_CONFIG_DIR in it (an exec, or a shell set up by env)', async () => {
    const dir = join(t.accountsRoot, 'work', 'claude-code');
    mkdirSync(dir, { mode: 0o700 });
    const sleeper = spawn('sleep', ['30'], { env: { PATH: process.env.PATH, CLAUDE_CONFIG_DIR: dir }, stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 100));
      const before = withoutDirTimes(snapshotTree(t.cutiHome));
      const result = await cli('rename', 'work', 'job');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`in use by a running process \\(pid ${sleeper.pid}, sleep\\)`));
      expect(withoutDirTimes(snapshotTree(t.cutiHome))).toEqual(before);
    } finally {
      sleeper.kill('SIGKILL');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect((await cli('rename', 'work', 'job')).code).toBe(0);
  });

  it('is not renamed while its exec runs (the same home)', async () => {
    const exec = spawn('sleep', ['30'], { env: { PATH: process.env.PATH, ...t.env, CUTI_EXEC_ACCOUNT: 'work' }, stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 100));
      const result = await cli('rename', 'work', 'job');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`in use by a running process \\(pid ${exec.pid}, sleep\\)`));
    } finally {
      exec.kill('SIGKILL');
    }
  });

  it('is not renamed from inside its own exec, or from a shell whose CLAUDE_CONFIG_DIR points into it', async () => {
    const inExec = await runCli(['claude', 'rename', 'work', 'job'], { env: { ...t.env, CUTI_EXEC_ACCOUNT: 'work' } });
    expect(inExec.code).toBe(1);
    expect(inExec.stderr).toMatch(/in use in this shell/);
    const inShell = await runCli(['claude', 'rename', 'work', 'job'], { env: { ...t.env, CLAUDE_CONFIG_DIR: join(t.accountsRoot, 'work', 'claude-code') } });
    expect(inShell.code).toBe(1);
    expect(existsSync(join(t.accountsRoot, 'work'))).toBe(true);
    // Another account's exec does not stop it, nor a running exec of a 'work' in another home.
    const elsewhere = spawn('sleep', ['30'], { env: { PATH: process.env.PATH, HOME: '/nonexistent', CUTI_EXEC_ACCOUNT: 'work' }, stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 100));
      const other = await runCli(['claude', 'rename', 'work', 'job'], { env: { ...t.env, CUTI_EXEC_ACCOUNT: 'first' } });
      expect(other.code, other.stderr).toBe(0);
    } finally {
      elsewhere.kill('SIGKILL');
    }
  });

  it("moves a login account's own Claude Code directory with it, and says what to redo", async () => {
    const dir = join(t.accountsRoot, 'work', 'claude-code');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'settings.json'), '{}\n', { mode: 0o600 });
    const result = await cli('rename', 'work', 'job');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(join(t.accountsRoot, 'job', 'claude-code'));
    expect(result.stdout).toContain(`eval "$(cuti claude env job)"`);
    expect(readFileSync(join(t.accountsRoot, 'job', 'claude-code', 'settings.json'), 'utf8')).toBe('{}\n');
    // env for the new name points Claude Code at the moved directory.
    const env = await runCli(['claude', 'env', 'job', '--provider', 'oauth'], { env: t.env, revealsSecrets: true });
    expect(env.stdout).toContain(join(t.accountsRoot, 'job', 'claude-code'));
  });

  it('waits for a pending Claude Code login switch to be finished first', async () => {
    writeFileSync(join(t.cutiHome, 'claude-code-swap.json'), JSON.stringify({ version: 1, operation: 'use', account: 'work', files: [] }), { mode: 0o600 });
    const result = await cli('rename', 'work', 'job');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/interrupted Claude Code login switch is pending/);
    expect(existsSync(join(t.accountsRoot, 'work'))).toBe(true);
  });
});
