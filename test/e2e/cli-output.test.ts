import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { baseEnv, CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { runCliInPty } from '../helpers/pty.js';

/**
 * Plain commands write stdout and stderr with fs.writeSync rather than through
 * process.stdout (see src/cli/stdio.ts). What that must not change: colour only on a
 * terminal, and a reader that goes away early is not an error.
 */
const ESC = '\u001b[';
const COLOUR_ENV = { NO_COLOR: '', TERM: 'xterm-256color' };

let home: TempHome;
beforeAll(() => {
  home = makeTempHome();
  // Enough accounts that `list` writes far more than a pipe holds (about 170 KB).
  mkdirSync(home.accountsRoot, { recursive: true, mode: 0o700 });
  for (let i = 0; i < 2000; i += 1) {
    const dir = join(home.accountsRoot, `account-${String(i).padStart(4, '0')}`);
    mkdirSync(dir, { mode: 0o700 });
    const doc = { anthropic: { api_key: `sk-ant-api03-output-test-placeholder-${i}`, provider: 'anthropic', created: '2025-10-01T00:31:34.953588' } };
    writeFileSync(join(dir, '.api_keys.json'), JSON.stringify(doc, null, 2), { mode: 0o600 });
  }
});
afterAll(() => home.cleanup());

describe('plain command output', () => {
  it('is coloured on a terminal', async () => {
    const r = await runCliInPty(['claude', 'list-api-keys', 'account-0001'], [], { env: { ...home.env, ...COLOUR_ENV } });
    expect(r.code).toBe(0);
    expect(r.output).toContain(`${ESC}32mAPI Keys for account:`);
  });

  it('is plain through a pipe, and with NO_COLOR on a terminal', async () => {
    const piped = await runCli(['claude', 'list-api-keys', 'account-0001'], { env: { ...home.env, ...COLOUR_ENV } });
    expect(piped.stdout).toContain('API Keys for account:');
    expect(piped.stdout).not.toContain(ESC);
    const noColor = await runCliInPty(['claude', 'list-api-keys', 'account-0001'], [], { env: { ...home.env, TERM: 'xterm' } });
    expect(noColor.output).toContain('API Keys for account:');
    expect(noColor.output).not.toContain(`${ESC}32m`);
  });

  it('writes everything to a file, and nothing odd to /dev/null', () => {
    const file = join(home.home, 'list.txt');
    const toFile = spawnSync('/bin/sh', ['-c', `'${process.execPath}' '${CLI}' claude list > '${file}'`], { env: baseEnv(home.env) });
    expect(toFile.status).toBe(0);
    const toNull = spawnSync(process.execPath, [CLI, 'claude', 'list'], { env: baseEnv({ ...home.env, ...COLOUR_ENV }), stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    expect(toNull.status).toBe(0);
    expect(toNull.stderr).toBe('');
    const full = spawnSync(process.execPath, [CLI, 'claude', 'list'], { env: baseEnv(home.env), encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(spawnSync('cat', [file], { encoding: 'utf8', maxBuffer: 1 << 24 }).stdout).toBe(full.stdout);
    expect(full.stdout.split('\n').filter((l) => l.includes('account-')).length).toBe(2000);
  });

  // `list` takes the fast path, `list --backups` the full parser: both must end quietly.
  it.each([[['claude', 'list']], [['claude', 'list', '--backups']], [['claude', 'list', '--json']]])(
    '%j into a reader that stops early exits 0 without an error',
    (args) => {
      const r = spawnSync(
        'bash',
        ['-c', `'${process.execPath}' '${CLI}' ${args.join(' ')} | head -c 100 > /dev/null; echo "status=\${PIPESTATUS[0]}"`],
        { env: baseEnv(home.env), encoding: 'utf8' },
      );
      expect(r.stdout.trim()).toBe('status=0');
      expect(r.stderr).toBe('');
    },
  );
});
