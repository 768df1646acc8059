import { performance } from 'node:perf_hooks';

import pMap from 'p-map';

import { loginOutcome } from '../../domain/connection-test/login-verdict.js';
import { serverText } from '../../domain/connection-test/server-text.js';
import { verdictPasses, type TestResult } from '../../domain/connection-test/verdict.js';
import { errorMessage } from '../../domain/errors.js';
import type { AccountService } from '../service.js';
import { Transport } from './http.js';
import { LOGIN_PROVIDER, type TestTarget } from './targets.js';
import type { Probe } from './tester.js';
import { testerFor } from './testers.js';

import { recordResults } from './record.js';
import { resolveTargets } from './targets.js';

export { resolveTargets, LOGIN_PROVIDER, type Selection, type TestTarget, type ResolvedTargets } from './targets.js';
export { recordResults } from './record.js';

/**
 * The connection test's entry point, and the only way in: the CLI and the TUI load this
 * module (and with it the HTTP client and the SigV4 signer) with a dynamic import when a test
 * runs, so no other command pays for the network code.
 */

/** The default per-request deadline. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * How many credentials are tested at once. Bounded, so `--all` over hundreds of accounts
 * opens a fixed number of sockets. 25 rather than the 8 first planned: the benchmark's
 * target (50 credentials, each answered after 300 ms, in under 1.5 s) needs at least ten
 * in flight, and eight would take seven rounds, 2.1 s of waiting alone; 25 takes two.
 */
export const TEST_CONCURRENCY = 25;

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  concurrency?: number;
  /** Called as each result arrives (the TUI shows them one by one). */
  onResult?: (result: TestResult) => void;
  now?: () => number;
}

export async function runTests(targets: readonly TestTarget[], options: RunOptions): Promise<TestResult[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const transport = new Transport(options.env, timeoutMs);
  try {
    return await pMap(
      targets,
      async (target) => {
        const started = performance.now();
        const testedAt = new Date(now()).toISOString();
        const probe = await probeTarget(target, { transport, env: options.env, nowMs: now });
        const result: TestResult = {
          account: target.account,
          provider: target.provider,
          ...probe,
          ok: verdictPasses(probe.verdict),
          ms: Math.round(performance.now() - started),
          testedAt,
        };
        options.onResult?.(result);
        return result;
      },
      { concurrency: options.concurrency ?? TEST_CONCURRENCY },
    );
  } finally {
    await transport.close();
  }
}

async function probeTarget(target: TestTarget, t: { transport: Transport; env: NodeJS.ProcessEnv; nowMs: () => number }): Promise<Probe> {
  if (target.provider === LOGIN_PROVIDER && 'loginText' in target) {
    return { kind: 'local', ...loginOutcome(target.loginText, t.nowMs()) };
  }
  if ('unavailable' in target) return { kind: 'local', verdict: 'untested', detail: `its secrets are out of reach: ${serverText(target.unavailable, [])}` };
  const entry = 'entry' in target ? target.entry : {};
  try {
    return await testerFor(target.provider)(entry, t);
  } catch (error) {
    // A bug or an unforeseen shape: reported as `unknown`, with every stored value hidden.
    const secrets = Object.values(entry).filter((v): v is string => typeof v === 'string');
    return { kind: 'network', verdict: 'unknown', detail: `test failed: ${serverText(errorMessage(error), secrets)}` };
  }
}

export type { TestResult };
export type TestService = AccountService;

/**
 * `cuti claude test <account>` for the TUI's `t` key: every credential of one account,
 * the verdicts kept in accounts.json. A failure to record them does not hide them.
 */
export async function testAccount(service: AccountService, account: string, env: NodeJS.ProcessEnv): Promise<TestResult[]> {
  const { targets } = await resolveTargets(service, { account, all: false });
  const results = await runTests(targets, { env });
  try {
    await recordResults(service, results);
  } catch {
    // The verdicts are on screen either way; accounts.json may be locked or unreadable.
  }
  return results;
}
