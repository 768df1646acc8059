import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type CliResult, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';
import { isRoot, unprivileged } from './support.js';

/*
 * Files cuti finds damaged, of the wrong kind, or out of reach. Each must give one clear
 * error naming the path, exit 1, and leave every byte on disk as it was: a file cuti
 * cannot read is never "repaired" by overwriting it with an empty document.
 */

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => {
  // An immutable directory would survive the cleanup.
  spawnSync('chattr', ['-R', '-i', home.home], { stdio: 'ignore' });
  home.cleanup();
});

const ACCOUNT = 'victim';
const keysPath = () => join(home.accountsRoot, ACCOUNT, '.api_keys.json');
const metaPath = () => join(home.accountsRoot, 'accounts.json');

async function seedHealthyAccount(): Promise<void> {
  const added = await runInProcess(['claude', 'add-api-key', ACCOUNT, '--api-key', SECRETS.anthropicKey], { env: home.env });
  expect(added.code, added.stderr).toBe(0);
}

const addAnthropic = ['claude', 'add-api-key', ACCOUNT, '--api-key', SECRETS.anthropicKey2];
const addBedrock = [
  'claude', 'add-api-key', ACCOUNT, '-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0',
  '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey2,
];
const deleteKey = ['claude', 'delete-api-key', ACCOUNT, '-p', 'anthropic', '--force'];
const showKey = ['claude', 'show-api-key', ACCOUNT];
const listKeys = ['claude', 'list-api-keys', ACCOUNT];

/** One clear `✗` line naming the path, exit 1. */
function expectClearError(result: CliResult, path: string): void {
  expect(result.code, result.stdout + result.stderr).toBe(1);
  const errors = result.stderr.split('\n').filter((l) => l.startsWith('✗ '));
  expect(errors, result.stderr).toHaveLength(1);
  expect(errors[0]).toContain(path);
}

const damagedKeys: Array<[string, (path: string) => void]> = [
  // Truncated mid-secret: the error must not quote the fragment.
  ['truncated JSON', (p) => writeFileSync(p, `{\n  "anthropic": {\n    "api_key": "${SECRETS.anthropicKey}`, { mode: 0o600 })],
  ['an empty file', (p) => writeFileSync(p, '', { mode: 0o600 })],
  ['a JSON array', (p) => writeFileSync(p, `["${SECRETS.anthropicKey}"]`, { mode: 0o600 })],
  ['a JSON string', (p) => writeFileSync(p, '"just text"', { mode: 0o600 })],
  ['null', (p) => writeFileSync(p, 'null', { mode: 0o600 })],
  ['wrong field types', (p) => writeFileSync(p, '{"anthropic": {"api_key": 42, "created": []}}', { mode: 0o600 })],
  ['a provider entry that is a string', (p) => writeFileSync(p, `{"anthropic": "${SECRETS.anthropicKey}"}`, { mode: 0o600 })],
  ['a directory', (p) => mkdirSync(p)],
  // A named pipe would block a plain open() for ever.
  ['a FIFO', (p) => spawnSync('mkfifo', ['-m', '600', p])],
];

describe('a damaged .api_keys.json', () => {
  it.each(damagedKeys)('%s: every command that needs it fails clearly and changes nothing', async (_what, damage) => {
    await seedHealthyAccount();
    chmodSync(keysPath(), 0o600);
    // Replace the healthy file with the damaged one.
    spawnSync('rm', ['-rf', keysPath()]);
    damage(keysPath());
    const before = snapshotTree(home.cutiHome);

    for (const args of [addAnthropic, addBedrock, deleteKey, showKey, listKeys]) {
      const result = await runInProcess(args, { env: home.env });
      expectClearError(result, keysPath());
      expect(snapshotTree(home.cutiHome), args.join(' ')).toEqual(before);
    }
    // Overviews still work, and name the broken file.
    for (const args of [['claude', 'list'], ['claude', 'info', ACCOUNT]]) {
      const result = await runInProcess(args, { env: home.env });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(keysPath());
    }
    expect(snapshotTree(home.cutiHome)).toEqual(before);
  });
});

const damagedMeta: Array<[string, (path: string) => void]> = [
  ['truncated JSON', (p) => writeFileSync(p, '{"accounts": {"victim": {"created": "2025', { mode: 0o600 })],
  ['an empty file', (p) => writeFileSync(p, '', { mode: 0o600 })],
  ['a JSON array', (p) => writeFileSync(p, '[]', { mode: 0o600 })],
  ['wrong field types', (p) => writeFileSync(p, '{"accounts": [], "active": 5}', { mode: 0o600 })],
  ['a directory', (p) => mkdirSync(p)],
  ['a FIFO', (p) => spawnSync('mkfifo', ['-m', '600', p])],
];

describe('a damaged accounts.json', () => {
  it.each(damagedMeta)('%s: writes and the overview fail clearly and change nothing', async (_what, damage) => {
    await seedHealthyAccount();
    spawnSync('rm', ['-rf', metaPath()]);
    damage(metaPath());
    const before = snapshotTree(home.cutiHome);
    for (const args of [
      addAnthropic,
      addBedrock,
      deleteKey,
      ['claude', 'add-api-key', 'fresh-account', '--api-key', SECRETS.anthropicKey2],
      ['claude', 'list'],
    ]) {
      const result = await runInProcess(args, { env: home.env });
      expectClearError(result, metaPath());
      expect(snapshotTree(home.cutiHome), args.join(' ')).toEqual(before);
    }
  });
});

