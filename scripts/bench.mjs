#!/usr/bin/env node
// One benchmark for cuti: whole-process start-up against bare `node`, peak memory, and the
// TUI in a real pseudo-terminal (first frame, keypress-to-frame), over throw-away homes of
// 10, 1,000 and 10,000 accounts; and `cuti claude test --all` over 50 credentials against a
// loopback server that answers after 300 ms; `list` and `print-key` with the secrets in the OS
// keychain against the same in `.api_keys.json`. It measures; it never fails on a missed target.
// `npm run bench` builds first; by hand: `npx tsup --silent && node scripts/bench.mjs`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { CONNECTION_TEST_ACCOUNTS, CONNECTION_TEST_CASE, measureConnectionTest } from './bench/connection-test.mjs';
import { ANTHROPIC_ACCOUNT, checkHome, makeHome } from './bench/homes.mjs';
import { measureLocks } from './bench/locks.mjs';
import { HAS_PYTHON, peakMemory, roundRobin } from './bench/processes.mjs';
import { evaluateTargets, formatReport } from './bench/report.mjs';
import { measureSecretStores } from './bench/secret-stores.mjs';
import { summarize } from './bench/stats.mjs';
import { HAS_SCRIPT, liveChildren, measureKeys, measureLaunches, measureRelayFloor } from './bench/tui.mjs';

const ROOT = resolve(import.meta.dirname, '..');
// The `cuti` that npm links: package.json's bin.
const CLI = resolve(ROOT, JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).bin.cuti);

