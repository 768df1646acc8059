// The two secret stores side by side: `list` and `print-key` over a home whose secrets are
// in `.api_keys.json` (the file store) and over the same home moved into the OS keychain by
// `cuti claude secret-store keychain`, inside a private keychain session (gnome-keyring on
// its own D-Bus, as scripts/keychain-session.sh starts it); and what reading
// `.secret-store.json` costs `add-api-key`. Each pair runs in the same rounds, A and B back
// to back, the order flipped every other round.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hrtime } from 'node:process';
import { createInterface } from 'node:readline';
import { clearTimeout, setTimeout } from 'node:timers';

import { ANTHROPIC_ACCOUNT, accountName, anthropicKey, checkHome, extendHome, kindOf, makeHome } from './homes.mjs';
import { roundRobinSamples } from './processes.mjs';
import { comparePaired, summarize } from './stats.mjs';
import { LIST_CONTROL } from './report.mjs';

const SESSION_SCRIPT = resolve(import.meta.dirname, '../keychain-session.sh');
const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
export const HAS_KEYCHAIN_TOOLS = has('dbus-run-session') && has('gnome-keyring-daemon');

const ADD_KEY = 'sk-ant-api03-bench-add-placeholder-abcdefghijklmnop';

/** Why a cuti run failed, in one line: its `--json` error document on stdout, else the first line on stderr. */
function whyFailed(result) {
  try {
    const { error } = JSON.parse(result.stdout);
    if (typeof error?.message === 'string') return error.message;
  } catch {
    // not JSON: the error is on stderr
  }
  return result.stderr.split('\n').find((line) => line.trim() !== '') ?? '(nothing on stderr)';
}

const baseEnv = (home) => ({ PATH: process.env.PATH, HOME: home.home, CUTI_HOME: home.cutiHome, NO_COLOR: '1' });

/**
 * A private keychain session, held open for as long as the bench needs it: the session
 * script runs a shell that prints the session's D-Bus address and waits on stdin. Closing
 * stdin ends it (and so does this process dying: the pipe closes), and the script removes
 * the keyring's files. Resolves to { address, stop } or rejects with why it did not start.
 */
function startKeychainSession() {
  const env = { ...process.env };
  // A fresh session even when the bench itself runs inside one.
  delete env.CUTI_KEYCHAIN_SESSION;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const hold = 'printf "%s\\n" "$DBUS_SESSION_BUS_ADDRESS"; exec cat >/dev/null';
  const child = spawn('bash', [SESSION_SCRIPT, 'sh', '-c', hold], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  const closed = new Promise((resolveClosed) => child.once('close', resolveClosed));
  const stop = () => {
    child.stdin.end();
    return closed;
  };
  return new Promise((resolveStart, reject) => {
    let settled = false;
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(new Error(`the keychain session did not start: ${why}`));
    };
    const timer = setTimeout(() => fail('not ready within 15 s'), 15_000);
    child.on('error', (error) => fail(error.message));
    void closed.then((code) => fail(`it ended (exit ${code}) before it was ready`));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const address = line.trim();
      if (address === '') return fail('no D-Bus address');
      settled = true;
      clearTimeout(timer);
      resolveStart({ address, stop });
    });
  });
}

/** Whether this session's keychain takes and gives back a secret, as `secret-store --json` finds out. */
function keychainProblem(cli, env) {
  const result = spawnSync(process.execPath, [cli, 'claude', 'secret-store', '--json'], { env, encoding: 'utf8' });
  try {
    const { keychain } = JSON.parse(result.stdout);
    return keychain.reachable ? null : keychain.reason ?? 'not reachable';
  } catch {
    return `cuti claude secret-store exited ${result.status}: ${whyFailed(result)}`;
  }
}

/** Every `.api_keys.json` under the home, as text. */
function apiKeysTexts(home) {
  return readdirSync(home.root)
    .filter((name) => name.startsWith('bench-') && kindOf(Number(name.slice(6))) !== 'oauth')
    .map((name) => readFileSync(join(home.root, name, '.api_keys.json'), 'utf8'));
}

