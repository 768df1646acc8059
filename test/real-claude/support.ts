import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { CLI, makeTempHome, type TempHome } from '../helpers/cli.js';
import { quotePosix } from '../../src/domain/shell-quote.js';

/*
 * The real Claude Code (the npm package @anthropic-ai/claude-code, at the version
 * .ci/run installs) run against a stand-in server on loopback. Nothing may leave the
 * machine: telemetry and updates are off, every proxy variable points at a dead
 * loopback port, and where the machine allows it (root, `unshare -n`) server and
 * client run in a network namespace that has only loopback.
 */

export const CLAUDE_CODE_VERSION = '2.1.332';

/** The real `claude`: CUTI_TEST_CLAUDE_BIN, or the one .ci/run installed; null when neither exists. */
export function realClaude(): string | null {
  const given = process.env.CUTI_TEST_CLAUDE_BIN;
  if (given) return existsSync(given) ? given : null;
  const installed = resolve(import.meta.dirname, '../../.ci/claude-code/node_modules/.bin/claude');
  return existsSync(installed) ? installed : null;
}

const STANDIN = resolve(import.meta.dirname, 'fixtures/standin.mjs');
const DEAD_PROXY = 'http://127.0.0.1:9';

/** True when this process may make a loopback-only network namespace. */
export const NETNS =
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' }).status === 0;

export interface LoggedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  sigv4?: { valid: boolean; accessKeyId: string; region: string; service: string };
}

export interface ClaudeWorld {
  t: TempHome;
  /** Where the commands run (a trusted project directory). */
  work: string;
  /** The environment every command gets. */
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

/**
 * A home for one test: cuti's store, Claude Code's onboarding done and the work dir
 * trusted (so the interactive UI opens straight away), and a `claude` on PATH that is
 * the real one pointed at the stand-in.
 */
export function makeWorld(claude: string): ClaudeWorld {
  const t = makeTempHome();
  const work = join(t.home, 'work');
  const bin = join(t.home, 'bin');
  mkdirSync(work, { recursive: true });
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'claude'),
    `#!/bin/sh\nexec env ANTHROPIC_BASE_URL="$STANDIN_URL" ANTHROPIC_BEDROCK_BASE_URL="$STANDIN_URL" ${quotePosix(claude)} "$@"\n`,
  );
  chmodSync(join(bin, 'claude'), 0o755);
  // The built cuti, as a command on PATH.
  writeFileSync(join(bin, 'cuti'), `#!/bin/sh\nexec ${quotePosix(process.execPath)} ${quotePosix(CLI)} "$@"\n`);
  chmodSync(join(bin, 'cuti'), 0o755);
  writeFileSync(join(t.home, '.claude.json'), JSON.stringify({ hasCompletedOnboarding: true, projects: { [work]: { hasTrustDialogAccepted: true } } }));
  const env: NodeJS.ProcessEnv = {
    HOME: t.home,
    CUTI_HOME: t.cutiHome,
    PATH: [bin, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_BUG_COMMAND: '1',
    CLAUDE_CODE_MAX_RETRIES: '0',
    HTTPS_PROXY: DEAD_PROXY,
    HTTP_PROXY: DEAD_PROXY,
    ALL_PROXY: DEAD_PROXY,
    https_proxy: DEAD_PROXY,
    http_proxy: DEAD_PROXY,
    all_proxy: DEAD_PROXY,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
  return { t, work, env, cleanup: () => t.cleanup() };
}

/** The argv that runs `script` (sh) beside a fresh stand-in, in a loopback-only namespace when possible. */
export function standinArgv(log: string, script: string): string[] {
  const inner = [process.execPath, STANDIN, log, '--', 'sh', '-c', script];
  return NETNS ? ['unshare', '-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', ...inner] : inner;
}

export interface StandinRun {
  code: number | null;
  stdout: string;
  stderr: string;
  requests: LoggedRequest[];
}

export function readLog(log: string): LoggedRequest[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as LoggedRequest);
}

/** Runs a shell script (`cuti` and `claude` on PATH) beside the stand-in. */
export function runWithStandin(world: ClaudeWorld, script: string, extra: NodeJS.ProcessEnv = {}, timeoutMs = 90_000): Promise<StandinRun> {
  const log = join(world.t.home, `requests-${Date.now()}-${Math.random().toString(16).slice(2)}.jsonl`);
  const [file, ...args] = standinArgv(log, script) as [string, ...string[]];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { cwd: world.work, env: { ...world.env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, requests: readLog(log) });
    });
  });
}

/** The Messages API requests, with the two credential headers as Claude Code sent them. */
export function messageCredentials(run: StandinRun): Array<{ apiKey: string | null; bearer: string | null }> {
  return run.requests
    .filter((r) => r.method === 'POST' && r.url.startsWith('/v1/messages'))
    .map((r) => ({
      apiKey: r.headers['x-api-key'] ?? null,
      bearer: r.headers.authorization?.startsWith('Bearer ') ? r.headers.authorization.slice('Bearer '.length) : null,
    }));
}