const USAGE = `usage: node scripts/bench.mjs [options]   (npm run bench builds first)

  --runs N          rounds of each command for homes under 10,000 accounts (default 30;
                    10,000 accounts get a third of it, at least 3)
  --sizes LIST      home sizes in accounts, comma-separated (default 10,1000,10000)
  --no-tui          skip the pseudo-terminal part (needs util-linux \`script\`)
  --no-locks        skip the lock waits (a dead writer's lock costs seconds per round)
  --no-keychain     skip the keychain store (it needs dbus-run-session and gnome-keyring;
                    without them it is skipped with a note)
  --keychain-entries N
                    in homes larger than N accounts, only the first N accounts' secrets
                    go into the keychain, the rest reference the same entries (default
                    300, --quick 30; a multiple of 3, or at least the largest size):
                    moving 10,000 secrets into gnome-keyring takes more than an hour,
                    and \`list\` reads no keychain
  --out FILE        where the JSON goes (default bench/results.json)
  --quick           few rounds of everything: a smoke run, not a measurement
  -h, --help        this text

Exit code 0 whether or not the targets are met; 1 when the bench itself fails.`;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      sizes: { type: 'string', default: '10,1000,10000' },
      'no-tui': { type: 'boolean', default: false },
      'no-locks': { type: 'boolean', default: false },
      'no-keychain': { type: 'boolean', default: false },
      'keychain-entries': { type: 'string' },
      out: { type: 'string', default: 'bench/results.json' },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const positive = (text, what) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive whole number, got "${text}"`);
    return n;
  };
  const quick = values.quick;
  const runs = values.runs === undefined ? (quick ? 3 : 30) : positive(values.runs, '--runs');
  const keychainEntries = values['keychain-entries'] === undefined ? (quick ? 30 : 300) : positive(values['keychain-entries'], '--keychain-entries');
  const sizes = values.sizes.split(',').map((s) => positive(s.trim().replace(/_/g, ''), '--sizes'));
  // Copies keep each account's kind (i % 3) only if the moved accounts hold whole sets of three.
  if (keychainEntries % 3 !== 0 && keychainEntries < Math.max(...sizes)) {
    throw new Error(`--keychain-entries must be a multiple of 3, or at least the largest size, got "${keychainEntries}"`);
  }
  return {
    help: values.help,
    quick,
    sizes,
    tui: !values['no-tui'],
    locks: !values['no-locks'],
    keychain: !values['no-keychain'],
    keychainEntries,
    lockRuns: quick ? 1 : 3,
    writers: quick ? 8 : 100,
    out: resolve(values.out),
    // Rounds per home: 10,000 accounts cost ten times as much per run, so fewer rounds.
    rounds: (size) => (size >= 10_000 ? Math.max(quick ? 2 : 3, Math.round(runs / 3)) : runs),
    warmup: quick ? 1 : 3,
    memoryRuns: quick ? 1 : 3,
    launches: (size) => (quick ? 3 : size >= 10_000 ? 5 : 10),
    keys: quick ? 15 : 100,
    relaySamples: quick ? 20 : 100,
  };
}

/** The environment of every timed command: nothing inherited that could change what cuti does. */
const cliEnv = (home) => ({ PATH: process.env.PATH, HOME: home.home, CUTI_HOME: home.cutiHome, NO_COLOR: '1' });

const processCases = [
  // The floor: node's own start-up, measured in the same rounds as cuti.
  { id: "node -e ''", args: ['-e', ''] },
  { id: 'cuti --version', args: [CLI, '--version'] },
  { id: 'cuti claude list', args: [CLI, 'claude', 'list'] },
  { id: 'cuti claude list-api-keys', args: [CLI, 'claude', 'list-api-keys', ANTHROPIC_ACCOUNT] },
  { id: 'cuti claude show-api-key', args: [CLI, 'claude', 'show-api-key', ANTHROPIC_ACCOUNT] },
];

const progress = (message) => process.stderr.write(`bench: ${message}\n`);

async function measureHome(home, options, results) {
  const size = home.count.toLocaleString('en-US');
  const env = cliEnv(home);
  checkHome(CLI, home, env);

  const rounds = options.rounds(home.count);
  progress(`${size} accounts: ${processCases.length} commands, ${options.warmup} warm-up + ${rounds} rounds`);
  const timed = await roundRobin(processCases, env, { rounds, warmup: options.warmup });
  const floor = timed[processCases[0].id].median;
  for (const c of processCases) {
    const samples = timed[c.id];
    results.processes.push({ case: c.id, accounts: home.count, samples, ratioToNode: Math.round((samples.median / floor) * 1000) / 1000 });
  }

  if (HAS_PYTHON) {
    progress(`${size} accounts: peak memory`);
    if (results.memory.length === 0) {
      results.memory.push({ case: "node -e ''", accounts: null, samples: await peakMemory(['-e', ''], env, options.memoryRuns) });
    }
    results.memory.push({ case: 'cuti claude list', accounts: home.count, samples: await peakMemory([CLI, 'claude', 'list'], env, options.memoryRuns) });
  }

  if (options.tui) {
    const launches = options.launches(home.count);
    progress(`${size} accounts: TUI, ${launches} launches and ${options.keys} + ${options.keys} keys`);
    const { baseline, first } = await measureLaunches(CLI, home, launches);
    results.tui.push({ case: 'pty baseline (node -e)', accounts: home.count, samples: summarize(baseline) });
    results.tui.push({ case: 'first full frame', accounts: home.count, samples: summarize(first) });
    const { down, filter } = await measureKeys(CLI, home, options.keys);
    results.tui.push({ case: 'keypress: Down', accounts: home.count, samples: summarize(down) });
    results.tui.push({ case: 'keypress: filter', accounts: home.count, samples: summarize(filter) });
  }
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (!existsSync(CLI)) throw new Error("cuti's built binary is missing: build first (npm run build, or npm run bench)");
  if (options.tui && !HAS_SCRIPT) throw new Error('the TUI part needs util-linux `script`; install it or pass --no-tui');

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    binary: relative(ROOT, CLI),
    os: { type: os.type(), release: os.release(), platform: process.platform, arch: process.arch },
    cpu: { model: os.cpus()[0]?.model ?? 'unknown', count: os.cpus().length },
    loadavg: { before: os.loadavg(), after: null },
    options: { quick: options.quick, sizes: options.sizes, tui: options.tui, locks: options.locks, keychain: options.keychain, keychainEntries: options.keychainEntries, rounds: Object.fromEntries(options.sizes.map((s) => [s, options.rounds(s)])) },
    processes: [],
    memory: [],
    tui: [],
    network: [],
    locks: [],
    stores: [],
    keychainMoves: [],
    notes: [],
    targets: [],
    summary: null,
  };
  if (!HAS_PYTHON) results.notes.push('python3 not found: peak memory not measured');

  // Homes are removed in `finally`, and on Ctrl-C (after killing any pty children).
  const homes = new Set();
  const removeAll = () => {
    for (const child of liveChildren) child.kill('SIGKILL');
    for (const home of homes) home.cleanup();
    homes.clear();
  };
  process.on('SIGINT', () => {
    removeAll();
    process.exit(130);
  });

  try {
    if (options.tui) {
      // The relay's own floor needs no home of accounts, only somewhere to be HOME.
      const scratch = makeHome(1);
      homes.add(scratch);
      progress('pty relay floor (cat)');
      results.tui.push({ case: 'relay floor (cat echo)', accounts: null, samples: summarize(await measureRelayFloor(scratch, options.relaySamples)) });
      scratch.cleanup();
      homes.delete(scratch);
    }
    progress(`connection test: ${CONNECTION_TEST_ACCOUNTS} credentials, server answering after 300 ms`);
    const samples = await measureConnectionTest(CLI, {
      // --quick is a smoke run: one run, no warm-up, so the whole bench stays short.
      rounds: options.quick ? 1 : 10,
      warmup: options.quick ? 0 : 1,
      onHome: (home) => homes.add(home),
    });
    results.network.push({ case: CONNECTION_TEST_CASE, accounts: CONNECTION_TEST_ACCOUNTS, samples });
    if (options.locks) {
      progress(`lock waits: ${options.lockRuns} round(s), ${options.writers} concurrent writers`);
      results.locks = (await measureLocks(CLI, { runs: options.lockRuns, writers: options.writers })).map((r) => ({ ...r, accounts: null }));
    }
    for (const size of options.sizes) {
      progress(`${size.toLocaleString('en-US')} accounts: writing the home`);
      const home = makeHome(size);
      homes.add(home);
      try {
        await measureHome(home, options, results);
      } finally {
        home.cleanup();
        homes.delete(home);
      }
    }
    const stores = await measureSecretStores(CLI, options, { onHome: (home) => homes.add(home), progress });
    results.stores = stores.rows;
    results.keychainMoves = stores.moves;
    results.notes.push(...stores.notes);
  } finally {
    removeAll();
  }

  results.loadavg.after = os.loadavg();
  results.targets = evaluateTargets(results);
  const measured = results.targets.filter((t) => t.met !== null);
  results.summary = { met: measured.filter((t) => t.met).length, measured: measured.length, total: results.targets.length };
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatReport(results));
  console.log(`\nwritten: ${options.out}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench failed: ${error.message}`);
    process.exit(1);
  },
);
