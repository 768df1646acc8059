#!/usr/bin/env node
// `npm test`: build the binary the end-to-end tests spawn, run vitest, then print the
// one-line summary CI looks for. Extra arguments go to vitest (e.g. a file filter).
//
// Without arguments, the keychain suite (test/keychain/) runs on its own afterwards,
// inside a private D-Bus session with a real Secret Service (scripts/keychain-session.sh),
// when this machine has one to start; elsewhere its tests report themselves skipped.
//
// CUTI_TEST_TALLY=<file>: one run among several (.ci/run runs the suite on each Node
// line). The counts are appended to that file as a JSON line and this run's line is
// worded so as not to read as the summary; the caller prints the one summary for all.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';

const REPORT = '.vitest-report.json';
const KEYCHAIN_REPORT = '.vitest-keychain-report.json';
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;

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

const args = process.argv.slice(2);
const runs = [];
rmSync(REPORT, { force: true });
rmSync(KEYCHAIN_REPORT, { force: true });
if (args.length > 0) {
  runs.push({ status: run('npx', ['vitest', 'run', ...args]), report: REPORT });
} else {
  runs.push({ status: run('npx', ['vitest', 'run', '--exclude', 'test/keychain/**']), report: REPORT });
  // One file at a time: they share one keychain, and some stop or lock it.
  const keychainRun = ['vitest', 'run', 'test/keychain', '--no-file-parallelism', `--outputFile.json=${KEYCHAIN_REPORT}`];
  if (has('dbus-run-session') && has('gnome-keyring-daemon')) {
    runs.push({ status: run('scripts/keychain-session.sh', ['npx', ...keychainRun]), report: KEYCHAIN_REPORT });
  } else {
    console.log('No dbus-run-session or gnome-keyring-daemon here: the keychain tests are skipped (.ci/run installs both).');
    runs.push({ status: run('npx', keychainRun), report: KEYCHAIN_REPORT });
  }
}

let passed = 0;
let failed = 0;
for (const { status, report } of runs) {
  if (!existsSync(report)) {
    failed += 1;
    continue;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
  if (status !== 0 && result.numFailedTests === 0) failed += 1;
}
finish(passed, failed, runs.every((r) => r.status === 0) ? 0 : 1);
