import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { baseEnv, CLI, makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess, runInTerminal } from '../helpers/in-process.js';
import { SECRETS } from '../helpers/secrets.js';

// Secrets full of what shells love to expand: $, quotes of both kinds, backslash, spaces, backticks.
const TRICKY_KEY = `${SECRETS.anthropicKey}$HOME "dq" 'sq' \\ back\`tick\`$(id)`;
const TRICKY_SECRET = `${SECRETS.secretAccessKey}'$USER"\\n %s`;

function installed(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

let t: TempHome;
const cuti = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)}`;

beforeEach(async () => {
  t = makeTempHome();
  expect((await runInProcess(['claude', 'add-api-key', 'work', '--api-key', '-'], { env: t.env, input: TRICKY_KEY })).code).toBe(0);
  const bed = await runInProcess(
    ['claude', 'add-api-key', 'bed', '-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '-r', 'us-west-2', '--access-key', SECRETS.accessKeyId, '--secret-key', '-'],
    { env: t.env, input: TRICKY_SECRET },
  );
  expect(bed.code).toBe(0);
});
afterEach(() => t.cleanup());

function shellOut(shell: string, script: string, extraEnv: NodeJS.ProcessEnv = {}): Record<string, string> {
  const out = execFileSync(shell, ['-c', script], { env: baseEnv({ ...t.env, ...extraEnv }), encoding: 'utf8' });
  return JSON.parse(out) as Record<string, string>;
}

const DUMP = `${JSON.stringify(process.execPath)} -e 'const k=["ANTHROPIC_API_KEY","AWS_SECRET_ACCESS_KEY","AWS_ACCESS_KEY_ID","AWS_REGION","CLAUDE_CODE_USE_BEDROCK","ANTHROPIC_MODEL","AWS_PROFILE"];process.stdout.write(JSON.stringify(Object.fromEntries(k.map(n=>[n,process.env[n]??null]))))'`;

describe('cuti claude env', () => {
  it('eval "$(cuti claude env work)" in bash sets the exact key and clears inherited variables', () => {
    const vars = shellOut('bash', `eval "$(${cuti} claude env work)"; ${DUMP}`, { AWS_PROFILE: 'corp', AWS_REGION: 'x' });
    expect(vars).toEqual({
      ANTHROPIC_API_KEY: TRICKY_KEY,
      AWS_SECRET_ACCESS_KEY: null,
      AWS_ACCESS_KEY_ID: null,
      AWS_REGION: null,
      CLAUDE_CODE_USE_BEDROCK: null,
      ANTHROPIC_MODEL: null,
      AWS_PROFILE: null,
    });
  });

  it('Bedrock exports arrive exactly in bash, and with /bin/sh via --save', () => {
    const expected = {
      ANTHROPIC_API_KEY: null,
      AWS_SECRET_ACCESS_KEY: TRICKY_SECRET,
      AWS_ACCESS_KEY_ID: SECRETS.accessKeyId,
      AWS_REGION: 'us-west-2',
      CLAUDE_CODE_USE_BEDROCK: '1',
      ANTHROPIC_MODEL: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
      AWS_PROFILE: null,
    };
    expect(shellOut('bash', `eval "$(${cuti} claude env bed --shell bash)"; ${DUMP}`, { ANTHROPIC_API_KEY: 'stale' })).toEqual(expected);
    const saved = spawnSync(process.execPath, [CLI, 'claude', 'env', 'bed', '--save'], { env: baseEnv(t.env), encoding: 'utf8' });
    expect(saved.status).toBe(0);
    const script = join(t.accountsRoot, 'bed', 'env.sh');
    expect(saved.stdout).toContain(`✓ Saved environment script to: ${script}`);
    expect(statSync(script).mode & 0o777).toBe(0o600);
    expect(shellOut('/bin/sh', `. '${script}'; ${DUMP}`)).toEqual(expected);
  });

  it.skipIf(!installed('fish'))('fish: `cuti claude env work --shell fish | source` sets the exact values', () => {
    const vars = shellOut('fish', `${cuti} claude env work --shell fish | source; ${DUMP}`);
    expect(vars.ANTHROPIC_API_KEY).toBe(TRICKY_KEY);
    const bed = shellOut('fish', `set -gx ANTHROPIC_API_KEY stale; ${cuti} claude env bed --shell fish | source; ${DUMP}`);
    expect(bed.AWS_SECRET_ACCESS_KEY).toBe(TRICKY_SECRET);
    expect(bed.ANTHROPIC_API_KEY).toBeNull();
  });

  it('fish is picked from $SHELL without --shell', () => {
    const r = spawnSync(process.execPath, [CLI, 'claude', 'env', 'work'], { env: baseEnv({ ...t.env, SHELL: '/usr/bin/fish' }), encoding: 'utf8' });
    expect(r.stdout).toMatch(/^set -e ANTHROPIC_AUTH_TOKEN 2>\/dev\/null; or true$/m);
    expect(r.stdout).toMatch(/^set -gx ANTHROPIC_API_KEY '/m);
  });

  // The original tool documents `eval $(cuti claude env <account> --export)` without quotes:
  // the lines then run together into one, and each must still be a whole command.
  it.each(['bash', 'zsh'])('%s: the unquoted eval $(cuti claude env <account> --export) works too', (shell) => {
    if (!installed(shell)) return;
    const vars = shellOut(shell, `eval $(${cuti} claude env work --export); ${DUMP}`, { AWS_PROFILE: 'corp', AWS_REGION: 'x' });
    expect(vars).toEqual({ ...Object.fromEntries(Object.keys(vars).map((k) => [k, null])), ANTHROPIC_API_KEY: TRICKY_KEY });
    const bed = shellOut(shell, `eval $(${cuti} claude env bed --export); ${DUMP}`, { ANTHROPIC_API_KEY: 'stale' });
    expect(bed).toMatchObject({ ANTHROPIC_API_KEY: null, AWS_SECRET_ACCESS_KEY: TRICKY_SECRET, AWS_REGION: 'us-west-2', CLAUDE_CODE_USE_BEDROCK: '1' });
    const cleared = shellOut(shell, `eval $(${cuti} claude env bed --export); eval $(${cuti} claude env --unset); ${DUMP}`);
    expect(Object.values(cleared).every((v) => v === null)).toBe(true);
  });

  it.skipIf(!installed('zsh'))('zsh: eval sets the exact values', () => {
    expect(shellOut('zsh', `eval "$(${cuti} claude env work --shell zsh)"; ${DUMP}`).ANTHROPIC_API_KEY).toBe(TRICKY_KEY);
  });

  it.skipIf(!installed('pwsh'))('PowerShell: Invoke-Expression sets the exact value', () => {
    const out = execFileSync('pwsh', ['-NoProfile', '-Command', `${cuti.replace(/"/g, "'")} claude env work --shell powershell | Out-String | Invoke-Expression; [Console]::Write($env:ANTHROPIC_API_KEY)`], {
      env: baseEnv(t.env),
      encoding: 'utf8',
    });
    expect(out).toBe(TRICKY_KEY);
  });

  it('--unset removes every variable cuti manages', () => {
    const vars = shellOut('bash', `eval "$(${cuti} claude env bed)"; eval "$(${cuti} claude env --unset)"; ${DUMP}`, { AWS_PROFILE: 'corp' });
    expect(Object.values(vars).every((v) => v === null)).toBe(true);
  });

  it('--json lists the variables to set and to clear', async () => {
    const r = await runInProcess(['claude', 'env', 'work', '--json'], { env: t.env, revealsSecrets: true });
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; account: string; source: string; set: Array<{ name: string; value: string }>; unset: string[] };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.account).toBe('work');
    expect(doc.source).toBe('anthropic');
    expect(doc.set).toEqual([{ name: 'ANTHROPIC_API_KEY', value: TRICKY_KEY }]);
    expect(doc.unset).toContain('AWS_SECRET_ACCESS_KEY');
  });

  it('on a terminal, without --export, shows the values masked', async () => {
    const r = await runInTerminal(['claude', 'env', 'bed'], [], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.output).toContain('AWS_SECRET_ACCESS_KEY');
    expect(r.output).toContain('***');
    expect(r.output).toContain('eval "$(cuti claude env bed)"');
    const exported = await runInTerminal(['claude', 'env', 'bed', '--export'], [], { env: t.env, revealsSecrets: true });
    expect(exported.output).toContain('export AWS_SECRET_ACCESS_KEY=');
  });

  it('errors: no active account, unknown shell, account without keys', async () => {
    const none = await runInProcess(['claude', 'env'], { env: t.env });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('✗ No active account');
    const shell = await runInProcess(['claude', 'env', 'work', '--shell', 'tcsh'], { env: t.env });
    expect(shell.code).toBe(2);
    expect(shell.stderr).toContain('✗ Invalid shell: tcsh');
    const noProvider = await runInProcess(['claude', 'env', 'work', '-p', 'bedrock'], { env: t.env });
    expect(noProvider.code).toBe(1);
    expect(noProvider.stderr).toContain('No bedrock API key found for account: work');
    expect(readFileSync(join(t.accountsRoot, 'work', '.api_keys.json'), 'utf8')).toContain('"anthropic"');
  });
});
