import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { baseEnv, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';

const SESSION = 'IQoJb3JpZ2luX2VjEFAKEsessionTOKEN0123456789abcdefghij';
const SETTINGS = '{\n  "theme": "dark",\n  "env": { "KEEP": "me" }\n}\n';
let t: TempHome;
let claudeDir: string;

beforeEach(async () => {
  t = makeTempHome();
  claudeDir = join(t.home, '.claude');
  mkdirSync(claudeDir);
  writeFileSync(join(claudeDir, 'settings.json'), SETTINGS);
  const added = await runCli(
    ['claude', 'add-api-key', 'bed', '-p', 'bedrock', '-k', 'anthropic.claude-sonnet-4-6', '-r', 'eu-west-1', '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey, '--session-token-env', 'ST'],
    { env: { ...t.env, ST: SESSION } },
  );
  expect(added.code).toBe(0);
});
afterEach(() => t.cleanup());

describe('cuti claude use --claude-code for Bedrock (awsCredentialExport)', () => {
  it('points awsCredentialExport at cuti, sets only the switch, region and model pin, and the command prints the documented JSON', async () => {
    const r = await runCli(['claude', 'use', 'bed', '-p', 'bedrock', '--claude-code', '--yes'], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ awsCredentialExport and CLAUDE_CODE_USE_BEDROCK set in');
    const text = readFileSync(join(claudeDir, 'settings.json'), 'utf8');
    for (const secret of [SECRETS.accessKeyId, SECRETS.secretAccessKey, SESSION]) expect(text).not.toContain(secret);
    const settings = JSON.parse(text) as { theme: string; awsCredentialExport: string; env: Record<string, string>; apiKeyHelper?: string };
    expect(settings.theme).toBe('dark');
    // The model pin goes with it, as exec hands it over.
    expect(settings.env).toEqual({ KEEP: 'me', CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'eu-west-1', ANTHROPIC_MODEL: 'anthropic.claude-sonnet-4-6' });
    expect(settings.apiKeyHelper).toBeUndefined();
    expect(settings.awsCredentialExport).toMatch(/claude print-aws$/);
    // Claude Code runs it through the shell, from anywhere, with its own environment.
    const printed = execFileSync('/bin/sh', ['-c', settings.awsCredentialExport], { env: baseEnv({ HOME: t.home }), cwd: '/', encoding: 'utf8' });
    expect(JSON.parse(printed)).toEqual({
      Credentials: { AccessKeyId: SECRETS.accessKeyId, SecretAccessKey: SECRETS.secretAccessKey, SessionToken: SESSION },
    });
  });

  it('refuses a Bedrock API key (no SigV4 credential to export) and changes nothing', async () => {
    expect((await runCli(['claude', 'add-api-key', 'br', '-p', 'bedrock', '--bearer', '-k', '-'], { env: t.env, input: SECRETS.bearerToken })).code).toBe(0);
    const before = snapshotTree(t.home);
    const r = await runCli(['claude', 'use', 'br', '-p', 'bedrock', '--claude-code', '--yes'], { env: t.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot be exported as AWS credentials/);
    expect(r.stderr).not.toContain(SECRETS.bearerToken);
    expect(snapshotTree(t.home)).toEqual(before);
  });
});
