import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { SECRETS, variantOf } from '../helpers/secrets.js';
import { leftovers, modeProblems, runLimited } from './support.js';

/*
 * Writers killed with SIGKILL at random moments. SIGKILL cannot be caught, so nothing
 * in cuti gets to clean up: what is on disk afterwards is exactly what the write
 * protocol (temp file, fsync, rename under a lock) guarantees, and nothing more.
 */

const ACCOUNT = 'crash';
const KILL_RUNS = 200;
const WORKERS = 10;
const homes: TempHome[] = [];
afterAll(() => homes.forEach((h) => h.cleanup()));

// ~100 KB keys: a large document widens the window in which a kill lands mid-write.
const PADDING = 'x'.repeat(100_000);
const keyFor = (worker: number, run: number | string) => variantOf(SECRETS.anthropicKey, `${worker}-${run}-${PADDING}`);

const addArgs = (key: string) => ['claude', 'add-api-key', ACCOUNT, '--api-key', key];

function keysFile(home: TempHome): string {
  return join(home.accountsRoot, ACCOUNT, '.api_keys.json');
}

/** The stored key, after checking the file is whole: it must parse and have both providers. */
function storedKey(home: TempHome): string {
  const text = readFileSync(keysFile(home), 'utf8');
  const doc = JSON.parse(text) as Record<string, Record<string, string>>;
  expect(Object.keys(doc).sort()).toEqual(['anthropic', 'bedrock']);
  return doc.anthropic?.api_key ?? '';
}

function metadataParses(home: TempHome): void {
  const doc = JSON.parse(readFileSync(join(home.accountsRoot, 'accounts.json'), 'utf8')) as {
    accounts: Record<string, unknown>;
  };
  expect(Object.keys(doc.accounts)).toContain(ACCOUNT);
}

function tempFilesIn(home: TempHome): string[] {
  const dirs = [home.accountsRoot, join(home.accountsRoot, ACCOUNT)];
  return dirs.flatMap((d) => readdirSync(d).filter((n) => /\.json\.\d+$/.test(n)));
}

function locksIn(home: TempHome): string[] {
  const dirs = [home.accountsRoot, join(home.accountsRoot, ACCOUNT)];
  return dirs.flatMap((d) => readdirSync(d).filter((n) => n.endsWith('.lock')));
}

async function prepare(): Promise<TempHome> {
  const home = makeTempHome();
  homes.push(home);
  const bedrock = [
    'claude', 'add-api-key', ACCOUNT, '-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey,
  ];
  expect((await runCli(bedrock, { env: home.env })).code).toBe(0);
  expect((await runCli(addArgs(keyFor(-1, 0)), { env: home.env })).code).toBe(0);
  return home;
}

