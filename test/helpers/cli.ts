import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { leakedSecrets, stackTraceIn } from './secrets.js';

/** The built binary; `npm test` builds it before vitest starts. */
export const CLI = resolve(import.meta.dirname, '../../dist/cli.cjs');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface TempHome {
  /** Stand-in for $HOME. */
  home: string;
  /** CUTI_HOME inside it. */
  cutiHome: string;
  accountsRoot: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

/** A throw-away HOME with CUTI_HOME inside it: tests never touch the real home. */
export function makeTempHome(): TempHome {
  const home = mkdtempSync(join(tmpdir(), 'cuti-test-'));
  const cutiHome = join(home, '.cuti');
  return {
    home,
    cutiHome,
    accountsRoot: join(cutiHome, 'claude-accounts'),
    env: { HOME: home, CUTI_HOME: cutiHome },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** A minimal environment: no inherited credentials, no colour, not "in CI". */
export function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LANG: 'C.UTF-8', TERM: 'dumb', NO_COLOR: '1', ...extra };
}

/**
 * `baseEnv` with `cuti` on PATH, as an installed binary would be (completion scripts and
 * suggested commands call it by name): a small launcher in `<home>/bin`.
 */
export function envWithCutiOnPath(t: TempHome): NodeJS.ProcessEnv {
  const bin = join(t.home, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'cuti'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(join(bin, 'cuti'), 0o755);
  return baseEnv({ ...t.env, PATH: `${bin}:${process.env.PATH ?? ''}` });
}

/** Spawns the real `cuti` binary and collects everything it printed. */
export function runCli(
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    input?: string;
    timeoutMs?: number;
    /** Set when the test asked cuti to show a secret (--show-secret, print-key, env…). */
    revealsSecrets?: boolean;
    /** Run cuti as this (unprivileged) user, e.g. so a mode-000 file is really unreadable. */
    asUser?: { uid: number; gid: number };
    /** Extra arguments for node itself, placed before the script (e.g. `--import hook.mjs`). */
    nodeArgs?: string[];
    /** Called with the child as soon as it is spawned (e.g. to kill it at a chosen moment). */
    onSpawn?: (child: ChildProcess) => void;
  } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
      env: baseEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      // Node clears supplementary groups when it switches user, so root's groups do not leak in.
      ...(options.asUser ?? {}),
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const problem = runProblem(args, { stdout, stderr }, options);
      if (problem) reject(problem);
      else resolvePromise({ code, signal, stdout, stderr });
    });
    // A child that exits (or is killed) before reading its input must not fail the test run.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Every run is a leak check: no known fake secret may appear unless asked for, and no
 * stack trace (an unhandled error reaching the user; CUTI_DEBUG asks for one).
 */
export function runProblem(
  args: readonly string[],
  output: { stdout: string; stderr: string },
  options: { revealsSecrets?: boolean; env?: NodeJS.ProcessEnv },
): Error | null {
  const { stdout, stderr } = output;
  const leaks = options.revealsSecrets ? [] : leakedSecrets(stdout + stderr);
  if (leaks.length > 0) return new Error(`cuti ${args.slice(0, 2).join(' ')} printed a secret it was not asked to show`);
  if (!options.env?.CUTI_DEBUG && stackTraceIn(stderr + stdout)) {
    return new Error(`cuti ${args.slice(0, 2).join(' ')} printed a stack trace:\n${stderr.slice(0, 2000)}`);
  }
  return null;
}
