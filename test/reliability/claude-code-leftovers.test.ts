import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { runInProcess, runInTerminal } from '../helpers/in-process.js';
import { SECRETS } from '../helpers/secrets.js';

/*
 * What killed runs and many swaps leave on Claude Code's side: temp files of
 * interrupted writes beside its files (they may hold tokens), its lock directories
 * (Claude Code waits a minute on a dead one), and cuti's backups of its files (copies
 * of tokens). `doctor` reports them, `doctor --fix` repairs them, and `delete` offers
 * to remove an account's backups.
 */

let t: TempHome;
let cfg: string;
let env: NodeJS.ProcessEnv;
// In-process, except a run that is to be killed at a fault point (CUTI_TEST_KILL_AT): that one is a real process.
const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
  (extra.CUTI_TEST_KILL_AT === undefined ? runInProcess : runCli)(['claude', ...args], { env: { ...env, ...extra } });
const backupRoot = () => join(t.cutiHome, 'backups', 'claude-code');

const creds = (tag: string) =>
  JSON.stringify({ claudeAiOauth: { accessToken: `${SECRETS.oauthAccessToken}-${tag}`, refreshToken: `${SECRETS.oauthRefreshToken}-${tag}`, expiresAt: 1_900_000_000_000 } });
const config = (id: string) => JSON.stringify({ oauthAccount: { accountUuid: id } });

function age(path: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
}

async function twoLogins(): Promise<void> {
  mkdirSync(cfg, { recursive: true });
  for (const id of ['b', 'a']) {
    writeFileSync(join(cfg, '.credentials.json'), creds(id), { mode: 0o600 });
    writeFileSync(join(cfg, '.claude.json'), config(`uuid-${id}`));
    expect((await cli(['save', id.toUpperCase()])).code).toBe(0);
  }
}

beforeEach(() => {
  t = makeTempHome();
  cfg = join(t.home, 'cc');
  env = { ...t.env, CLAUDE_CONFIG_DIR: cfg };
});
afterEach(() => t.cleanup());

describe('doctor on Claude Code’s side', () => {
  it('reports temp files beside Claude Code’s files and removes the old ones with --fix', async () => {
    mkdirSync(cfg, { recursive: true });
    const old = join(cfg, '.credentials.json.4242');
    const young = join(cfg, '.claude.json.77');
    writeFileSync(old, creds('x'), { mode: 0o644 });
    age(old, 5 * 60_000);
    writeFileSync(young, '{');
    const r = await cli(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${old} is a temp file left by an interrupted write (5 min old, readable by others (mode 0644)); it may hold tokens`);
    expect(r.stdout).toContain(`${young} is a temp file`);
    const fixed = await cli(['doctor', '--fix']);
    expect(fixed.stdout).toContain(`removed the leftover temp file ${old}`);
    expect(existsSync(old)).toBe(false);
    // A write that may be in progress is never removed.
    expect(existsSync(young)).toBe(true);
    age(young, 5 * 60_000);
    expect((await cli(['doctor', '--fix'])).code).toBe(0);
    expect(existsSync(young)).toBe(false);
  });

  it('takes back the Claude Code locks a killed cuti left, at once; others only once stale', async () => {
    await twoLogins();
    expect((await cli(['use', 'B'], { CUTI_TEST_KILL_AT: 'use:after-journal' })).signal).toBe('SIGKILL');
    const locks = [join(cfg, '.oauth_refresh.lock'), `${cfg}.lock`, join(cfg, '.claude.json.lock')];
    for (const lock of locks) expect(existsSync(lock)).toBe(true);
    const r = await cli(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${locks[0]} is a Claude Code lock left by a cuti that was killed`);
    expect(r.stdout).toContain('was interrupted');
    const fixed = await cli(['doctor', '--fix']);
    expect(fixed.code, fixed.stdout).toBe(0);
    for (const lock of locks) expect(existsSync(lock)).toBe(false);

    // A lock Claude Code holds (fresh) is left alone; a dead one (older than its stale time) goes.
    mkdirSync(locks[0] ?? '');
    expect((await cli(['doctor'])).code).toBe(0);
    age(locks[0] ?? '', 2 * 60_000);
    const stale = await cli(['doctor', '--fix']);
    expect(stale.stdout).toContain(`removed the stale lock ${locks[0]}`);
    expect(existsSync(locks[0] ?? '')).toBe(false);
  });

  it('checks the backups: modes, age and count; --fix tightens, and prunes what is past keeping', async () => {
    await twoLogins();
    for (let i = 0; i < 3; i++) for (const name of ['B', 'A']) expect((await cli(['use', name])).code).toBe(0);
    const dirs = readdirSync(backupRoot()).sort();
    expect(dirs.length).toBe(6);
    const [oldest, second] = dirs.map((d) => join(backupRoot(), d));
    chmodSync(join(second ?? '', '.credentials.json'), 0o644);
    chmodSync(backupRoot(), 0o755);
    age(oldest ?? '', 40 * 86_400_000);
    // More than cuti keeps (as a copy made by hand, or by an older cuti).
    for (let i = 0; i < 20; i++) mkdirSync(join(backupRoot(), `2000-01-01T00-00-${String(i).padStart(2, '0')}`), { mode: 0o700 });
    const r = await cli(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${join(second ?? '', '.credentials.json')} holds copies of Claude Code tokens and is accessible by others (mode 0644)`);
    expect(r.stdout).toContain(`${backupRoot()} holds copies of Claude Code tokens and is accessible by others (mode 0755)`);
    expect(r.stdout).toMatch(/is one of 26 backups of Claude Code's files, more than the 20 cuti keeps/);
    expect(r.stdout).toContain(`${oldest} is a backup of Claude Code's files 40 days old`);
    const fixed = await cli(['doctor', '--fix']);
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(readdirSync(backupRoot()).length).toBeLessThanOrEqual(20);
    expect(existsSync(oldest ?? '')).toBe(false);
    expect(statSync(backupRoot()).mode & 0o777).toBe(0o700);
    expect(statSync(join(second ?? '', '.credentials.json')).mode & 0o777).toBe(0o600);
  });
});

describe('delete offers to remove the account’s backups', () => {
  it('asks on a terminal; --with-backups removes them; --force alone keeps them and says where', async () => {
    await twoLogins();
    for (const name of ['B', 'A', 'B']) expect((await cli(['use', name])).code).toBe(0);
    // Backups of A's login: made when A was replaced (twice).
    const count = () => readdirSync(backupRoot()).length;
    expect(count()).toBe(3);
    const asked = await runInTerminal(
      ['claude', 'delete', 'A'],
      [
        { expect: 'Are you sure? [y/N]: ', send: 'y\r' },
        { expect: 'Also remove 2 backup(s) of Claude Code files that hold its login (copies of its tokens)? [y/N]: ', send: 'y\r' },
      ],
      { env },
    );
    expect(asked.code).toBe(0);
    expect(asked.output).toContain('Removed 2 backup(s) of its Claude Code login');
    expect(count()).toBe(1);
    // B: one backup (made when B was first replaced by A).
    const kept = await cli(['delete', 'B', '--force']);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain(`1 backup(s) of its Claude Code login are kept in ${backupRoot()}`);
    expect(count()).toBe(1);
  });

  it('--with-backups removes them without asking', async () => {
    await twoLogins();
    for (const name of ['B', 'A']) expect((await cli(['use', name])).code).toBe(0);
    const r = await cli(['delete', 'B', '--force', '--with-backups']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Removed 1 backup(s) of its Claude Code login');
    expect(readdirSync(backupRoot()).length).toBe(1);
  });
});
