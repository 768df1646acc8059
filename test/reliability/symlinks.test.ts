import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, type CliResult, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';

/*
 * A planted symbolic link must not make cuti write a secret somewhere else (or read
 * one from somewhere else). The "outside" directory stands for anything the attacker
 * can read: it must be byte-for-byte unchanged after every attempt.
 */

let home: TempHome;
let outside: string;
beforeEach(() => {
  home = makeTempHome();
  outside = mkdtempSync(join(tmpdir(), 'cuti-outside-'));
  writeFileSync(join(outside, 'loot.json'), '{}');
  mkdirSync(join(outside, 'dir'));
});
afterEach(() => {
  home.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

const ACCOUNT = 'target';
const accountDir = () => join(home.accountsRoot, ACCOUNT);
const keysPath = () => join(accountDir(), '.api_keys.json');

const add = (account = ACCOUNT) => runInProcess(['claude', 'add-api-key', account, '--api-key', SECRETS.anthropicKey2], { env: home.env });
const addBedrock = () =>
  runInProcess(
    ['claude', 'add-api-key', ACCOUNT, '-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '-r', 'us-east-1',
     '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey2],
    { env: home.env },
  );
const del = () => runInProcess(['claude', 'delete-api-key', ACCOUNT, '-p', 'anthropic', '--force'], { env: home.env });
const show = () => runInProcess(['claude', 'show-api-key', ACCOUNT], { env: home.env });

function expectRefused(result: CliResult, path: string): void {
  expect(result.code, result.stderr).toBe(1);
  const errors = result.stderr.split('\n').filter((l) => l.startsWith('✗ '));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain(path);
  expect(errors[0]).toMatch(/symbolic link/);
}

async function seed(): Promise<void> {
  expect((await runInProcess(['claude', 'add-api-key', ACCOUNT, '--api-key', SECRETS.anthropicKey], { env: home.env })).code).toBe(0);
}

describe('symbolic links pointing outside the accounts root', () => {
  it('.api_keys.json -> a file outside: writes, deletes and reads are refused', async () => {
    await seed();
    rmSync(keysPath());
    symlinkSync(join(outside, 'loot.json'), keysPath());
    const before = snapshotTree(outside);
    const store = snapshotTree(home.cutiHome);
    for (const run of [add, addBedrock, del, show]) {
      expectRefused(await run(), keysPath());
      expect(snapshotTree(outside)).toEqual(before);
      expect(snapshotTree(home.cutiHome)).toEqual(store);
    }
    // The overview names the problem and carries on.
    const list = await runInProcess(['claude', 'list'], { env: home.env });
    expect(list.code).toBe(0);
    expect(list.stderr).toContain(keysPath());
  });

  it('.api_keys.json -> a path outside that does not exist yet: nothing is created there', async () => {
    await seed();
    rmSync(keysPath());
    symlinkSync(join(outside, 'dir', 'new.json'), keysPath());
    const before = snapshotTree(outside);
    expectRefused(await add(), keysPath());
    expect(snapshotTree(outside)).toEqual(before);
  });

  it('the account directory -> a directory outside: nothing is written into it', async () => {
    await seed();
    rmSync(accountDir(), { recursive: true });
    symlinkSync(join(outside, 'dir'), accountDir());
    const before = snapshotTree(outside);
    for (const run of [add, addBedrock, del, show]) {
      expectRefused(await run(), accountDir());
      expect(snapshotTree(outside)).toEqual(before);
    }
  });

  it('the account directory -> an outside directory that holds a key file: not read, not replaced', async () => {
    await seed();
    // Move the real account out and link to it: the file there is a valid key file.
    renameSync(accountDir(), join(outside, 'moved'));
    symlinkSync(join(outside, 'moved'), accountDir());
    const before = snapshotTree(outside);
    for (const run of [add, del, show]) {
      expectRefused(await run(), accountDir());
      expect(snapshotTree(outside)).toEqual(before);
    }
  });

  it('accounts.json -> a file outside: writes are refused', async () => {
    await seed();
    const meta = join(home.accountsRoot, 'accounts.json');
    rmSync(meta);
    symlinkSync(join(outside, 'loot.json'), meta);
    const before = snapshotTree(outside);
    for (const run of [() => add('another'), del]) {
      expectRefused(await run(), meta);
      expect(snapshotTree(outside)).toEqual(before);
    }
  });
});

describe('symbolic links inside the accounts root', () => {
  it(".api_keys.json -> another account's key file: cuti neither reads nor writes through it", async () => {
    await seed();
    expect((await runInProcess(['claude', 'add-api-key', 'other', '--api-key', SECRETS.anthropicKey2], { env: home.env })).code).toBe(0);
    const otherKeys = join(home.accountsRoot, 'other', '.api_keys.json');
    const otherBytes = readFileSync(otherKeys, 'utf8');
    rmSync(keysPath());
    symlinkSync(otherKeys, keysPath());
    for (const run of [add, del, show]) {
      const result = await run();
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^✗ .*symbolic link/m);
    }
    expect(readFileSync(otherKeys, 'utf8')).toBe(otherBytes);
  });

  it('a lock path planted as a link to an outside directory is not followed into it', async () => {
    await seed();
    const lock = `${keysPath()}.lock`;
    symlinkSync(join(outside, 'dir'), lock);
    // An old target so proper-lockfile considers the "lock" stale at once.
    const old = new Date(Date.now() - 3_600_000);
    const { utimesSync } = await import('node:fs');
    utimesSync(join(outside, 'dir'), old, old);
    const before = snapshotTree(outside);
    const result = await add();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^✗ /m);
    expect(snapshotTree(outside)).toEqual(before);
  });
});

describe('directories other users can write to', () => {
  it('a world-writable account directory is refused for writing, with the chmod fix', async () => {
    await seed();
    chmodSync(accountDir(), 0o777);
    const before = snapshotTree(home.cutiHome);
    const result = await add();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${accountDir()}: is writable by other users (mode 0777)`);
    expect(result.stderr).toContain(`chmod 700 ${accountDir()}`);
    expect(snapshotTree(home.cutiHome)).toEqual(before);
    chmodSync(accountDir(), 0o700);
    expect((await add()).code).toBe(0);
  });

  it('a symlinked accounts root (dotfiles setups) still works: only links inside it are refused', async () => {
    const real = join(outside, 'real-store');
    mkdirSync(real, { mode: 0o700 });
    mkdirSync(home.cutiHome, { mode: 0o700 });
    symlinkSync(real, home.accountsRoot);
    expect((await add()).code).toBe(0);
    expect(JSON.parse(readFileSync(join(real, ACCOUNT, '.api_keys.json'), 'utf8'))).toMatchObject({
      anthropic: { api_key: SECRETS.anthropicKey2 },
    });
  });
});
