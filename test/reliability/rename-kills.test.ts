import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { SECRETS } from '../helpers/secrets.js';
import { anthropicEntry, seedAccount } from '../helpers/seed-accounts.js';
import { withFileLock } from '../../src/storage/file-io.js';
import { sleep, waitUntilStopped } from './support.js';

/*
 * `rename` killed with SIGKILL at every boundary between its steps (a fault-injection
 * point kills the process right there), then run again. Whatever the moment, both cuti
 * and the original tool (original_reader.py) must see the account exactly once, with
 * its keys, and the rerun must end with the rename done. A rename stalled inside its
 * locks past their stale time must fail without moving anything.
 */

const READER = resolve(import.meta.dirname, '../fixtures/original_reader.py');
const POINTS = ['rename:after-journal', 'rename:after-entry', 'rename:after-move', 'rename:after-metadata'];

let t: TempHome;
beforeEach(() => {
  t = makeTempHome();
  seedAccount(t.accountsRoot, 'first', { apiKeys: anthropicEntry(SECRETS.anthropicKey2) });
  seedAccount(t.accountsRoot, 'work', { apiKeys: anthropicEntry(SECRETS.anthropicKey) }, { active: true });
});
afterEach(() => t.cleanup());

const cli = (args: string[], extra: NodeJS.ProcessEnv = {}, onSpawn?: (c: ChildProcess) => void) =>
  runCli(['claude', ...args], { env: { ...t.env, ...extra }, timeoutMs: 40_000, ...(onSpawn ? { onSpawn } : {}) });
const original = () => execFileSync('python3', [READER, t.cutiHome, 'list'], { encoding: 'utf8' });
const meta = () => JSON.parse(readFileSync(join(t.accountsRoot, 'accounts.json'), 'utf8')) as { accounts: Record<string, unknown>; active: string | null };
const names = (text: string) => text.split('\n').filter(Boolean).map((line) => line.split('|')[0]);

/** The account is in exactly one place, for both tools, and its key reads back there. */
async function expectExactlyOnce(): Promise<string> {
  const dirs = ['work', 'job'].filter((n) => existsSync(join(t.accountsRoot, n)));
  expect(dirs).toHaveLength(1);
  const where = dirs[0] as string;
  expect(names(original()).filter((n) => n === 'work' || n === 'job')).toEqual([where]);
  const list = await cli(['list']);
  expect(list.code).toBe(0);
  expect(list.stdout.includes('│ work') ? 'work' : list.stdout.includes('│ job') ? 'job' : null).toBe(where);
  expect(list.stdout.includes('│ work') && list.stdout.includes('│ job')).toBe(false);
  const shown = await runCli(['claude', 'show-api-key', where, '--show-secret'], { env: t.env, revealsSecrets: true });
  expect(shown.stdout).toContain(SECRETS.anthropicKey);
  return where;
}

async function expectRenamed(): Promise<void> {
  expect(existsSync(join(t.accountsRoot, 'work'))).toBe(false);
  expect(Object.keys(meta().accounts)).toEqual(['first', 'job']);
  expect(meta().active).toBe('job');
  expect(original()).toBe('first|API|2026-01-01|\njob|API|2026-01-01|Active\n');
  expect(readdirSync(t.accountsRoot).filter((n) => n.startsWith('.'))).toEqual([]);
  // A later write to the renamed account goes through (a lock the killed run left is taken over).
  expect((await cli(['add-api-key', 'job', '--api-key-env', 'K'], { K: SECRETS.anthropicKey2 })).code).toBe(0);
}