/**
 * A home of `count` accounts whose secrets are in the keychain. The first `entries`
 * accounts (all of them when `count` is no more) are written as usual and moved by the
 * real `cuti claude secret-store keychain`; the rest copy, as their `.api_keys.json`, the
 * document the move wrote for the account `i % entries` (so Anthropic and Bedrock
 * accounts stay where they were), and so reference the same keychain entries. Moving
 * 10,000 secrets into gnome-keyring takes many minutes (see the README); `list` never
 * reads the keychain, which checkKeychainHome proves for each home.
 */
function makeKeychainHome(cli, count, entries, env, onHome) {
  const seeded = Math.min(count, entries);
  const home = makeHome(seeded);
  onHome(home);
  const started = hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, 'claude', 'secret-store', 'keychain', '--json'], { env: { ...baseEnv(home), ...env }, encoding: 'utf8' });
  const ms = Number(hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`cuti claude secret-store keychain exited ${result.status}: ${whyFailed(result)}`);
  const { moved } = JSON.parse(result.stdout);
  const move = { accounts: seeded, secrets: moved, ms: Math.round(ms), msPerSecret: Math.round((ms / Math.max(1, moved)) * 10) / 10 };
  if (count > seeded) {
    const moveDocs = new Map();
    const docOf = (i) => {
      const j = i % seeded;
      if (!moveDocs.has(j)) moveDocs.set(j, readFileSync(join(home.root, accountName(j), '.api_keys.json'), 'utf8'));
      return moveDocs.get(j);
    };
    extendHome(home, count, docOf);
  }
  return { home, move };
}

/**
 * Stops the bench unless the keychain home is what it should be: no secret left in any
 * `.api_keys.json`, every account listed by `list` run WITHOUT any D-Bus session (so `list`
 * provably reads nothing from the keychain), and `print-key` giving back the right key.
 */
function checkKeychainHome(cli, home, sessionEnv) {
  const leaked = apiKeysTexts(home).filter((text) => text.includes('bench-placeholder')).length;
  if (leaked > 0) throw new Error(`${leaked} .api_keys.json files of the ${home.count}-account keychain home still hold a secret`);
  checkHome(cli, home, baseEnv(home));
  const printed = spawnSync(process.execPath, [cli, 'claude', 'print-key', ANTHROPIC_ACCOUNT], { env: sessionEnv, encoding: 'utf8' });
  if (printed.status !== 0 || printed.stdout.trim() !== anthropicKey(0)) {
    throw new Error(`print-key over the keychain home exited ${printed.status} without the key: ${whyFailed(printed)}`);
  }
}

/** Times each pair [{ case, a: { label, args, env }, b: ... }] in the same rounds; rows for the `stores` section. */
async function timePairs(pairs, accounts, { rounds, warmup }) {
  const cases = pairs.flatMap((p) => [
    { id: `${p.case}\0a`, args: p.a.args, env: p.a.env },
    { id: `${p.case}\0b`, args: p.b.args, env: p.b.env },
  ]);
  const raw = await roundRobinSamples(cases, null, { rounds, warmup, alternate: true });
  return pairs.map((p) => {
    const a = raw[`${p.case}\0a`];
    const b = raw[`${p.case}\0b`];
    return { case: p.case, accounts, a: { label: p.a.label, samples: summarize(a) }, b: { label: p.b.label, samples: summarize(b) }, ...comparePaired(a, b) };
  });
}

/**
 * `add-api-key` on a home without `.secret-store.json` (as every file-store home starts)
 * against one with it (`{"store": "file"}`): each write reads it twice, once to choose the
 * store and once more under the document's lock. The key comes from the environment, so
 * nothing is written to stderr (a key on the command line gets a warning).
 */
async function measureSettingsRead(cli, options, onHome) {
  const without = makeHome(10);
  onHome(without);
  const withFile = makeHome(10);
  onHome(withFile);
  writeFileSync(join(withFile.root, '.secret-store.json'), '{\n  "store": "file"\n}\n', { mode: 0o600 });
  const args = [cli, 'claude', 'add-api-key', ANTHROPIC_ACCOUNT, '--api-key-env', 'BENCH_KEY'];
  const pair = {
    case: 'cuti claude add-api-key',
    a: { label: 'no .secret-store.json', args, env: { ...baseEnv(without), BENCH_KEY: ADD_KEY } },
    b: { label: '.secret-store.json', args, env: { ...baseEnv(withFile), BENCH_KEY: ADD_KEY } },
  };
  return timePairs([pair], 10, { rounds: options.rounds(10), warmup: options.warmup });
}

