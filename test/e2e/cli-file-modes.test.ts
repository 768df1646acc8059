import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { baseEnv, CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { SECRETS } from '../helpers/secrets.js';

const UMASK_000 = ['--import', 'data:text/javascript,process.umask(0)'];
const mode = (path: string) => statSync(path).mode & 0o777;
const hasStrace = spawnSync('strace', ['-V']).status === 0;

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => home.cleanup());

const addBoth = async (nodeArgs: string[] = []) => {
  for (const args of [
    ['claude', 'add-api-key', 'prod', '-k', SECRETS.anthropicKey],
    ['claude', 'add-api-key', 'prod', '-k', 'm', '-p', 'bedrock', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey],
  ]) {
    const result = await runCli(args, { env: home.env, nodeArgs });
    expect(result.code).toBe(0);
  }
};

describe('file modes', () => {
  it('are 0700 for directories and 0600 for files even under umask 000', async () => {
    await addBoth(UMASK_000);
    expect(mode(home.cutiHome)).toBe(0o700);
    expect(mode(home.accountsRoot)).toBe(0o700);
    expect(mode(join(home.accountsRoot, 'prod'))).toBe(0o700);
    expect(mode(join(home.accountsRoot, 'prod', '.api_keys.json'))).toBe(0o600);
    expect(mode(join(home.accountsRoot, 'accounts.json'))).toBe(0o600);
    // Deleting one of two providers rewrites the file: still 0600.
    const del = await runCli(['claude', 'delete-api-key', 'prod', '-p', 'bedrock', '--force'], { env: home.env, nodeArgs: UMASK_000 });
    expect(del.code).toBe(0);
    expect(mode(join(home.accountsRoot, 'prod', '.api_keys.json'))).toBe(0o600);
  });

  /*
   * The system calls themselves, traced: every file is created 0600 and every directory
   * 0700 at creation (no window with umask permissions before a chmod), the key file is
   * written to a temp file, fsync'ed and renamed over the old one, never written in place,
   * and all of it happens while the lock directory exists.
   */
  it.skipIf(!hasStrace)('are set at creation, and each write is temp + fsync + rename under a lock', async () => {
    await addBoth(); // a first provider, so the traced run replaces an existing file
    const traceDir = mkdtempSync(join(tmpdir(), 'cuti-strace-'));
    try {
      const run = spawnSync(
        'strace',
        ['-ff', '-ttt', '-qq', '-s', '512', '-o', join(traceDir, 'trace'),
          '-e', 'trace=openat,open,creat,mkdir,mkdirat,rmdir,chmod,fchmod,fchmodat,rename,renameat,renameat2,fsync,fdatasync',
          process.execPath, ...UMASK_000, CLI, 'claude', 'add-api-key', 'prod', '-k', SECRETS.anthropicKey2],
        { env: baseEnv(home.env), encoding: 'utf8' },
      );
      expect(run.status).toBe(0);
      // One file per thread; merge them in time order.
      const calls = readdirSync(traceDir)
        .flatMap((f) => readFileSync(join(traceDir, f), 'utf8').split('\n').filter(Boolean).map((line) => ({ file: f, line })))
        .map(({ file, line }) => ({ thread: file, at: Number(line.split(' ')[0]), call: line.slice(line.indexOf(' ') + 1) }))
        .sort((a, b) => a.at - b.at)
        .filter(({ call }) => call.includes(home.home) || /^f(data)?sync\(/.test(call));
      const touching = calls.map((c) => c.call).filter((c) => c.includes(home.home));

      const keys = join(home.accountsRoot, 'prod', '.api_keys.json');
      for (const call of touching) {
        if (/^mkdir(at)?\(/.test(call) && !call.includes('.lock"')) expect(call).toMatch(/, 0700\) = /);
        if (/O_CREAT/.test(call)) expect(call).toMatch(/, 0600\) = /);
        if (/^(f?chmod|fchmodat)\(/.test(call)) expect(call).toMatch(/, 0600\) = 0/);
        // The real file is never opened for writing: only renamed onto.
        if (call.includes(`"${keys}"`) && /^open/.test(call)) expect(call).not.toMatch(/O_WRONLY|O_RDWR|O_TRUNC/);
      }

      const index = (pattern: RegExp) => calls.findIndex((c) => pattern.test(c.call));
      const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const tempOpen = calls.find((c) => new RegExp(`^openat\\(AT_FDCWD, "${escape(keys)}\\.\\d+", O_WRONLY\\|O_CREAT`).test(c.call));
      expect(tempOpen).toBeDefined();
      const fd = /= (\d+)$/.exec(tempOpen!.call)![1];
      const lockTaken = index(new RegExp(`^mkdir\\("${escape(keys)}\\.lock", 0\\d+\\) = 0`));
      const opened = calls.indexOf(tempOpen!);
      const synced = calls.findIndex((c, i) => i > opened && new RegExp(`^f(data)?sync\\(${fd}\\)\\s+= 0`).test(c.call));
      const renamed = index(new RegExp(`^rename(at2?)?\\(.*"${escape(keys)}\\.\\d+".*"${escape(keys)}"`));
      const lockFreed = index(new RegExp(`^rmdir\\("${escape(keys)}\\.lock"\\) = 0`));
      expect(lockTaken).toBeGreaterThanOrEqual(0);
      expect([lockTaken < opened, opened < synced, synced < renamed, renamed < lockFreed]).toEqual([true, true, true, true]);
      // The secret was written only into the temp file.
      const stored = JSON.parse(readFileSync(keys, 'utf8')) as { anthropic: { api_key: string } };
      expect(stored.anthropic.api_key).toBe(SECRETS.anthropicKey2);
    } finally {
      rmSync(traceDir, { recursive: true, force: true });
    }
  });
});