describe('rename killed at every step', () => {
  for (const point of POINTS) {
    it(`${point}: the account is in one place for both tools, and a rerun finishes the rename`, async () => {
      const killed = await cli(['rename', 'work', 'job'], { CUTI_TEST_KILL_AT: point });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      await expectExactlyOnce();
      const rerun = await cli(['rename', 'work', 'job']);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stdout).toContain('Renamed account: work → job');
      await expectRenamed();
    }, 60_000);

    it(`${point}: another rename afterwards first finishes or undoes the one left half-done`, async () => {
      await cli(['rename', 'work', 'job'], { CUTI_TEST_KILL_AT: point });
      const other = await cli(['rename', 'first', 'second']);
      expect(other.code, other.stderr).toBe(0);
      const where = await expectExactlyOnce();
      expect(Object.keys(meta().accounts).sort()).toEqual([where, 'second'].sort());
      expect(meta().active).toBe(where);
      expect(readdirSync(t.accountsRoot).filter((n) => n.startsWith('.'))).toEqual([]);
    }, 60_000);
  }
});

describe('a rename and a move between secret stores', () => {
  it('waits for a move (or a keychain write) holding the secret-store lock, so the move never sees the account half renamed', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const taken = new Promise<void>((resolve) => (locked = resolve));
    const holder = withFileLock(join(t.accountsRoot, '.secret-store.json'), async () => {
      locked();
      await held;
    });
    await taken;
    const renaming = cli(['rename', 'work', 'job']);
    await sleep(1500);
    expect(existsSync(join(t.accountsRoot, 'work'))).toBe(true);
    expect(existsSync(join(t.accountsRoot, 'job'))).toBe(false);
    release();
    await holder;
    const result = await renaming;
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(t.accountsRoot, 'job'))).toBe(true);
  }, 60_000);
});

describe('doctor and a rename left half-done', () => {
  it('reports it, and --fix finishes it (the directory had moved) or undoes it (it had not)', async () => {
    await cli(['rename', 'work', 'job'], { CUTI_TEST_KILL_AT: 'rename:after-move' });
    const report = await cli(['doctor']);
    expect(report.code).toBe(1);
    expect(report.stdout).toMatch(/A rename of account 'work' to 'job' was interrupted/);
    const fixed = await cli(['doctor', '--fix']);
    expect(fixed.stdout).toContain("Finished the interrupted rename of 'work' to 'job'");
    expect(meta().active).toBe('job');
    expect(Object.keys(meta().accounts)).toEqual(['first', 'job']);

    await cli(['rename', 'job', 'again'], { CUTI_TEST_KILL_AT: 'rename:after-entry' });
    const undone = await cli(['doctor', '--fix']);
    expect(undone.stdout).toContain("Undid the interrupted rename of 'job' to 'again'");
    expect(Object.keys(meta().accounts)).toEqual(['first', 'job']);
    expect(existsSync(join(t.accountsRoot, 'job'))).toBe(true);
    expect(readdirSync(t.accountsRoot).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 60_000);
});

describe('a rename stalled inside its locks', () => {
  it('fails and moves nothing once another writer took its locks over; that writer keeps its change', async () => {
    let stalled: ChildProcess | undefined;
    const renaming = cli(['rename', 'work', 'job'], { CUTI_FAULT_STOP_AT: 'before-commit' }, (c) => (stalled = c));
    await waitUntilStopped(stalled!);
    // Waits out the stale time of the account's key lock and of accounts.json's, then writes both.
    const add = await cli(['add-api-key', 'work', '--api-key-env', 'K'], { K: SECRETS.anthropicKey2 });
    expect(add.code, add.stderr).toBe(0);
    stalled!.kill('SIGCONT');
    const result = await renaming;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stalled while holding the lock.*nothing was written/);
    expect(existsSync(join(t.accountsRoot, 'job'))).toBe(false);
    expect(Object.keys(meta().accounts)).toEqual(['first', 'work']);
    expect(readdirSync(t.accountsRoot).filter((n) => n.startsWith('.'))).toEqual([]);
    const shown = await runCli(['claude', 'show-api-key', 'work', '--show-secret'], { env: t.env, revealsSecrets: true });
    expect(shown.stdout).toContain(SECRETS.anthropicKey2);
    // And it can be done now.
    expect((await cli(['rename', 'work', 'job'])).code).toBe(0);
  }, 60_000);
});