describe('an account entry that is a number (one odd entry, not a damaged file)', () => {
  it('the store stays readable; a write that would replace the entry fails and changes nothing', async () => {
    await seedHealthyAccount();
    writeFileSync(metaPath(), '{"accounts": {"victim": 1}, "active": null}', { mode: 0o600 });
    const before = snapshotTree(home.cutiHome);
    for (const args of [addAnthropic, addBedrock]) {
      const result = await runInProcess(args, { env: home.env });
      expectClearError(result, 'accounts.json');
      expect(snapshotTree(home.cutiHome), args.join(' ')).toEqual(before);
    }
    // Issue 16: reading is tolerant; the odd entry is a warning on its account.
    const list = await runInProcess(['claude', 'list'], { env: home.env });
    expect(list.code).toBe(0);
    expect(list.stderr).toContain("the entry for account 'victim' is not an object");
    // Another account's write keeps the odd entry as it was.
    expect((await runInProcess(['claude', 'add-api-key', 'fresh-account', '--api-key', SECRETS.anthropicKey2], { env: home.env })).code).toBe(0);
    expect((JSON.parse(readFileSync(metaPath(), 'utf8')) as { accounts: Record<string, unknown> }).accounts.victim).toBe(1);
  });
});

describe('files out of reach (cuti runs unprivileged, so modes apply)', () => {
  /** Options for runCli that run cuti as a user the file modes apply to. */
  const asOwner = () => ({ env: home.env, ...unprivileged(home.home) });

  it('an unreadable .api_keys.json (mode 000) is reported, not replaced', async () => {
    await seedHealthyAccount();
    const owner = asOwner();
    // Snapshots read every file, so they are taken with the file readable.
    const before = snapshotTree(home.cutiHome);
    for (const args of [addAnthropic, addBedrock, deleteKey, showKey, listKeys]) {
      chmodSync(keysPath(), 0o000);
      const result = await runCli(args, owner);
      expectClearError(result, keysPath());
      expect(result.stderr).toContain('permission denied');
      chmodSync(keysPath(), 0o600);
      expect(snapshotTree(home.cutiHome), args.join(' ')).toEqual(before);
    }
  });

  it('an unreadable accounts.json (mode 000) is reported, not replaced', async () => {
    await seedHealthyAccount();
    const owner = asOwner();
    const before = snapshotTree(home.cutiHome);
    for (const args of [addAnthropic, ['claude', 'list']]) {
      chmodSync(metaPath(), 0o000);
      const result = await runCli(args, owner);
      expectClearError(result, metaPath());
      chmodSync(metaPath(), 0o600);
      expect(snapshotTree(home.cutiHome)).toEqual(before);
    }
  });

  it('a read-only store: adding fails clearly, nothing changes', async () => {
    await seedHealthyAccount();
    const owner = asOwner();
    chmodSync(join(home.accountsRoot, ACCOUNT), 0o500);
    chmodSync(home.accountsRoot, 0o500);
    const before = snapshotTree(home.cutiHome);
    for (const [args, path] of [
      [addAnthropic, join(home.accountsRoot, ACCOUNT, '.api_keys.json')],
      [['claude', 'add-api-key', 'new-account', '--api-key', SECRETS.anthropicKey2], join(home.accountsRoot, 'new-account')],
      [deleteKey, join(home.accountsRoot, ACCOUNT, '.api_keys.json')],
    ] as const) {
      // A lock that cannot be created for lack of permission is not retried: the
      // benchmark's lock waits measure that the refusal comes at once.
      const result = await runCli([...args], owner);
      expectClearError(result, path);
      expect(result.stderr).toContain('permission denied');
      expect(snapshotTree(home.cutiHome), args.join(' ')).toEqual(before);
    }
    // Reading still works.
    expect((await runCli(showKey, owner)).code).toBe(0);
  });

  it('a read-only home with no store yet: the first add fails clearly', async () => {
    const owner = asOwner();
    chmodSync(home.home, 0o500);
    const result = await runCli(addAnthropic, owner);
    expectClearError(result, home.cutiHome);
    expect(snapshotTree(home.home)).toEqual({ '': expect.objectContaining({ type: 'dir' }) as unknown });
  });
});

const chattrWorks = isRoot && spawnSync('chattr', ['--help'], { stdio: 'ignore' }).error === undefined;

describe.skipIf(!chattrWorks)('an immutable store (chattr +i stops even root)', () => {
  it('adding and deleting fail clearly and change nothing', async () => {
    await seedHealthyAccount();
    const dir = join(home.accountsRoot, ACCOUNT);
    const lock = spawnSync('chattr', ['+i', dir, home.accountsRoot]);
    if (lock.status !== 0) return; // file system without immutable files (e.g. tmpfs)
    const before = snapshotTree(home.cutiHome);
    for (const args of [addAnthropic, deleteKey]) {
      const result = await runInProcess(args, { env: home.env });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^✗ .*(operation not permitted|permission denied)/m);
      expect(result.stderr).toContain(home.accountsRoot);
      expect(snapshotTree(home.cutiHome)).toEqual(before);
    }
  });
});
