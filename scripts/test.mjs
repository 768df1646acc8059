#!/usr/bin/env node
// `npm test`: build the binary the end-to-end tests spawn, run vitest, then print the
// one-line summary CI looks for. Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const REPORT = '.vitest-report.json';
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

if (run('npm', ['run', 'build', '--silent']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
rmSync(REPORT, { force: true });
const status = run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
if (existsSync(REPORT)) {
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  const failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  console.log(`${report.numPassedTests} passed, ${failed} failed`);
} else {
  console.log('0 passed, 1 failed');
}
process.exit(status);
