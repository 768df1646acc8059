#!/usr/bin/env node
// Writes dist/cuti.cjs.cache, the V8 code cache the launcher loads the CLI bundle with
// (see src/cli/load-bundle.ts). It is produced by a real run of `cuti claude list` in a
// throw-away home, so it also holds the functions such a run compiles. A cache that does
// not fit the Node that runs cuti is rejected by V8, which then just compiles the bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '../dist');
const cacheFile = join(dist, 'cuti.cjs.cache');
const home = mkdtempSync(join(tmpdir(), 'cuti-code-cache-'));
try {
  rmSync(cacheFile, { force: true });
  const env = { PATH: process.env.PATH, HOME: home, CUTI_HOME: join(home, '.cuti'), NO_COLOR: '1' };
  const cli = (...args) => spawnSync(process.execPath, [join(dist, 'cli.cjs'), ...args], { env });
  // Placeholder key in a throw-away home: the run needs one account to read.
  cli('claude', 'add-api-key', 'cache', '--api-key', 'sk-ant-api03-code-cache-placeholder');
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
