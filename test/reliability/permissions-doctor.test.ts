import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { findProblems, isOrphanTempName, type ScannedEntry } from '../../src/storage/fs-health.js';
import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';
import { leftovers, modeProblems, unprivileged } from './support.js';

/*
 * Permissions drift: a key file someone chmod'ed, a directory made by hand, a lock or
 * temp file a crash left behind. list/show warn like ssh does about a loose key;
 * `doctor` checks the whole tree and `doctor --fix` repairs what it safely can.
 */

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => home.cleanup());

const ACCOUNT = 'drift';
const accountDir = () => join(home.accountsRoot, ACCOUNT);
const keysPath = () => join(accountDir(), '.api_keys.json');
const metaPath = () => join(home.accountsRoot, 'accounts.json');
const cli = (args: string[]) => runInProcess(['claude', ...args], { env: home.env });

async function seed(account = ACCOUNT): Promise<void> {
  expect((await cli(['add-api-key', account, '--api-key', SECRETS.anthropicKey])).code).toBe(0);
  const bedrock = ['add-api-key', account, '-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '-r', 'us-east-1',
    '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey];
  expect((await cli(bedrock)).code).toBe(0);
}

function age(path: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
}

/** Bytes of every regular file under the store: what "never touches data" is checked against. */
function dataBytes(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(snapshotTree(home.accountsRoot))
      .filter(([path, e]) => e.type === 'file' && !/\.json\.\d+$/.test(path))
      .map(([path, e]) => [path, e.bytes ?? '']),
  );
}

describe('a key file with group/other permissions', () => {
  it.each([0o644, 0o640, 0o604, 0o666])('mode %o: list, show-api-key, list-api-keys and info warn with the exact chmod fix', async (mode) => {
    await seed();
    chmodSync(keysPath(), mode);
    const expected = `${keysPath()} is accessible by others (mode 0${mode.toString(8)}); fix with: chmod 600 ${keysPath()}`;
    for (const args of [['list'], ['show-api-key', ACCOUNT], ['show-api-key', ACCOUNT, '-p', 'bedrock'], ['list-api-keys', ACCOUNT], ['info', ACCOUNT]]) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stderr, args.join(' ')).toContain(`⚠  ${expected}`);
      // The warning is a warning: the command's own output is still there, on stdout.
      expect(result.stdout).toContain(ACCOUNT);
    }
    // Reading never "fixes" the mode behind the user's back.
    expect(lstatSync(keysPath()).mode & 0o777).toBe(mode);
  });

  it('a 0600 key file gives no warning', async () => {
    await seed();
    for (const args of [['list'], ['show-api-key', ACCOUNT], ['list-api-keys', ACCOUNT]]) {
      expect((await cli(args)).stderr).not.toContain('accessible by others');
    }
  });
});

