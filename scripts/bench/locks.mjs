// How long a write waits on locks: over a dead writer's lock (it must go stale first),
// over a lock that is stale already, into a store it may not write (no retrying), and
// with many writers at once. The tests check what happens in each case; how long it
// takes is measured here, where timing belongs.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hrtime } from 'node:process';

import { summarize } from './stats.mjs';

const ACCOUNT = 'bench-lock';
const KEY = (i) => `sk-ant-api03-bench-lock-placeholder-${i}-abcdefghijklmnop`;
const addArgs = (cli, i, account = ACCOUNT) => [cli, 'claude', 'add-api-key', account, '--api-key', KEY(i)];

// root ignores file modes: the read-only case then runs cuti as `nobody`.
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const NOBODY = { uid: 65534, gid: 65534 };

function makeLockHome() {
  const home = mkdtempSync(join(tmpdir(), 'cuti-bench-'));
  const cutiHome = join(home, '.cuti');
  const root = join(cutiHome, 'claude-accounts');
  return { home, cutiHome, root, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

const envOf = (h) => ({ PATH: process.env.PATH, HOME: h.home, CUTI_HOME: h.cutiHome, NO_COLOR: '1' });

/** One `add-api-key`, in ms; `expectFailure` for the read-only store, where exit 1 is right. */
function timeAdd(args, env, { expectFailure = false, user } = {}) {
  const started = hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, ...(user ?? {}) });
  const ms = Number(hrtime.bigint() - started) / 1e6;
  const failed = result.status !== 0;
  if (result.error || failed !== expectFailure) {
    throw new Error(`add-api-key ${expectFailure ? 'should have failed' : 'failed'}: ${result.error?.message ?? result.stderr.toString().slice(0, 300)}`);
  }
  return ms;
}

/** A lock directory exactly as a killed writer leaves it, `ageMs` old. */
function plantLock(path, ageMs) {
  mkdirSync(path);
  const when = new Date(Date.now() - ageMs);
  utimesSync(path, when, when);
}

function chownTree(path, owner) {
  chownSync(path, owner.uid, owner.gid);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name), owner);
}

/** `writers` add-api-key processes at once (half on one account, half on their own); wall ms. */
function concurrentWriters(cli, env, writers) {
  const started = hrtime.bigint();
  const runs = Array.from({ length: writers }, (_, i) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, addArgs(cli, i, i % 2 === 0 ? ACCOUNT : `bench-lock-${i}`), { env, stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a concurrent writer exited ${code}`))));
    }),
  );
  return Promise.all(runs).then(() => Number(hrtime.bigint() - started) / 1e6);
}

/**
 * Rows for the `locks` section: { case, samples }. `runs` samples per case (a dead
 * writer's lock costs its stale time, seconds, per sample), `writers` for the last case.
 */
export async function measureLocks(cli, { runs, writers }) {
  const cases = {
    "write over a dead writer's lock": [],
    'write over a stale lock': [],
    'write into a read-only store': [],
    [`${writers} writers at once`]: [],
  };
  for (let i = 0; i < runs; i += 1) {
    const h = makeLockHome();
    try {
      const env = envOf(h);
      timeAdd(addArgs(cli, 0), env);
      const keys = join(h.root, ACCOUNT, '.api_keys.json');
      // Freshly touched, as a writer killed a moment ago leaves it: it must go stale first.
      plantLock(`${keys}.lock`, 0);
      plantLock(join(h.root, 'accounts.json.lock'), 0);
      cases["write over a dead writer's lock"].push(timeAdd(addArgs(cli, 1), env));
      plantLock(`${keys}.lock`, 60_000);
      cases['write over a stale lock'].push(timeAdd(addArgs(cli, 2), env));
      // No permission to create the lock: refused at once, never retried.
      chmodSync(join(h.root, ACCOUNT), 0o500);
      chmodSync(h.root, 0o500);
      const user = IS_ROOT ? (chownTree(h.home, NOBODY), { user: NOBODY }) : {};
      cases['write into a read-only store'].push(timeAdd(addArgs(cli, 3), env, { expectFailure: true, ...user }));
      chmodSync(join(h.root, ACCOUNT), 0o700);
      chmodSync(h.root, 0o700);
      cases[`${writers} writers at once`].push(await concurrentWriters(cli, env, writers));
    } finally {
      h.cleanup();
    }
  }
  return Object.entries(cases).map(([name, samples]) => ({ case: name, samples: summarize(samples) }));
}
