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
interface Results {
  processes: Row[];
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
    // Every target is listed; the ones needing 10,000 accounts were not measured in this run.
    expect(results.targets).toHaveLength(results.summary.total);
    expect(results.summary.measured).toBeLessThan(results.summary.total);

    // The throw-away homes went under the child's TMPDIR: none may be left.
    expect(readdirSync(tmp).filter((name) => name.startsWith('cuti-bench-'))).toEqual([]);
  }, 120_000);
});
