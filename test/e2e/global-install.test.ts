import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterAll, expect, it } from 'vitest';

import { baseEnv } from '../helpers/cli.js';

/*
 * `npm install -g .` in a fresh clone links the clone itself as the package; its bin is
 * dist/cli.cjs, which a clone does not have until it is built (the `prepare` script).
 * The test clones this repository's committed state, installs it into a temp prefix and
 * runs the installed `cuti`. Slow (it installs the locked devDependencies to build).
 */
const REPO = resolve(import.meta.dirname, '../..');
const inGit = spawnSync('git', ['-C', REPO, 'rev-parse', 'HEAD'], { stdio: 'ignore' }).status === 0;
const work = mkdtempSync(join(tmpdir(), 'cuti-global-'));
// The install is a whole node_modules tree: removing it takes a while on a busy machine.
afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

it.skipIf(!inGit)('npm install -g . from a fresh clone installs a working cuti', () => {
  const clone = join(work, 'clone');
  const prefix = join(work, 'prefix');
  expect(spawnSync('git', ['clone', '-q', REPO, clone]).status).toBe(0);
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_prefix: prefix, npm_config_fund: 'false', npm_config_audit: 'false' };
  for (const key of Object.keys(env)) if (/^npm_(lifecycle|package)_/.test(key)) delete env[key];
  const install = spawnSync('npm', ['install', '-g', '--prefer-offline', '.'], { cwd: clone, env, encoding: 'utf8' });
  expect(install.status, install.stderr).toBe(0);
  const cuti = join(prefix, 'bin', 'cuti');
  const version = spawnSync(cuti, ['--version'], { env: baseEnv(), encoding: 'utf8' });
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  const list = spawnSync(cuti, ['claude', 'list'], { env: baseEnv({ HOME: work, CUTI_HOME: join(work, 'home') }), encoding: 'utf8' });
  expect(list.status, list.stderr).toBe(0);
  expect(list.stdout).toContain('No Claude accounts found.');
}, 300_000);
