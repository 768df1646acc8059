import { availableParallelism } from 'node:os';

import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Files that run for tens of seconds, mostly waiting on processes they spawn (crash
 * loops, races between processes, stale locks going stale). They start first so the
 * rest of the suite runs beside them instead of after them; vitest would otherwise
 * order a fresh checkout (CI) by file size.
 */
const LONG_RUNNING = [
  'test/reliability/crash-safety.test.ts',
  'test/e2e/global-install.test.ts',
  'test/reliability/login-swap-kills.test.ts',
  'test/reliability/concurrency.test.ts',
  'test/e2e/login-swaps.test.ts',
  'test/reliability/stalled-writer.test.ts',
  'test/reliability/hostile-input.test.ts',
];

/** The test directories whose files run in this process only (see the projects below). */
const IN_PROCESS = ['test/unit/**/*.test.{ts,tsx}', 'test/tui/**/*.test.{ts,tsx}', 'test/cli/**/*.test.{ts,tsx}'];

class LongRunningFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = LONG_RUNNING.findIndex((path) => file.moduleId.endsWith(path));
      return index === -1 ? LONG_RUNNING.length : index;
    };
    // Array.prototype.sort is stable: within a rank, vitest's own order stays.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Reporters: the usual console output, plus a JSON file that scripts/test.mjs
    // turns into the one-line "N passed, N failed" summary CI reads.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    // vitest's default is one worker per core less one: a single worker on a 2-core
    // machine, which leaves a core idle while a file waits on the processes it spawned
    // (a crash loop sleeping until a lock goes stale, an npm install on the network).
    maxWorkers: availableParallelism() + 2,
    sequence: { sequencer: LongRunningFirst },
    projects: [
      {
        // Spawn the built binary, a terminal (tmux, pty) or other programs: what only a
        // real process shows (start-up, exit status, signals, locks, crashes, the
        // launcher and its code cache). scripts/test.mjs builds dist/ first.
        // Every test directory but the in-process ones, so a new directory runs here.
        extends: true,
        test: { name: 'process', include: ['test/**/*.test.{ts,tsx}'], exclude: ['**/node_modules/**', ...IN_PROCESS] },
      },
      {
        // In this process only: pure logic, TUI screens (ink-testing-library) and CLI
        // commands run on fake IO (test/helpers/in-process.ts). No build needed:
        // `npm run test:quick`. These files share a worker's modules instead of loading
        // React, Ink and the services again for each file (about a third of their CPU
        // time): no test depends on fresh module state, and timers are restored
        // after each test.
        extends: true,
        test: {
          name: 'in-process',
          include: IN_PROCESS,
          isolate: false,
        },
      },
    ],
  },
});