interface WorkerStats {
  kills: number;
  completed: number;
  newContent: number;
  tempFilesLeft: number;
  locksLeft: number;
  recoveries: number;
  slowestRecoveryMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 150;

/**
 * One store, written and killed over and over; each kill is checked before the next
 * run, until `targetKills` runs were killed. Kill delays are scaled to the median uninterrupted run measured in this same
 * worker, so they keep landing in the writes when the machine is busy.
 */
async function crashLoop(worker: number, targetKills: number, signal: NodeJS.Signals): Promise<WorkerStats> {
  const home = await prepare();
  const stats: WorkerStats = { kills: 0, completed: 0, newContent: 0, tempFilesLeft: 0, locksLeft: 0, recoveries: 0, slowestRecoveryMs: 0 };
  const durations: number[] = [];
  const timedAdd = async (key: string) => {
    const started = Date.now();
    const result = await runCli(addArgs(key), { env: home.env });
    const took = Date.now() - started;
    expect(result.code, result.stderr).toBe(0);
    durations.push(took);
    return took;
  };
  for (let i = 0; i < 3; i++) await timedAdd(keyFor(worker, `warm${i}`));
  let committed = keyFor(worker, 'warm2');

  // Bounded: a machine so slow that kills keep missing still ends.
  for (let run = 0; stats.kills < targetKills && run < targetKills * 3; run++) {
    const next = keyFor(worker, run);
    // The writes happen in the last part of a run (after start-up and reads): aim there.
    const delay = median(durations.slice(-9)) * (0.35 + Math.random() * 0.6);
    let timer: NodeJS.Timeout | undefined;
    const started = Date.now();
    const result = await runCli(addArgs(next), {
      env: home.env,
      onSpawn: (child) => {
        timer = setTimeout(() => child.kill(signal), delay);
      },
    });
    clearTimeout(timer);
    if (result.signal === signal) stats.kills++;
    else {
      expect(result.code, result.stderr).toBe(0);
      stats.completed++;
      durations.push(Date.now() - started);
    }

    // Old or new content, never anything else.
    const now = storedKey(home);
    expect([committed, next]).toContain(now);
    if (now === next) stats.newContent++;
    committed = now;
    metadataParses(home);

    const temps = tempFilesIn(home).length;
    const locks = locksIn(home).length;
    stats.tempFilesLeft += temps;
    if (locks > 0) stats.locksLeft++;
    if (temps > 0 || locks > 0) {
      // The next successful write must get past a dead writer's lock and sweep its temp
      // files away. (How long that takes is measured by the benchmark's lock waits.)
      const recoveryKey = keyFor(worker, `r${run}`);
      const took = await timedAdd(recoveryKey);
      durations.pop(); // a recovery includes the wait for the stale lock: not a normal run
      stats.recoveries++;
      stats.slowestRecoveryMs = Math.max(stats.slowestRecoveryMs, took);
      expect(tempFilesIn(home)).toEqual([]);
      expect(locksIn(home)).toEqual([]);
      expect(storedKey(home)).toBe(recoveryKey);
      committed = recoveryKey;
    }
  }
  expect(modeProblems(home.cutiHome)).toEqual([]);
  expect(leftovers(home.accountsRoot)).toEqual([]);
  return stats;
}

function sum(all: WorkerStats[]): WorkerStats {
  return all.reduce((acc, s) => ({
    kills: acc.kills + s.kills,
    completed: acc.completed + s.completed,
    newContent: acc.newContent + s.newContent,
    tempFilesLeft: acc.tempFilesLeft + s.tempFilesLeft,
    locksLeft: acc.locksLeft + s.locksLeft,
    recoveries: acc.recoveries + s.recoveries,
    slowestRecoveryMs: Math.max(acc.slowestRecoveryMs, s.slowestRecoveryMs),
  }));
}

describe('SIGKILL at random points', () => {
  it(`never leaves a truncated or empty file over ${KILL_RUNS} kill runs`, async () => {
    const total = sum(
      await runLimited(
        Array.from({ length: WORKERS }, (_, w) => () => crashLoop(w, Math.ceil(KILL_RUNS / WORKERS), 'SIGKILL')),
        WORKERS,
      ),
    );
    console.log('crash-safety SIGKILL:', JSON.stringify(total));
    expect(total.kills).toBeGreaterThanOrEqual(KILL_RUNS);
    // The kills must land inside the writes often enough to mean something: some runs
    // died holding a lock or with a temp file, and some after the new file was in place.
    expect(total.locksLeft + total.tempFilesLeft).toBeGreaterThan(0);
    expect(total.newContent).toBeGreaterThan(0);
  }, 600_000);

  it('SIGTERM and SIGINT mid-write: the same guarantees (old or new content, quick recovery)', async () => {
    const total = sum(
      await runLimited(
        (['SIGTERM', 'SIGINT'] as const).map((signal, w) => () => crashLoop(100 + w, 15, signal)),
        2,
      ),
    );
    // Here proper-lockfile's and write-file-atomic's exit handlers run, so leftovers are
    // rarer than under SIGKILL (a kill between mkdir and its callback can still leave one).
    console.log('crash-safety SIGTERM/SIGINT:', JSON.stringify(total));
    expect(total.kills).toBeGreaterThanOrEqual(30);
  }, 120_000);

  // How long these writes wait is measured by the benchmark (scripts/bench/locks.mjs:
  // a dead writer's lock, a stale lock), not asserted here, where machine load decides it.
  it('a lock left by a dead process is waited out, then taken over', async () => {
    const home = await prepare();
    // A lock directory exactly as a killed proper-lockfile owner leaves it, freshly touched.
    const lock = `${keysFile(home)}.lock`;
    mkdirSync(lock);
    const metaLock = join(home.accountsRoot, 'accounts.json.lock');
    mkdirSync(metaLock);
    const result = await runCli(addArgs(keyFor(9, 9)), { env: home.env });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(metaLock)).toBe(false);
    expect(storedKey(home)).toBe(keyFor(9, 9));
  }, 30_000);

  it('an old stale lock is taken over', async () => {
    const home = await prepare();
    const lock = `${keysFile(home)}.lock`;
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const result = await runCli(addArgs(keyFor(8, 8)), { env: home.env });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
  }, 30_000);
});
