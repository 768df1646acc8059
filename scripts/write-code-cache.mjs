#!/usr/bin/env node
// Writes dist/cuti.cjs.cache, the V8 code cache the launcher loads the CLI bundle with
// (see src/launcher/load-bundle.ts). It is produced by a real run of `cuti claude list` in a
// throw-away home, so it also holds the functions such a run compiles. A cache that does
// not fit the Node that runs cuti is rejected by V8, which then just compiles the bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '../dist');
const cacheFile = join(dist, 'cuti.cjs.cache');
const home = mkdtempSync(join(tmpdir(), 'cuti-code-cache-'));
try {
  rmSync(cacheFile, { force: true });
  const env = { PATH: process.env.PATH, HOME: home, CUTI_HOME: join(home, '.cuti'), NO_COLOR: '1' };
  const cli = (...args) => spawnSync(process.execPath, [join(dist, 'cli.cjs'), ...args], { env });
  // Placeholder credentials in a throw-away home, one account of each kind, so the run
  // compiles what listing each kind needs; one of them active.
  cli('claude', 'add-api-key', 'anthropic', '--api-key', 'sk-ant-api03-code-cache-placeholder');
  cli('claude', 'add-api-key', 'bedrock', '-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    '-r', 'us-east-1', '--access-key', 'AKIACODECACHEPLACEHOLDER', '--secret-key', 'code-cache-placeholder');
  cli('claude', 'use', 'anthropic');
  const oauth = join(env.CUTI_HOME, 'claude-accounts', 'oauth');
  mkdirSync(oauth, { recursive: true, mode: 0o700 });
  const login = { claudeAiOauth: { accessToken: 'code-cache-placeholder', refreshToken: 'code-cache-placeholder', expiresAt: 0, subscriptionType: 'max' } };
  writeFileSync(join(oauth, '.credentials.json'), JSON.stringify(login, null, 2), { mode: 0o600 });
  const run = spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'claude', 'list'], {
    env: { ...env, CUTI_BUILD_CODE_CACHE: cacheFile },
  });
  if (run.status !== 0 || !existsSync(cacheFile)) {
    console.error(`could not write the code cache: ${run.stderr.toString().trim()}`);
    process.exit(1);
  }
  console.log(`code cache: ${cacheFile} (${Math.round(statSync(cacheFile).size / 1024)} KB)`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
