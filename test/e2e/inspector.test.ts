import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { quotePosix } from '../../src/domain/shell-quote.js';
import { CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { SECRETS } from '../helpers/secrets.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';

/*
 * Node's inspector would let any local user who reaches its port run code inside cuti
 * and read every credential it holds. SIGUSR1 opens it in a plain Node process; cuti
 * must not let it, nor run when a flag (NODE_OPTIONS included) has opened it already.
 * `--inspect-port=0` makes an inspector that does open listen on a free port, so a
 * failure cannot collide with anything else; Node announces it on stderr.
 */
const LISTENING = 'Debugger listening';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let t: TempHome;
beforeEach(async () => {
  t = makeTempHome();
  expect((await runCli(['claude', 'add-api-key', 'work', '-k', '-'], { env: t.env, input: SECRETS.anthropicKey })).code).toBe(0);
});
afterEach(() => t.cleanup());

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('SIGUSR1', () => {
  it('opens the inspector in a plain node process (the check below can see it)', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { env: { NODE_OPTIONS: '--inspect-port=0' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await sleep(300);
    child.kill('SIGUSR1');
    await until(() => stderr.includes(LISTENING), 'the control process to open its inspector');
    child.kill('SIGKILL');
  });

  it('to cuti claude exec: no inspector in cuti, and the signal reaches the child', async () => {
    let stdout = '';
    let stderr = '';
    const script = 'trap "echo child-got-usr1" USR1; echo ready; i=0; while [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done';
    const run = runCli(['claude', 'exec', 'work', '--', 'sh', '-c', script], {
      env: { ...t.env, NODE_OPTIONS: '--inspect-port=0' },
      onSpawn: (child) => {
        child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
        void until(() => stdout.includes('ready'), 'the child')
          .then(async () => {
            child.kill('SIGUSR1');
            await until(() => stdout.includes('child-got-usr1'), 'the forwarded signal');
            await sleep(300);
            child.kill('SIGTERM');
          })
          .catch(() => child.kill('SIGKILL'));
      },
    });
    const result = await run;
    expect(stdout).toContain('child-got-usr1');
    expect(stderr).not.toContain(LISTENING);
    expect(result.stderr).not.toContain(LISTENING);
  });

  it.skipIf(!HAS_TMUX)('to cuti claude tui: no inspector', async () => {
    const pidFile = join(t.home, 'pid');
    const errFile = join(t.home, 'stderr');
    const script = `echo $$ > ${quotePosix(pidFile)}; exec ${quotePosix(process.execPath)} ${quotePosix(CLI)} claude tui 2>${quotePosix(errFile)}`;
    const session = TmuxSession.start(script, {
      env: { ...t.env, PATH: process.env.PATH, TERM: 'xterm-256color', LANG: 'C.UTF-8', NODE_OPTIONS: '--inspect-port=0' },
    });
    try {
      await session.waitFor('work');
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      process.kill(pid, 'SIGUSR1');
      await sleep(700);
      expect(existsSync(errFile) ? readFileSync(errFile, 'utf8') : '').not.toContain(LISTENING);
      // Still running and answering keys: the signal was simply ignored.
      session.sendKeys('?');
      await session.waitFor(/help|Keys/i);
    } finally {
      session.kill();
    }
  });
});

describe('an inspector opened by a flag', () => {
  it.each([
    ['NODE_OPTIONS=--inspect=0', { NODE_OPTIONS: '--inspect=0' }, []],
    ['NODE_OPTIONS=--inspect=127.0.0.1:0 with other options', { NODE_OPTIONS: '--max-old-space-size=200 --inspect=127.0.0.1:0' }, []],
    ['node --inspect=0', {}, ['--inspect=0']],
  ] as const)('%s: cuti refuses to run, reads nothing, shows no secret', async (_label, env, nodeArgs) => {
    for (const args of [['claude', 'show-api-key', 'work'], ['claude', 'env', 'work', '--export'], ['--version']]) {
      const r = await runCli(args, { env: { ...t.env, ...env }, nodeArgs: [...nodeArgs] });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain("cuti will not run with Node's inspector open");
    }
  });

  it('an inspect port alone (nothing listening) is fine', async () => {
    const r = await runCli(['claude', 'list'], { env: { ...t.env, NODE_OPTIONS: '--inspect-port=0' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('work');
  });
});