/**
 * One size inside a keychain session: a file-store home, its twin (the control) and a
 * keychain home, checked, then `list` and `print-key` timed over them in the same rounds.
 * Resolves to { rows, move }; rejects with why the keychain could not be measured.
 */
async function measureKeychainAt(cli, size, options, { address, track, progress }) {
  const text = size.toLocaleString('en-US');
  const dbus = { DBUS_SESSION_BUS_ADDRESS: address };
  const envOf = (home) => ({ ...baseEnv(home), ...dbus });
  const file = makeHome(size);
  track(file);
  const problem = keychainProblem(cli, envOf(file));
  if (problem !== null) throw new Error(`the keychain session does not work: ${problem}`);
  progress(`${text} accounts: a keychain home (${Math.min(size, options.keychainEntries).toLocaleString('en-US')} accounts moved into the keychain)`);
  const { home: keychain, move } = makeKeychainHome(cli, size, options.keychainEntries, dbus, track);
  checkHome(cli, file, envOf(file));
  checkKeychainHome(cli, keychain, envOf(keychain));
  // The control: `list` over a second file home just like the first, in the same rounds:
  // how far apart two identical homes measure is what noise alone does in this run.
  const twin = makeHome(size);
  track(twin);
  const command = (...args) => [cli, 'claude', ...args];
  const pairOf = (name, args, b = keychain, label = 'keychain') => ({
    case: name,
    a: { label: 'file', args, env: envOf(file) },
    b: { label, args, env: envOf(b) },
  });
  const pairs = [
    pairOf('cuti claude list', command('list')),
    pairOf(LIST_CONTROL, command('list'), twin, 'file, a copy'),
    pairOf('cuti claude print-key', command('print-key', ANTHROPIC_ACCOUNT)),
  ];
  const rounds = options.rounds(size);
  progress(`${text} accounts: list and print-key, file vs keychain, ${options.warmup} warm-up + ${rounds} rounds`);
  return { rows: await timePairs(pairs, size, { rounds, warmup: options.warmup }), move: { home: size, ...move } };
}

/**
 * Rows for the `stores` section, the keychain moves made, and notes. Where the keychain
 * cannot be measured (no gnome-keyring, a session that does not start or work, a move
 * that fails), a note says why and the bench goes on. `onHome` registers a home for
 * removal (the caller removes them on Ctrl-C too); `progress` says what is happening.
 */
export async function measureSecretStores(cli, options, { onHome, progress }) {
  const rows = [];
  const notes = [];
  const moves = [];
  // Each home is removed as soon as its part is done; onHome also registers it with the caller.
  const made = [];
  const track = (home) => {
    made.push(home);
    onHome(home);
  };
  const removeMade = () => {
    for (const home of made.splice(0)) home.cleanup();
  };
  try {
    progress('add-api-key with and without .secret-store.json');
    rows.push(...(await measureSettingsRead(cli, options, track)));
    removeMade();
    if (!options.keychain) return { rows, notes, moves };
    if (!HAS_KEYCHAIN_TOOLS) {
      notes.push('keychain: not measured: dbus-run-session or gnome-keyring-daemon is not installed');
      return { rows, notes, moves };
    }
    for (const size of options.sizes) {
      // A session of its own for each size: its keyring holds that home's entries only.
      let session;
      try {
        session = await startKeychainSession();
        const measured = await measureKeychainAt(cli, size, options, { address: session.address, track, progress });
        rows.push(...measured.rows);
        moves.push(measured.move);
      } catch (error) {
        notes.push(`keychain: not measured at ${size.toLocaleString('en-US')} accounts: ${error.message}`);
      } finally {
        removeMade();
        await session?.stop();
      }
    }
    return { rows, notes, moves };
  } finally {
    removeMade();
  }
}
