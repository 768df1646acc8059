#!/usr/bin/env node
// `prepare`: npm runs it after `npm install`/`npm ci` in a clone and on `npm install -g .`,
// which links the clone itself as the installed package. The `cuti` bin is dist/cli.cjs, so
// dist/ must be built there; a fresh clone installed with -g has no devDependencies yet
// (the bundler among them), so they are installed first, exactly as locked.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(args, env = process.env) {
  const result = spawnSync(npm, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync('node_modules/.bin/tsup')) {
  // Not the global install's settings: these dependencies go into this folder.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_config_(global|prefix|location|omit|production)$/i.test(key)),
  );
  run(['ci', '--ignore-scripts', '--include=dev', '--no-audit', '--no-fund'], env);
}
run(['run', 'build', '--silent']);
