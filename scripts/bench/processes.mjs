// Whole-process timings and peak memory of short-lived commands (`cuti --version`, `list`, …).
import { spawnSync } from 'node:child_process';
import { hrtime } from 'node:process';
import { setImmediate } from 'node:timers';

import { summarize } from './stats.mjs';

// 10,000 accounts make `list` print well over the 1 MiB spawnSync keeps by default.
const MAX_BUFFER = 256 << 20;
const TIMEOUT_MS = 20_000;

/** One run of `node <args>`, in ms; throws on a non-zero exit or anything on stderr. */
export function timeOnce(args, env) {
  const started = hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: MAX_BUFFER,
    timeout: TIMEOUT_MS,
  });
  const ms = Number(hrtime.bigint() - started) / 1e6;
  const shown = `node ${args.join(' ')}`;
  if (result.error) throw new Error(`${shown} failed: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${shown} exited ${result.status ?? result.signal}: ${result.stderr.toString().slice(0, 500)}`);
  }
  // A warning on stderr means the run did extra work (or the home is wrong): not a clean sample.
  if (result.stderr.length > 0) throw new Error(`${shown} wrote to stderr: ${result.stderr.toString().slice(0, 500)}`);
  return ms;
}

// spawnSync blocks the event loop, and with it the SIGINT handler that removes the homes:
// a turn of the loop between runs lets Ctrl-C (or kill -INT) act within one run.
const yieldToSignals = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs every case `warmup` times (file cache, code cache), then `rounds` rounds with the
 * cases interleaved, so a drift in machine load hits all cases alike instead of one.
 * `cases` is [{ id, args, env? }] (a case's own env, else `env`); `alternate` runs every
 * other round in reverse order, so neither of two cases compared in pairs always goes
 * first. Returns { [id]: raw samples in ms, one per round }.
 */
export async function roundRobinSamples(cases, env, { rounds, warmup, alternate = false }) {
  const samples = new Map(cases.map((c) => [c.id, []]));
  for (let r = 0; r < warmup + rounds; r += 1) {
    for (const c of alternate && r % 2 === 1 ? [...cases].reverse() : cases) {
      await yieldToSignals();
      const ms = timeOnce(c.args, c.env ?? env);
      if (r >= warmup) samples.get(c.id).push(ms);
    }
  }
  return Object.fromEntries(samples);
}

/** roundRobinSamples, summarised: { [id]: summary }. */
export async function roundRobin(cases, env, options) {
  const raw = await roundRobinSamples(cases, env, options);
  return Object.fromEntries(Object.entries(raw).map(([id, samples]) => [id, summarize(samples)]));
}

// Python's getrusage(RUSAGE_CHILDREN) reads the kernel's max RSS of the unmodified child,
// where wrapping cuti in a Node hook would add the hook's own memory. ru_maxrss is KiB on Linux.
// The environment travels as JSON, so python3 itself runs with the bench's own (a pyenv shim,
// for one, needs the real HOME) while cuti gets only the bench variables.
const MAXRSS = `
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[2:], env=json.loads(sys.argv[1]), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
if done.returncode != 0 or done.stderr:
    sys.exit("exit %s, stderr: %s" % (done.returncode, done.stderr[:500].decode("utf-8", "replace")))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
`;

export const HAS_PYTHON = spawnSync('python3', ['-c', 'import resource'], { stdio: 'ignore' }).status === 0;

/** Peak RSS in MB (10^6 bytes, as the target is written) of `node <args>`, over `runs` runs. */
export async function peakMemory(args, env, runs) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    await yieldToSignals();
    const result = spawnSync('python3', ['-c', MAXRSS, JSON.stringify(env), process.execPath, ...args], {
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
    });
    if (result.status !== 0) throw new Error(`max RSS of node ${args.join(' ')}: ${result.stderr || result.error}`);
    samples.push((Number(result.stdout.trim()) * 1024) / 1e6);
  }
  return summarize(samples);
}
