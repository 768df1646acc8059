import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

/**
 * A smoke run of `scripts/bench.mjs` (the built binary, a 10-account home, every part
 * including the TUI): the script runs end to end, writes every row, and leaves no home
 * behind. Timing targets are never asserted: a test machine's speed is not cuti's.
 */

const BENCH = resolve(import.meta.dirname, '../../scripts/bench.mjs');
// The TUI part drives a pseudo-terminal through util-linux `script`; without it, skip.
const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
// The keychain part starts its own keychain session when these are installed (.ci/run does).
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
const HAS_KEYCHAIN = has('dbus-run-session') && has('gnome-keyring-daemon');

interface Samples {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
}
interface Row {
  case: string;
  accounts: number | null;
  samples: Samples;
  ratioToNode?: number;
}
interface Pair {
  case: string;
  accounts: number;
  a: { label: string; samples: Samples };
  b: { label: string; samples: Samples };
  ratio: number;
  diffMs: number;
}
interface Results {
  processes: Row[];
  stores: Pair[];
  keychainMoves: { home: number; accounts: number; secrets: number; ms: number }[];
  notes: string[];
  memory: Row[];
  tui: Row[];
  targets: { case: string; met: boolean | null }[];
  summary: { met: number; measured: number; total: number };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Runs the bench with its own TMPDIR (so leftover homes can be counted) and without CI. */
function runBench(args: string[], tmp: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
  // With CI set, Ink draws nothing until exit and the TUI part would wait for a frame in vain.
  delete env.CI;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BENCH, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGINT'), 110_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

const row = (rows: Row[], name: string, accounts: number | null) => rows.find((r) => r.case === name && r.accounts === accounts);

describe('scripts/bench.mjs', () => {
  it('--help prints the usage and exits 0', async () => {
    const result = await runBench(['--help'], tempDir('cuti-bench-test-'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: node scripts\/bench\.mjs/);
    expect(result.stdout).toContain('--quick');
  });

  it.skipIf(!HAS_SCRIPT)('a quick run over 10 accounts records every case and removes its homes', async () => {
    const tmp = tempDir('cuti-bench-test-');
    const out = join(tempDir('cuti-bench-out-'), 'results.json');
    const result = await runBench(['--quick', '--sizes', '10', '--out', out], tmp);
    expect(result.stderr).not.toMatch(/bench failed/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^targets: \d+ of \d+ met/m);

    const results = JSON.parse(readFileSync(out, 'utf8')) as Results;
    for (const name of ["node -e ''", 'cuti --version', 'cuti claude list', 'cuti claude list-api-keys', 'cuti claude show-api-key']) {
      const r = row(results.processes, name, 10);
      expect(r, name).toBeDefined();
      expect(r?.samples.median, name).toBeGreaterThan(0);
      expect(r?.ratioToNode, name).toBeGreaterThan(0);
    }
    for (const name of ['pty baseline (node -e)', 'first full frame', 'keypress: Down', 'keypress: filter']) {
      const r = row(results.tui, name, 10);
      expect(r, name).toBeDefined();
      expect(r?.samples.n, name).toBeGreaterThan(0);
      expect(r?.samples.median, name).toBeGreaterThan(0);
    }
    expect(row(results.tui, 'relay floor (cat echo)', null)?.samples.n).toBeGreaterThan(0);
    for (const r of results.memory) expect(r.samples.median, r.case).toBeGreaterThan(0);

    // The secret stores, each pair timed in the same rounds: add-api-key with and without
    // .secret-store.json always; list and print-key, file vs keychain, where a keychain
    // session can start (its 10 secrets moved by the real command), else one note says so.
    const pairs = ['cuti claude add-api-key', ...(HAS_KEYCHAIN ? ['cuti claude list', 'cuti claude list (control)', 'cuti claude print-key'] : [])];
    expect(results.stores.map((p) => p.case)).toEqual(pairs);
    for (const p of results.stores) {
      expect(p.accounts, p.case).toBe(10);
      expect([p.a.samples.n, p.b.samples.n], p.case).toEqual([3, 3]);
      expect(p.a.samples.median, p.case).toBeGreaterThan(0);
      expect(p.b.samples.median, p.case).toBeGreaterThan(0);
      expect(p.ratio, p.case).toBeGreaterThan(0);
    }
    if (HAS_KEYCHAIN) {
      expect(results.stores.find((p) => p.case === 'cuti claude list')?.b.label).toBe('keychain');
      expect(results.keychainMoves).toEqual([expect.objectContaining({ home: 10, accounts: 10, secrets: 10 })]);
      expect(result.stdout).toMatch(/^cuti claude print-key +10 +3 +file .* keychain /m);
    } else {
      expect(results.notes).toContainEqual(expect.stringMatching(/^keychain: not measured: /));
    }
    // Every target is listed; the ones needing 10,000 accounts were not measured in this run.
    expect(results.targets).toHaveLength(results.summary.total);
    expect(results.summary.measured).toBeLessThan(results.summary.total);

    // The throw-away homes went under the child's TMPDIR: none may be left.
    expect(readdirSync(tmp).filter((name) => name.startsWith('cuti-bench-'))).toEqual([]);
  }, 120_000);
});
