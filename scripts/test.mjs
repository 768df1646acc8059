#!/usr/bin/env node
// `npm test`: build the binary the end-to-end tests spawn, run vitest, then print the
// one-line summary CI looks for. Extra arguments go to vitest (e.g. a file filter).
//
// CUTI_TEST_TALLY=<file>: one run among several (.ci/run runs the suite on each Node
// line). The counts are appended to that file as a JSON line and this run's line is
// worded so as not to read as the summary; the caller prints the one summary for all.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';

const REPORT = '.vitest-report.json';
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

function finish(passed, failed, status) {
  const tally = process.env.CUTI_TEST_TALLY;
  if (tally) {
    appendFileSync(tally, `${JSON.stringify({ node: process.version, passed, failed })}\n`);
    console.log(`node ${process.version}: ${passed} tests passed, ${failed} tests failed`);
  } else {
    console.log(`${passed} passed, ${failed} failed`);
  }
  process.exit(status);
}

if (run('npm', ['run', 'build', '--silent']) !== 0) finish(0, 1, 1);
rmSync(REPORT, { force: true });
const status = run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
if (existsSync(REPORT)) {
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  finish(report.numPassedTests, report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0), status);
} else {
  finish(0, 1, status === 0 ? 1 : status);
}
