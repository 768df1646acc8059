import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { baseEnv, CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { python } from '../helpers/python.js';
import { SECRETS } from '../helpers/secrets.js';

let t: TempHome;
const SESSION = 'IQoJb3JpZ2luX2VjEFAKEsessionTOKEN0123456789abcdefghij';
const VARS = [
  'CLAUDE_CODE_USE_BEDROCK', 'AWS_REGION', 'AWS_PROFILE', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'ANTHROPIC_MODEL', 'ANTHROPIC_API_KEY', 'CLAUDE_CODE_USE_VERTEX',
];
const DUMP = `${JSON.stringify(process.execPath)} -e 'process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(VARS)}.map(n=>[n,process.env[n]??null]))))'`;
const INHERITED = {
  ANTHROPIC_API_KEY: SECRETS.anthropicKey, AWS_PROFILE: 'corp', AWS_ACCESS_KEY_ID: 'AKIAINHERITED0000000', AWS_SESSION_TOKEN: 'stale',
  AWS_BEARER_TOKEN_BEDROCK: 'stale-bearer', CLAUDE_CODE_USE_VERTEX: '1',
};
const NONE = Object.fromEntries(VARS.map((n) => [n, null]));

beforeEach(() => {
  t = makeTempHome();
});
afterEach(() => t.cleanup());

const add = (account: string, args: string[], input?: string) =>
  runCli(['claude', 'add-api-key', account, '-p', 'bedrock', ...args], { env: t.env, ...(input === undefined ? {} : { input }) });
const keysOf = (account: string) => readFileSync(join(t.accountsRoot, account, '.api_keys.json'), 'utf8');
const childEnv = (account: string) =>
  JSON.parse(execFileSync(process.execPath, [CLI, 'claude', 'exec', account, '--', 'bash', '-c', DUMP], { env: baseEnv({ ...t.env, ...INHERITED }), encoding: 'utf8' })) as Record<string, string | null>;
const evalEnv = (account: string) =>
  JSON.parse(execFileSync('bash', ['-c', `eval "$(${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} claude env ${account})"; ${DUMP}`], { env: baseEnv({ ...t.env, ...INHERITED }), encoding: 'utf8' })) as Record<string, string | null>;

describe('Bedrock, every form', () => {
  it("a Bedrock API key (--bearer, key on stdin) is written in the original tool's bearer form, byte for byte", async () => {
    const added = await add('br', ['--bearer', '--api-key', '-', '-r', 'eu-west-1'], SECRETS.bearerToken);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const text = keysOf('br');
    const created = (JSON.parse(text) as { bedrock: { created: string } }).bedrock.created;
    // What the original's save_api_key(use_bearer_token=True) writes: json.dumps(indent=2) of this dict.
    const original = python(
      `import json, sys\nprint(json.dumps({"bedrock": {"bearer_token": ${JSON.stringify(SECRETS.bearerToken)}, "region": "eu-west-1", "provider": "bedrock", "auth_method": "bearer_token", "created": ${JSON.stringify(created)}}}, indent=2), end="")`,
    );
    expect(text).toBe(original);
    const expected = { ...NONE, CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'eu-west-1', AWS_BEARER_TOKEN_BEDROCK: SECRETS.bearerToken };
    expect(childEnv('br')).toEqual(expected);
    expect(evalEnv('br')).toEqual(expected);
    const shown = await runCli(['claude', 'show-api-key', 'br', '-p', 'bedrock'], { env: t.env });
    expect(shown.stdout).toContain('Auth Method: bearer_token');
    expect(shown.stdout).toContain('Bearer Token: ABSKFAKEbear...abcdef');
    expect(shown.stdout).not.toContain(SECRETS.bearerToken);
  });

  it('an AWS profile stores no secret and hands over AWS_PROFILE (region from the profile unless given)', async () => {
    const added = await add('sso', ['--profile', 'team-sso', '--model', 'us.anthropic.claude-opus-4-8']);
    expect(added.code).toBe(0);
    const doc = JSON.parse(keysOf('sso')) as { bedrock: Record<string, unknown> };
    expect(doc.bedrock).toEqual({ profile: 'team-sso', model_id: 'us.anthropic.claude-opus-4-8', provider: 'bedrock', auth_method: 'profile', created: doc.bedrock.created });
    const expected = { ...NONE, CLAUDE_CODE_USE_BEDROCK: '1', AWS_PROFILE: 'team-sso', ANTHROPIC_MODEL: 'us.anthropic.claude-opus-4-8' };
    expect(childEnv('sso')).toEqual(expected);
    expect(evalEnv('sso')).toEqual(expected);
    expect((await runCli(['claude', 'info', 'sso'], { env: t.env })).stdout).toMatch(/AWS Profile: team-sso/);
  });

  it('access keys take an optional session token (a secret: from stdin, never shown)', async () => {
    const added = await add('tmp', ['-k', 'anthropic.claude-sonnet-4-6', '-r', 'us-east-1', '--access-keys', '--access-key', 'ASIAIOSFODNN7EXAMPLE', '--secret-key-env', 'SK', '--session-token', '-'], SESSION);
    expect(added.code).toBe(1); // SK is not set: one clear line
    const env = { ...t.env, SK: SECRETS.secretAccessKey };
    const ok = await runCli(['claude', 'add-api-key', 'tmp', '-p', 'bedrock', '-k', 'anthropic.claude-sonnet-4-6', '-r', 'us-east-1', '--access-keys', '--access-key', 'ASIAIOSFODNN7EXAMPLE', '--secret-key-env', 'SK', '--session-token', '-'], { env, input: SESSION });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const doc = JSON.parse(keysOf('tmp')) as { bedrock: Record<string, unknown> };
    expect(Object.keys(doc.bedrock)).toEqual(['model_id', 'region', 'access_key_id', 'secret_access_key', 'session_token', 'provider', 'auth_method', 'created']);
    expect(childEnv('tmp')).toEqual({
      ...NONE,
      CLAUDE_CODE_USE_BEDROCK: '1',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: SECRETS.secretAccessKey,
      AWS_SESSION_TOKEN: SESSION,
      ANTHROPIC_MODEL: 'anthropic.claude-sonnet-4-6',
    });
    const shown = await runCli(['claude', 'show-api-key', 'tmp', '-p', 'bedrock'], { env: t.env });
    expect(shown.stdout).toContain('Session Token: ***');
    expect(shown.stdout).not.toContain(SESSION);
  });

  it.each([
    ['--profile with --access-key', ['--profile', 'p', '--access-key', SECRETS.accessKeyId, '-r', 'us-east-1'], /one form of credentials/],
    ['--bearer with --profile', ['--bearer', '--profile', 'p', '-k', SECRETS.bearerToken], /one form of credentials/],
    ['--bearer with --secret-key', ['--bearer', '-k', SECRETS.bearerToken, '--secret-key', SECRETS.secretAccessKey], /one form of credentials/],
    ['--bearer without its key', ['--bearer', '-r', 'us-east-1'], /requires the Bedrock API key/],
    ['--profile with an --api-key', ['--profile', 'p', '-k', SECRETS.bearerToken], /stores no key/],
    ['a region with a dot', ['--profile', 'p', '-r', 'us-east-1.amazonaws.com'], /is not a region name/],
    ['a region with a space', ['-k', 'm', '-r', 'us east 1', '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey], /is not a region name/],
    ['access keys without the secret', ['-k', 'm', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId], /Bedrock requires --region, --access-key, and --secret-key/],
    ['a Foundry-only option', ['--profile', 'p', '--resource', 'r1'], /--resource does not apply to provider bedrock/],
  ])('refuses %s with one line, exit 1, nothing written', async (_what, args, message) => {
    await runCli(['claude', 'add-api-key', 'other', '--api-key', SECRETS.anthropicKey], { env: t.env });
    const before = snapshotTree(t.cutiHome);
    const result = await add('bad', args);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    for (const secret of [SECRETS.bearerToken, SECRETS.secretAccessKey, SECRETS.accessKeyId]) expect(result.stderr).not.toContain(secret);
    expect(snapshotTree(t.cutiHome)).toEqual(before);
  });
});

describe("the original tool's reads of a home cuti wrote every provider into", () => {
  const READER = resolve(import.meta.dirname, '../fixtures/original_reader.py');
  const original = (...args: string[]) => execFileSync('python3', [READER, t.cutiHome, ...args], { encoding: 'utf8' });

  it('list and list-api-keys still work after Vertex, Foundry and every Bedrock form were added', async () => {
    expect((await runCli(['claude', 'add-api-key', 'mixed', '--api-key', SECRETS.anthropicKey], { env: t.env })).code).toBe(0);
    expect((await add('mixed', ['--bearer', '-k', '-'], SECRETS.bearerToken)).code).toBe(0);
    expect((await runCli(['claude', 'add-api-key', 'mixed', '-p', 'vertex', '--project-id', 'my-project-123', '-r', 'global'], { env: t.env })).code).toBe(0);
    expect((await runCli(['claude', 'add-api-key', 'mixed', '-p', 'foundry', '--resource', 'r1', '--api-key', '-'], { env: t.env, input: 'f0undryKeyAbCdEf0123456789xyzW' })).code).toBe(0);
    expect((await runCli(['claude', 'add-api-key', 'gcp', '-p', 'vertex', '--project-id', 'my-project-123', '-r', 'us-east5'], { env: t.env })).code).toBe(0);
    expect((await runCli(['claude', 'add-api-key', 'azure', '-p', 'foundry', '--resource', 'r1', '--api-key', '-'], { env: t.env, input: 'f0undryKeyAbCdEf0123456789xyzW' })).code).toBe(0);
    expect((await add('sso', ['--profile', 'team'])).code).toBe(0);
    const today = new Date().toISOString().slice(0, 4);
    const listed = original('list').trim().split('\n');
    expect(listed.map((l) => l.split('|').slice(0, 2).join('|'))).toEqual([
      'azure|API', // an unknown credential_type is plain "API" to the original
      'gcp|API',
      'mixed|API',
      'sso|API (Bedrock)',
    ]);
    for (const line of listed) expect(line.split('|')[2]).toMatch(new RegExp(`^${today}-\\d\\d-\\d\\d$`));
    expect(original('list-api-keys', 'mixed')).toMatch(/^API Keys for account: mixed\n {2}\* anthropic - Added: .+\n {2}\* bedrock - Added: .+\n {2}\* vertex - Added: .+\n {2}\* foundry - Added: .+\n$/);
    expect(original('list-api-keys', 'gcp')).toMatch(/\* vertex - Added: \d{4}-\d\d-\d\d \d\d:\d\d/);
  });
});
