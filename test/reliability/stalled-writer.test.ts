import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { SECRETS } from '../helpers/secrets.js';
import { leftovers, sleep, waitUntilStopped } from './support.js';

/*
 * A writer stopped inside its lock for longer than the stale time (Ctrl-Z, a suspended
 * laptop, swap) has its lock taken over by the next writer. When it continues it must
 * fail and write nothing, not rename its old document over the newer one.
 * CUTI_FAULT_STOP_AT=before-commit makes the writer SIGSTOP itself after it has read the
 * document and written its temp file, right before the commit: the worst moment.
 */

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => home.cleanup());

const keyIn = (account: string) =>
  (JSON.parse(readFileSync(join(home.accountsRoot, account, '.api_keys.json'), 'utf8')) as { anthropic: { api_key: string } })
    .anthropic.api_key;

function add(account: string, keyVar: string, extraEnv: NodeJS.ProcessEnv = {}, onSpawn?: (c: ChildProcess) => void) {
  return runCli(['claude', 'add-api-key', account, '--api-key-env', keyVar], {
    env: { ...home.env, OLD_KEY: SECRETS.anthropicKey, NEW_KEY: SECRETS.anthropicKey2, ...extraEnv },
    timeoutMs: 40_000,
    ...(onSpawn ? { onSpawn } : {}),
  });
}

describe('a writer stalled inside its lock', () => {
  it('fails and writes nothing once another writer took the lock over; the newer key survives', async () => {
    expect((await add('work', 'OLD_KEY')).code).toBe(0);

    let stalled: ChildProcess | undefined;
    const first = add('work', 'OLD_KEY', { CUTI_FAULT_STOP_AT: 'before-commit' }, (c) => (stalled = c));
    await sleep(50);
    await waitUntilStopped(stalled!);

    // The second writer waits out the stale time (4 s), takes the lock over and writes.
    const second = await add('work', 'NEW_KEY');
    expect(second.code, second.stderr).toBe(0);
    expect(keyIn('work')).toBe(SECRETS.anthropicKey2);

    stalled!.kill('SIGCONT');
    const result = await first;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stalled while holding the lock.*nothing was written/);
    expect(result.stdout).not.toContain('✓');
    expect(keyIn('work')).toBe(SECRETS.anthropicKey2);
    // Its temp file is gone, and it did not remove the lock another process may hold.
    expect(leftovers(home.accountsRoot)).toEqual([]);
  }, 60_000);

  it('fails safe when its lock merely went stale, and a later write succeeds', async () => {
    expect((await add('work', 'OLD_KEY')).code).toBe(0);
    let stalled: ChildProcess | undefined;
    const first = add('work', 'NEW_KEY', { CUTI_FAULT_STOP_AT: 'before-commit' }, (c) => (stalled = c));
    await sleep(50);
    await waitUntilStopped(stalled!);
    await sleep(4500);
    stalled!.kill('SIGCONT');
    const result = await first;
    // Nobody wrote meanwhile, but anybody could have: it refuses rather than race a takeover.
    expect(result.code).toBe(1);
    expect(keyIn('work')).toBe(SECRETS.anthropicKey);
    expect(leftovers(home.accountsRoot)).toEqual([]);
    const retry = await add('work', 'NEW_KEY');
    expect(retry.code, retry.stderr).toBe(0);
    expect(keyIn('work')).toBe(SECRETS.anthropicKey2);
  }, 60_000);

  it('a delete stalled after removing the account: running it again removes the entry it left', async () => {
    expect((await add('work', 'OLD_KEY')).code).toBe(0);
    const del = (extraEnv: NodeJS.ProcessEnv = {}, onSpawn?: (c: ChildProcess) => void) =>
      runCli(['claude', 'delete', 'work', '--force'], { env: { ...home.env, ...extraEnv }, timeoutMs: 40_000, ...(onSpawn ? { onSpawn } : {}) });
    let stalled: ChildProcess | undefined;
    const first = del({ CUTI_FAULT_STOP_AT: 'before-commit' }, (c) => (stalled = c));
    await sleep(50);
    await waitUntilStopped(stalled!);
    await sleep(4500);
    stalled!.kill('SIGCONT');
    expect((await first).code).toBe(1);
    const entries = () => Object.keys((JSON.parse(readFileSync(join(home.accountsRoot, 'accounts.json'), 'utf8')) as { accounts: object }).accounts);
    const retry = await del();
    expect(retry.code, retry.stderr).toBe(0);
    expect(entries()).toEqual([]);
    // Now nothing is left: a third delete is "not found".
    expect((await del()).code).toBe(1);
  }, 60_000);

  it('a short stop inside the lock is harmless: the write completes', async () => {
    expect((await add('work', 'OLD_KEY')).code).toBe(0);
    let stalled: ChildProcess | undefined;
    const first = add('work', 'NEW_KEY', { CUTI_FAULT_STOP_AT: 'before-commit' }, (c) => (stalled = c));
    await sleep(50);
    await waitUntilStopped(stalled!);
    await sleep(500);
    stalled!.kill('SIGCONT');
    const result = await first;
    expect(result.code, result.stderr).toBe(0);
    expect(keyIn('work')).toBe(SECRETS.anthropicKey2);
  }, 60_000);
});
