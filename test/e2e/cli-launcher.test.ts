import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { baseEnv, CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { SECRETS } from '../helpers/secrets.js';

let home: TempHome;
beforeAll(async () => {
  home = makeTempHome();
  await runCli(['claude', 'add-api-key', 'prod', '-k', SECRETS.anthropicKey], { env: home.env });
  await runCli(['claude', 'add-api-key', 'prod', '-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey], { env: home.env });
});
afterAll(() => home.cleanup());

describe('the fast path and the parser agree', () => {
  // Each pair: a plain form the fast path takes, and a form with the same meaning that
  // goes through the full parser. Same output, same exit code.
  it.each([
    [['claude', 'list'], ['claude', 'list', '--backups']],
    [['claude', 'list-api-keys', 'prod'], ['claude', 'list-api-keys', '--', 'prod']],
    [['claude', 'show-api-key', 'prod'], ['claude', 'show-api-key', 'prod', '-p', 'anthropic']],
    [['claude', 'show-api-key', 'nobody'], ['claude', 'show-api-key', 'nobody', '--provider', 'anthropic']],
    [['claude', 'list-api-keys', 'nobody'], ['claude', 'list-api-keys', '--', 'nobody']],
    [['claude', 'show-api-key', 'a/b'], ['claude', 'show-api-key', '--', 'a/b']],
  ])('%j and %j', async (fast, parsed) => {
    const [a, b] = await Promise.all([runCli(fast, { env: home.env }), runCli(parsed, { env: home.env })]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe(b.stderr);
    expect(a.code).toBe(b.code);
  });
});

describe('the launcher and its code cache', () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'cuti-dist-'));
    cpSync(dirname(CLI), copy, { recursive: true });
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(copy, 'cli.cjs'), ...args], { env: baseEnv(home.env), encoding: 'utf8' });

  it('the build ships a cache that V8 accepts', () => {
    // The same check the launcher's Script does; a rejected cache would only be slower.
    const check = spawnSync(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'), vm = require('vm'), f = ${JSON.stringify(join(copy, 'cuti.cjs'))};
         const s = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + fs.readFileSync(f, 'utf8') + '\\n})', { filename: f, cachedData: fs.readFileSync(f + '.cache') });
         process.stdout.write(String(s.cachedDataRejected));`,
      ],
      { encoding: 'utf8' },
    );
    expect(check.stdout).toBe('false');
  });

  it.each([
    ['a corrupt cache', (file: string) => writeFileSync(file, 'not a code cache')],
    ['no cache at all', (file: string) => rmSync(file, { force: true })],
  ])('still runs every command with %s', (_label, damage) => {
    const before = run('claude', 'list');
    damage(join(copy, 'cuti.cjs.cache'));
    const after = run('claude', 'list');
    expect(after.status).toBe(0);
    expect(after.stderr).toBe('');
    expect(after.stdout).toBe(before.stdout);
    expect(run('claude', 'list', '--json').status).toBe(0);
    expect(run('--version').stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers --version without loading the CLI bundle', () => {
    rmSync(join(copy, 'cuti.cjs'), { force: true });
    const result = run('--version');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
