import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { baseEnv, CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';

let t: TempHome;
let bin: string;
let record: string;

/**
 * A stand-in `claude`: records its arguments and the environment it got, then writes a
 * login where Claude Code would (CLAUDE_CONFIG_DIR/.credentials.json). Exits with
 * $STANDIN_STATUS when set.
 */
function installStandIn(): void {
  bin = join(t.home, 'bin');
  mkdirSync(bin);
  record = join(t.home, 'claude-record.json');
  const script = join(bin, 'claude');
  writeFileSync(
    script,
    `#!${process.execPath}
const fs = require('node:fs');
const env = process.env;
fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), CLAUDE_CONFIG_DIR: env.CLAUDE_CONFIG_DIR ?? null, ANTHROPIC_API_KEY: env.ANTHROPIC_API_KEY ?? null, CLAUDE_CODE_USE_BEDROCK: env.CLAUDE_CODE_USE_BEDROCK ?? null }));
if (env.STANDIN_STATUS) process.exit(Number(env.STANDIN_STATUS));
fs.writeFileSync(env.CLAUDE_CONFIG_DIR + '/.credentials.json', JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-STANDIN', refreshToken: 'sk-ant-ort01-STANDIN', subscriptionType: 'max' } }), { mode: 0o600 });
`,
  );
  chmodSync(script, 0o755);
}

beforeEach(() => {
  t = makeTempHome();
  installStandIn();
});
afterEach(() => t.cleanup());

const envWith = (extra: NodeJS.ProcessEnv = {}) => ({ ...t.env, PATH: `${bin}:${process.env.PATH ?? ''}`, ...extra });

describe('cuti claude login <account>', () => {
  it("runs Claude Code's own sign-in with CLAUDE_CONFIG_DIR at the account's own directory, then exec uses it", async () => {
    const result = await runCli(['claude', 'login', 'work'], { env: envWith({ ANTHROPIC_API_KEY: SECRETS.anthropicKey, CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CONFIG_DIR: '/elsewhere' }) });
    expect(result.code).toBe(0);
    const configDir = join(t.accountsRoot, 'work', 'claude-code');
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({
      args: ['auth', 'login'],
      CLAUDE_CONFIG_DIR: configDir,
      ANTHROPIC_API_KEY: null,
      CLAUDE_CODE_USE_BEDROCK: null,
    });
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(configDir, '.credentials.json'))).toBe(true);
    // cuti keeps no copy of the login in its own files.
    expect(existsSync(join(t.accountsRoot, 'work', '.credentials.json'))).toBe(false);
    expect(result.stdout).toContain('✓ Claude Code login for account: work');
    const listed = await runCli(['claude', 'list'], { env: t.env });
    expect(listed.stdout).toMatch(/work\s+│?\s*Claude Code login/);
    expect(listed.stdout).not.toContain('No Credentials');
    const child = execFileSync(process.execPath, [CLI, 'claude', 'exec', 'work', '--', 'printenv', 'CLAUDE_CONFIG_DIR'], { env: baseEnv({ ...t.env, CLAUDE_CONFIG_DIR: '/elsewhere' }), encoding: 'utf8' });
    expect(child.trim()).toBe(configDir);
    const out = execFileSync(process.execPath, [CLI, 'claude', 'env', 'work', '--json'], { env: baseEnv(t.env), encoding: 'utf8' });
    expect((JSON.parse(out) as { set: unknown }).set).toEqual([{ name: 'CLAUDE_CONFIG_DIR', value: configDir }]);
  });

  it('says how to install Claude Code when it is missing, and writes nothing', async () => {
    const before = snapshotTree(t.home);
    const result = await runCli(['claude', 'login', 'work'], { env: { ...t.env, PATH: '/nonexistent' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Claude Code ('claude') is not on PATH");
    expect(result.stderr).toContain('npm install -g @anthropic-ai/claude-code');
    expect(snapshotTree(t.home)).toEqual(before);
  });

  it("passes on a failed sign-in's status", async () => {
    const result = await runCli(['claude', 'login', 'work'], { env: envWith({ STANDIN_STATUS: '3' }) });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('holds no login yet');
  });

  it('refuses a bad account name before running anything', async () => {
    const result = await runCli(['claude', 'login', '../escape'], { env: envWith() });
    expect(result.code).toBe(1);
    expect(existsSync(record)).toBe(false);
  });
});
