import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { leftovers, sleep, waitUntilStopped } from './support.js';

/*
 * `save` writes a login into an account's directory under the `.credentials.json` lock;
 * `delete` moves the directory away. Delete takes every lock a writer into the directory
 * takes, so it waits for a save in progress instead of moving the directory from under it.
 */

let home: TempHome;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = makeTempHome();
  const config = join(home.home, 'claude-config');
  mkdirSync(config, { recursive: true });
  const login = { claudeAiOauth: { accessToken: 'sk-ant-oat01-test-token', refreshToken: 'sk-ant-ort01-test-refresh', expiresAt: 4102444800000, scopes: ['user:inference'], subscriptionType: 'max' } };
  writeFileSync(join(config, '.credentials.json'), JSON.stringify(login, null, 2), { mode: 0o600 });
  env = { ...home.env, CLAUDE_CONFIG_DIR: config };
});
afterEach(() => home.cleanup());

it('delete waits for a save stopped inside its lock, then removes the whole account', async () => {
  expect((await runCli(['claude', 'save', 'work'], { env })).code).toBe(0);

  let saving: ChildProcess | undefined;
  const save = runCli(['claude', 'save', 'work', '--force'], { env: { ...env, CUTI_FAULT_STOP_AT: 'login-snapshot:locked' }, timeoutMs: 40_000, onSpawn: (c) => (saving = c) });
  await sleep(50);
  await waitUntilStopped(saving!);

  let deleting: ChildProcess | undefined;
  const del = runCli(['claude', 'delete', 'work', '--force'], { env, timeoutMs: 40_000, onSpawn: (c) => (deleting = c) });
  // Well inside the stale time (4 s): the save's lock is fresh, so the delete must wait.
  await sleep(1500);
  expect(deleting!.exitCode, 'delete finished while a save held the login lock').toBeNull();
  expect(existsSync(join(home.accountsRoot, 'work', '.credentials.json'))).toBe(true);

  saving!.kill('SIGCONT');
  const [saved, deleted] = await Promise.all([save, del]);
  expect(saved.code, saved.stderr).toBe(0);
  expect(deleted.code, deleted.stderr).toBe(0);
  expect(existsSync(join(home.accountsRoot, 'work'))).toBe(false);
  expect(leftovers(home.accountsRoot)).toEqual([]);
  const list = await runCli(['claude', 'list'], { env });
  expect(list.stdout).not.toContain('work');
  const meta = JSON.parse(readFileSync(join(home.accountsRoot, 'accounts.json'), 'utf8')) as { accounts: Record<string, unknown> };
  expect(Object.keys(meta.accounts)).not.toContain('work');
}, 60_000);
