import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { baseEnv, CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { leakedSecrets, SECRETS } from '../helpers/secrets.js';

/** Variables cuti must clear from what the child inherits. */
const INHERITED_CONFLICTS = {
  ANTHROPIC_API_KEY: 'inherited-key',
  ANTHROPIC_AUTH_TOKEN: 'inherited-token',
  CLAUDE_CODE_USE_VERTEX: '1',
  AWS_PROFILE: 'corp',
  AWS_SESSION_TOKEN: 'inherited-session',
  ANTHROPIC_MODEL: 'claude-from-shell',
};

let t: TempHome;
let printEnv: string;

beforeEach(async () => {
  t = makeTempHome();
  // The child: a tiny node script that prints exactly the environment it was given.
  printEnv = join(t.home, 'print-env.cjs');
  writeFileSync(printEnv, 'process.stdout.write(JSON.stringify(process.env));\n');
  const add = await runCli(['claude', 'add-api-key', 'work', '--api-key', '-'], { env: t.env, input: `${SECRETS.anthropicKey}\n` });
  expect(add.code).toBe(0);
});
afterEach(() => t.cleanup());

async function addBedrock(): Promise<void> {
  const r = await runCli(
    ['claude', 'add-api-key', 'bed', '--provider', 'bedrock', '--api-key', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '--region', 'eu-west-1', '--access-key', SECRETS.accessKeyId, '--secret-key', '-'],
    { env: t.env, input: SECRETS.secretAccessKey },
  );
  expect(r.code).toBe(0);
}

describe('cuti claude exec', () => {
  it('gives the child exactly the expected variables, clearing inherited conflicting ones', async () => {
    const env = { ...t.env, ...INHERITED_CONFLICTS };
    const r = await runCli(['claude', 'exec', 'work', '--', process.execPath, printEnv], { env, revealsSecrets: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const expected: Record<string, string | undefined> = { ...baseEnv(t.env), ANTHROPIC_API_KEY: SECRETS.anthropicKey, CUTI_EXEC_ACCOUNT: 'work' };
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('Bedrock: the switch, region, access keys and model id from the account', async () => {
    await addBedrock();
    const r = await runCli(['claude', 'exec', 'bed', '--', process.execPath, printEnv], { env: { ...t.env, ...INHERITED_CONFLICTS }, revealsSecrets: true });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ...baseEnv(t.env),
      CLAUDE_CODE_USE_BEDROCK: '1',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: SECRETS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SECRETS.secretAccessKey,
      ANTHROPIC_MODEL: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
      CUTI_EXEC_ACCOUNT: 'bed',
    });
  });

  it('without an account uses the active one; -p picks one of several providers', async () => {
    await addBedrock();
    // Adding to `work` too: it now holds both providers.
    const both = await runCli(
      ['claude', 'add-api-key', 'work', '-p', 'bedrock', '-k', 'model-x', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key-env', 'SK'],
      { env: { ...t.env, SK: SECRETS.secretAccessKey2 } },
    );
    expect(both.code).toBe(0);
    expect((await runCli(['claude', 'use', 'work', '-p', 'anthropic'], { env: t.env })).code).toBe(0);
    const active = await runCli(['claude', 'exec', '--', process.execPath, printEnv], { env: t.env, revealsSecrets: true });
    expect(JSON.parse(active.stdout)).toMatchObject({ ANTHROPIC_API_KEY: SECRETS.anthropicKey, CUTI_EXEC_ACCOUNT: 'work' });
    const bedrock = await runCli(['claude', 'exec', '-p', 'bedrock', '--', process.execPath, printEnv], { env: t.env, revealsSecrets: true });
    const childEnv = JSON.parse(bedrock.stdout) as Record<string, string>;
    expect(childEnv.AWS_SECRET_ACCESS_KEY).toBe(SECRETS.secretAccessKey2);
    expect(childEnv.ANTHROPIC_API_KEY).toBeUndefined();
  });

  it("passes the child's exit code through, and 128+n when a signal killed it", async () => {
    const seven = await runCli(['claude', 'exec', 'work', '--', process.execPath, '-e', 'process.exit(7)'], { env: t.env });
    expect(seven.code).toBe(7);
    const killed = await runCli(['claude', 'exec', 'work', '--', process.execPath, '-e', 'process.kill(process.pid, "SIGKILL")'], { env: t.env });
    expect(killed.code).toBe(128 + 9);
  });

  it('forwards SIGTERM and SIGINT to the child and exits with its status', async () => {
    const waiter = join(t.home, 'wait.cjs');
    writeFileSync(
      waiter,
      `for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => { process.stdout.write('child got ' + s + '\\n'); process.exit(s === 'SIGTERM' ? 42 : 43); });
       process.stdout.write('ready\\n'); setInterval(() => {}, 1000);\n`,
    );
    for (const [signal, code] of [['SIGTERM', 42], ['SIGINT', 43]] as const) {
      let cuti: import('node:child_process').ChildProcess | undefined;
      let seen = '';
      const run = runCli(['claude', 'exec', 'work', '--', process.execPath, waiter], {
        env: t.env,
        onSpawn: (c) => {
          cuti = c;
          c.stdout?.on('data', (d: Buffer | string) => (seen += String(d)));
        },
      });
      // The child says `ready` once its handlers are installed.
      await waitFor(() => seen.includes('ready'));
      cuti?.kill(signal);
      const r = await run;
      expect(r.stdout).toContain(`child got ${signal}`);
      expect(r.code).toBe(code);
    }
  });

  it("never shows a secret in the command lines (ps) of cuti or its child", async () => {
    await addBedrock();
    const waiter = join(t.home, 'wait.cjs');
    writeFileSync(waiter, `process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000);\n`);
    let cuti: import('node:child_process').ChildProcess | undefined;
    const run = runCli(['claude', 'exec', 'bed', '--', process.execPath, waiter], { env: t.env, onSpawn: (c) => (cuti = c) });
    await waitFor(() => childrenOf(cuti?.pid ?? 0).length > 0);
    const pids = [cuti?.pid ?? 0, ...childrenOf(cuti?.pid ?? 0)];
    const cmdlines = pids.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
    const ps = execFileSync('ps', ['-o', 'args=', '-p', pids.join(',')], { encoding: 'utf8' });
    cuti?.kill('SIGTERM');
    await run;
    expect(cmdlines).toHaveLength(2);
    expect(cmdlines[0]).toContain('claude exec bed --');
    expect(leakedSecrets(cmdlines.join('\n') + ps)).toEqual([]);
  });

  it('refuses to nest, directly or through the guard variable', async () => {
    const inner = await runCli(['claude', 'exec', 'work', '--', process.execPath, CLI, 'claude', 'exec', 'work', '--', 'true'], { env: t.env });
    expect(inner.code).toBe(1);
    expect(inner.stderr).toContain("✗ Already inside 'cuti claude exec' for account 'work'; refusing to nest");
    const guarded = await runCli(['claude', 'exec', 'work', '--', 'true'], { env: { ...t.env, CUTI_EXEC_ACCOUNT: 'other' } });
    expect(guarded.code).toBe(1);
  });

  it('bad invocations: no --, unknown command, no active account, unknown account', async () => {
    const noDash = await runCli(['claude', 'exec', 'work', 'true'], { env: t.env });
    expect(noDash.code).toBe(2);
    expect(noDash.stderr).toContain("exec needs '--' before the command");
    const missing = await runCli(['claude', 'exec', 'work', '--', 'no-such-command-xyz'], { env: t.env });
    expect(missing.code).toBe(127);
    expect(missing.stderr).toBe('✗ command not found: no-such-command-xyz\n');
    const noActive = await runCli(['claude', 'exec', '--', 'true'], { env: t.env });
    expect(noActive.code).toBe(1);
    expect(noActive.stderr).toContain('✗ No active account');
    const unknown = await runCli(['claude', 'exec', 'nobody', '--', 'true'], { env: t.env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("✗ Account 'nobody' not found");
  });
});

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