describe('cuti claude doctor', () => {
  it('a healthy store: exit 0, nothing changed', async () => {
    await seed();
    await seed('second');
    const before = snapshotTree(home.cutiHome);
    const result = await cli(['doctor']);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/✓ \d+ entries checked, no problems/);
    expect(snapshotTree(home.cutiHome)).toEqual(before);
  });

  it('no store at all is healthy too', async () => {
    const result = await cli(['doctor']);
    expect(result.code).toBe(0);
  });

  it('finds every kind of problem, changes nothing without --fix, and exits 1', async () => {
    await seed();
    await seed('broken');
    chmodSync(keysPath(), 0o644);
    chmodSync(accountDir(), 0o755);
    chmodSync(metaPath(), 0o640);
    writeFileSync(join(home.accountsRoot, 'broken', '.api_keys.json'), '{"anthropic": ', { mode: 0o600 });
    const temp = `${keysPath()}.2973510012`;
    writeFileSync(temp, `{"anthropic": {"api_key": "${SECRETS.anthropicKey2}"`, { mode: 0o600 });
    age(temp, 5 * 60_000);
    const lock = `${metaPath()}.lock`;
    mkdirSync(lock);
    age(lock, 10 * 60_000);
    symlinkSync('/etc/hostname', join(home.accountsRoot, 'broken', '.credentials.json'));
    const before = snapshotTree(home.cutiHome);

    const result = await cli(['doctor']);
    expect(result.code).toBe(1);
    const out = result.stdout;
    expect(out).toContain(`${keysPath()} is accessible by others (mode 0644); fix with: chmod 600 ${keysPath()}`);
    expect(out).toContain(`${accountDir()} is accessible by others (mode 0755); fix with: chmod 700 ${accountDir()}`);
    expect(out).toContain(`${metaPath()} is accessible by others (mode 0640)`);
    expect(out).toContain(`${join(home.accountsRoot, 'broken', '.api_keys.json')}: not valid JSON`);
    expect(out).toContain(`${temp} is a temp file left by an interrupted write`);
    expect(out).toContain(`${lock} is a lock left by a process that died`);
    expect(out).toContain(`${join(home.accountsRoot, 'broken', '.credentials.json')} is a symbolic link`);
    expect(out).toContain('7 problem(s) found.');
    expect(out).toContain("Run 'cuti claude doctor --fix'");
    expect(snapshotTree(home.cutiHome)).toEqual(before);

    const json = await cli(['doctor', '--json']);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as { healthy: boolean; remaining: Array<{ kind: string; fixable: boolean }> };
    expect(doc.healthy).toBe(false);
    expect(doc.remaining.map((p) => p.kind).sort()).toEqual(
      ['corrupt', 'loose-mode', 'loose-mode', 'loose-mode', 'orphan-temp', 'stale-lock', 'symlink'].sort(),
    );
    expect(doc.remaining.filter((p) => p.fixable)).toHaveLength(5);
  });

  it('--fix repairs modes, stale locks and old temp files, never a data file; exit 1 while a corrupt file remains', async () => {
    await seed();
    await seed('broken');
    chmodSync(keysPath(), 0o644);
    chmodSync(accountDir(), 0o755);
    writeFileSync(join(home.accountsRoot, 'broken', '.api_keys.json'), '[]', { mode: 0o666 });
    const temp = `${keysPath()}.81234`;
    writeFileSync(temp, '{', { mode: 0o600 });
    age(temp, 5 * 60_000);
    const lock = `${keysPath()}.lock`;
    mkdirSync(lock);
    age(lock, 60_000);
    const data = dataBytes();

    const fixed = await cli(['doctor', '--fix']);
    expect(fixed.code).toBe(1);
    expect(fixed.stdout).toContain(`✓ chmod 600 ${keysPath()}`);
    expect(fixed.stdout).toContain(`✓ chmod 700 ${accountDir()}`);
    expect(fixed.stdout).toContain(`✓ removed the stale lock ${lock}`);
    expect(fixed.stdout).toContain(`✓ removed the leftover temp file ${temp}`);
    expect(fixed.stdout).toContain('1 problem(s) found.');
    expect(fixed.stdout).toMatch(/✗ .*broken\/\.api_keys\.json: unexpected structure/);
    expect(modeProblems(home.cutiHome)).toEqual([]);
    expect(leftovers(home.accountsRoot)).toEqual([]);
    // Every data file has the same bytes, including the one that does not parse.
    expect(dataBytes()).toEqual(data);

    // Once the person moves the broken file away, the store is healthy.
    const { renameSync } = await import('node:fs');
    renameSync(join(home.accountsRoot, 'broken', '.api_keys.json'), join(home.home, 'broken-keys.json'));
    expect((await cli(['doctor'])).code).toBe(0);
    // And cuti works normally on the repaired account.
    expect((await cli(['show-api-key', ACCOUNT])).stderr).toBe('');
  });

  it('a directory or a FIFO where a key file should be is reported, and left for a person', async () => {
    await seed();
    await seed('other');
    const { rmSync } = await import('node:fs');
    rmSync(keysPath());
    mkdirSync(keysPath(), { mode: 0o700 });
    const otherKeys = join(home.accountsRoot, 'other', '.api_keys.json');
    rmSync(otherKeys);
    spawnSync('mkfifo', ['-m', '600', otherKeys]);
    const result = await cli(['doctor', '--fix']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${keysPath()} should be a file but is a directory; move it away`);
    expect(result.stdout).toContain(`${otherKeys} should be a file but is a special file; move it away`);
    expect(lstatSync(keysPath()).isDirectory()).toBe(true);
    expect(lstatSync(otherKeys).isFIFO()).toBe(true);
  });

  it('--fix leaves a fresh lock (a live writer) and a fresh temp file alone', async () => {
    await seed();
    const lock = `${keysPath()}.lock`;
    mkdirSync(lock);
    const temp = `${keysPath()}.555`;
    writeFileSync(temp, '{}', { mode: 0o600 });
    const result = await cli(['doctor', '--fix']);
    expect(result.code).toBe(0);
    expect(lstatSync(lock).isDirectory()).toBe(true);
    expect(lstatSync(temp).isFile()).toBe(true);
  });

  it('--fix does not follow a symbolic link when fixing modes', async () => {
    await seed();
    const outsideFile = join(home.home, 'outside.txt');
    writeFileSync(outsideFile, 'x', { mode: 0o644 });
    symlinkSync(outsideFile, join(accountDir(), 'settings.json'));
    const result = await cli(['doctor', '--fix']);
    expect(result.code).toBe(1);
    expect(lstatSync(outsideFile).mode & 0o777).toBe(0o644);
  });

  it('as the owner (not root): an unreadable key file is reported, and --fix makes it readable again', async () => {
    await seed();
    const bytes = readFileSync(keysPath(), 'utf8');
    const asOwner = { env: home.env, ...unprivileged(home.home) };
    chmodSync(keysPath(), 0o000);
    const check = await runCli(['claude', 'doctor'], asOwner);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`${keysPath()} is not readable and writable by its owner (mode 0000); fix with: chmod 600 ${keysPath()}`);
    const fix = await runCli(['claude', 'doctor', '--fix'], asOwner);
    expect(fix.code, fix.stdout).toBe(0);
    expect(readFileSync(keysPath(), 'utf8')).toBe(bytes);
    expect((await runCli(['claude', 'show-api-key', ACCOUNT], asOwner)).code).toBe(0);
  });
});

describe('doctor rules (pure)', () => {
  const entry = (over: Partial<ScannedEntry>): ScannedEntry => ({ path: '/r/x', name: 'x', kind: 'file', mode: 0o600, ageMs: 0, ...over });

  it('recognises write-file-atomic temp names only for the files cuti writes', () => {
    expect(isOrphanTempName('.api_keys.json.123')).toBe(true);
    expect(isOrphanTempName('accounts.json.4294967295')).toBe(true);
    expect(isOrphanTempName('env.sh.77')).toBe(true);
    expect(isOrphanTempName('notes.txt.1')).toBe(false);
    expect(isOrphanTempName('.api_keys.json')).toBe(false);
    expect(isOrphanTempName('.api_keys.json.bak')).toBe(false);
  });

  it('judges age: young locks and temp files may belong to a live process', () => {
    expect(findProblems([entry({ kind: 'dir', name: 'a.json.lock', mode: 0o755, ageMs: 1000 })])).toEqual([]);
    expect(findProblems([entry({ kind: 'dir', name: 'a.json.lock', mode: 0o755, ageMs: 10_000 })]).map((p) => p.kind)).toEqual(['stale-lock']);
    expect(findProblems([entry({ name: '.api_keys.json.1', ageMs: 30_000 })])).toEqual([]);
    expect(findProblems([entry({ name: '.api_keys.json.1', ageMs: 61_000 })]).map((p) => p.kind)).toEqual(['orphan-temp']);
  });

  it('never offers a fix for a corrupt file or a link', () => {
    const problems = findProblems([
      entry({ parseProblem: '/r/x: not valid JSON' }),
      entry({ kind: 'symlink', mode: 0o777 }),
    ]);
    expect(problems.map((p) => [p.kind, p.fix])).toEqual([
      ['corrupt', null],
      ['symlink', null],
    ]);
  });
});
