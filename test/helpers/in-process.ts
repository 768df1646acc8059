import { runCli as runCliMain } from '../../src/launcher/main.js';
import type { Prompter } from '../../src/cli/prompt.js';
import { baseEnv, runProblem, type CliResult } from './cli.js';
import { fakeIO } from './fake-io.js';
import type { PtyResult, PtyStep } from './pty.js';
import { leakedSecrets } from './secrets.js';

/**
 * `cuti` run in this process: the same entry the binary calls (src/cli/main.ts, fast
 * path and full parser), with fake IO instead of the process's streams. It costs a
 * function call instead of a Node start-up, so tests of what a command prints and
 * writes use it; what only a real process shows (start-up, exit status, signals,
 * locks between processes, crashes, the launcher and its code cache) uses the spawned
 * binary (`runCli` in cli.ts). Same result shape and the same leak and stack-trace
 * checks as `runCli`, so a test moves between the two without changing an assertion.
 * `claude exec` hands this process's own stdio to its child: what that child prints is
 * not captured here, so a test that checks it spawns cuti.
 */
export async function runInProcess(
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    input?: string;
    revealsSecrets?: boolean;
    stdinTTY?: boolean;
    stdoutTTY?: boolean;
    stderrTTY?: boolean;
    columns?: number;
    prompter?: Prompter;
    /** Like runCli's: a run still going after this long counts as killed (code null, SIGKILL). */
    timeoutMs?: number;
  } = {},
): Promise<CliResult> {
  const { env, revealsSecrets: _reveals, timeoutMs = 20_000, ...ioOptions } = options;
  const fake = fakeIO({ ...ioOptions, env: baseEnv(env) });
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    withTerm(fake.io.env, () => runCliMain(['node', 'cuti', ...args], fake.io)),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs))),
  ]);
  clearTimeout(timer);
  const output = { stdout: fake.stdout(), stderr: fake.stderr() };
  const problem = runProblem(args, output, options);
  if (problem) throw problem;
  return { code, signal: code === null ? 'SIGKILL' : null, ...output };
}

/**
 * `cuti` in this process on a fake terminal (stdin, stdout and stderr all terminals,
 * sharing one screen), answering prompts as a person would: the in-process
 * counterpart of runCliInPty, with the same steps and result. Real raw mode on a real
 * terminal is covered by the tmux tests.
 */
export async function runInTerminal(
  args: string[],
  steps: PtyStep[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; revealsSecrets?: boolean; columns?: number } = {},
): Promise<PtyResult> {
  const fake = fakeIO({ env: baseEnv(options.env), stdinTTY: true, stdoutTTY: true, stderrTTY: true, columns: options.columns ?? 80 });
  let done = false;
  const run = withTerm(fake.io.env, () => runCliMain(['node', 'cuti', ...args], fake.io)).finally(() => {
    done = true;
  });
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let seen = 0;
  let timedOut = false;
  for (const step of steps) {
    // Wait until the expected text is on the screen (past what earlier steps matched).
    while (!fake.terminal().includes(step.expect, seen)) {
      if (done || Date.now() > deadline) {
        timedOut = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (timedOut) break;
    seen = fake.terminal().indexOf(step.expect, seen) + step.expect.length;
    fake.type(step.send);
  }
  // Like the pty driver, give up on a program that never prints what a step waits
  // for, or never ends: its code is null then.
  const left = Math.max(0, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const code = timedOut
    ? null
    : await Promise.race([run, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left)))]);
  clearTimeout(timer);
  if (code === null) timedOut = true;
  const output = fake.terminal().replace(/\r+\n/g, '\n');
  if (!options.revealsSecrets && leakedSecrets(output).length > 0) {
    throw new Error(`cuti ${args.slice(0, 2).join(' ')} showed a secret on the terminal`);
  }
  return { output, code, timedOut };
}

/**
 * Node's readline decides how to draw a prompt from process.env.TERM, not from the
 * streams it is given; a spawned cuti sees the test's TERM there, so set it for the run.
 * Runs may overlap (a test running several at once): the first in sets it, the last
 * out puts the original back.
 */
let termUsers = 0;
let savedTerm: string | undefined;
async function withTerm<T>(env: NodeJS.ProcessEnv, run: () => Promise<T>): Promise<T> {
  if (termUsers++ === 0) savedTerm = process.env.TERM;
  if (env.TERM === undefined) delete process.env.TERM;
  else process.env.TERM = env.TERM;
  try {
    return await run();
  } finally {
    if (--termUsers === 0) {
      if (savedTerm === undefined) delete process.env.TERM;
      else process.env.TERM = savedTerm;
    }
  }
}
