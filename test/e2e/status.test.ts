import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { SECRETS } from '../helpers/secrets.js';

let t: TempHome;
let claudeDir: string;

beforeEach(async () => {
  t = makeTempHome();
  claudeDir = join(t.home, '.claude');
  expect((await runInProcess(['claude', 'add-api-key', 'work', '-k', '-'], { env: t.env, input: SECRETS.anthropicKey })).code).toBe(0);
});
afterEach(() => t.cleanup());

function liveLogin(): void {
  mkdirSync(claudeDir, { recursive: true });
  writeFileSync(
    join(claudeDir, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: SECRETS.oauthAccessToken, refreshToken: SECRETS.oauthRefreshToken, subscriptionType: 'max' } }),
  );
}

describe('cuti claude status', () => {
  it('no active account and no credential anywhere', async () => {
    const r = await runInProcess(['claude', 'status'], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No active account');
    expect(r.stdout).toContain('⚠ Claude Code finds no credential and will ask you to log in');
  });

  it('an active API account that nothing hands to Claude Code: the login wins, and how to fix it', async () => {
    liveLogin();
    expect((await runInProcess(['claude', 'use', 'work'], { env: t.env })).code).toBe(0);
    const r = await runInProcess(['claude', 'status'], { env: t.env });
    expect(r.stdout).toContain('Active account: work (API (Anthropic); uses anthropic)');
    expect(r.stdout).toContain(`⚠ The Claude Code login in ${join(claudeDir, '.credentials.json')} overrides the active account 'work'`);
    expect(r.stdout).toContain('cuti claude exec work -- claude');
    expect(r.stdout).toContain('cuti claude use work --claude-code');
  });

  it('ANTHROPIC_API_KEY in the shell: matches the account, or overrides it', async () => {
    liveLogin();
    expect((await runInProcess(['claude', 'use', 'work'], { env: t.env })).code).toBe(0);
    const same = await runInProcess(['claude', 'status'], { env: { ...t.env, ANTHROPIC_API_KEY: SECRETS.anthropicKey } });
    expect(same.stdout).toContain("✓ Claude Code will use the active account 'work' (ANTHROPIC_API_KEY set in this shell (sk-ant-a...fXYZ))");
    expect(same.stdout).toContain(`Also present, outranked: the Claude Code login in ${join(claudeDir, '.credentials.json')}`);
    const other = await runInProcess(['claude', 'status'], { env: { ...t.env, ANTHROPIC_API_KEY: SECRETS.anthropicKey2 } });
    expect(other.stdout).toContain("⚠ ANTHROPIC_API_KEY set in this shell (sk-ant-a...uQRS) overrides the active account 'work'");
  });

  it('Bedrock switched on in the settings env block outranks everything', async () => {
    mkdirSync(claudeDir, { recursive: true });
    writeFileSync(join(claudeDir, 'settings.json'), JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1' } }));
    expect((await runInProcess(['claude', 'use', 'work'], { env: t.env })).code).toBe(0);
    const r = await runInProcess(['claude', 'status'], { env: { ...t.env, ANTHROPIC_API_KEY: SECRETS.anthropicKey } });
    expect(r.stdout).toContain(`⚠ Amazon Bedrock (CLAUDE_CODE_USE_BEDROCK set in the env block of ${join(claudeDir, 'settings.json')}) overrides the active account 'work'`);
  });

  it('inside exec, the account it exported is what Claude Code uses', async () => {
    expect((await runInProcess(['claude', 'use', 'work'], { env: t.env })).code).toBe(0);
    const r = await runCli(['claude', 'exec', '--', process.execPath, CLI, 'claude', 'status'], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✓ Claude Code will use the active account 'work'");
  });

  it('a corrupt settings.json is named, and the report still comes', async () => {
    mkdirSync(claudeDir, { recursive: true });
    writeFileSync(join(claudeDir, 'settings.json'), '{ "a": 1, }');
    const r = await runInProcess(['claude', 'status'], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${join(claudeDir, 'settings.json')}: not a valid JSON object`);
    expect(r.stdout).toContain('Claude Code finds no credential');
  });
});
