import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { pythonRewrite } from '../helpers/python.js';
import { SECRETS } from '../helpers/secrets.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/;
const MODEL = 'anthropic.claude-3-5-sonnet-20241022-v2:0';

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => home.cleanup());

const cuti = (...args: string[]) => runInProcess(['claude', ...args], { env: home.env });
const keysFile = (account: string) => join(home.accountsRoot, account, '.api_keys.json');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;
const mode = (path: string) => statSync(path).mode & 0o777;

/** Warnings (⚠) are allowed on stderr after a success; errors are not. */
function expectSuccess(result: { code: number | null; stderr: string }) {
  expect(result.code).toBe(0);
  for (const line of result.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^⚠ {2}/);
}

describe('cuti claude add-api-key', () => {
  it('adds an Anthropic key (spec example) and prints what the original prints', async () => {
    const result = await cuti('add-api-key', 'prod-api', '--api-key', SECRETS.anthropicKey);
    expectSuccess(result);
    expect(result.stdout).toBe(
      '✓ Added anthropic API key to account: prod-api\n\nAPI key stored securely with 600 permissions\nTo use: cuti claude env prod-api\n',
    );

    const text = readFileSync(keysFile('prod-api'), 'utf8');
    const doc = readJson(keysFile('prod-api'));
    expect(Object.keys(doc)).toEqual(['anthropic']);
    expect(Object.keys(doc.anthropic!)).toEqual(['api_key', 'provider', 'created']);
    expect(doc.anthropic).toMatchObject({ api_key: SECRETS.anthropicKey, provider: 'anthropic' });
    expect(doc.anthropic!.created).toMatch(ISO);
    // Byte for byte what Python's json.dumps(doc, indent=2) writes.
    expect(text).toBe(pythonRewrite(text, 'pass'));

    expect(mode(keysFile('prod-api'))).toBe(0o600);
    expect(mode(join(home.accountsRoot, 'prod-api'))).toBe(0o700);
    expect(mode(home.accountsRoot)).toBe(0o700);
    expect(mode(home.cutiHome)).toBe(0o700);
  });

  it('records the account in accounts.json as the original does', async () => {
    await cuti('add-api-key', 'prod-api', '-k', SECRETS.anthropicKey);
    const path = join(home.accountsRoot, 'accounts.json');
    const meta = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(meta)).toEqual(['accounts', 'active', 'last_updated']);
    expect(meta.active).toBeNull();
    expect(meta.last_updated).toMatch(ISO);
    const entry = (meta.accounts as Record<string, Record<string, string>>)['prod-api']!;
    expect(Object.keys(entry)).toEqual(['created', 'last_used', 'type', 'credential_type']);
    expect(entry).toMatchObject({ last_used: 'never', type: 'API', credential_type: 'anthropic_api' });
    expect(entry.created).toBe(readJson(keysFile('prod-api')).anthropic!.created);
    expect(mode(path)).toBe(0o600);
  });

  it('adds Bedrock credentials (spec example) in the spec layout', async () => {
    const result = await cuti(
      'add-api-key', 'bedrock-prod',
      '--api-key', MODEL,
      '--provider', 'bedrock',
      '--region', 'us-east-1',
      '--access-key', SECRETS.accessKeyId,
      '--secret-key', SECRETS.secretAccessKey,
    );
    expectSuccess(result);
    expect(result.stdout.split('\n')[0]).toBe('✓ Added bedrock API key to account: bedrock-prod');
    const doc = readJson(keysFile('bedrock-prod'));
    expect(Object.keys(doc)).toEqual(['bedrock']);
    expect(doc.bedrock).toEqual({
      model_id: MODEL,
      region: 'us-east-1',
      access_key_id: SECRETS.accessKeyId,
      secret_access_key: SECRETS.secretAccessKey,
      provider: 'bedrock',
      auth_method: 'access_keys',
      created: doc.bedrock!.created,
    });
    expect(doc.bedrock!.created).toMatch(ISO);
    const meta = JSON.parse(readFileSync(join(home.accountsRoot, 'accounts.json'), 'utf8')) as {
      accounts: Record<string, { credential_type: string }>;
    };
    expect(meta.accounts['bedrock-prod']?.credential_type).toBe('bedrock_api');
  });

  it('accepts the short flags -k, -p and -r', async () => {
    const result = await cuti(
      'add-api-key', 'bedrock-us', '-k', MODEL, '-p', 'bedrock', '-r', 'eu-west-1',
      '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey,
    );
    expectSuccess(result);
    expect(readJson(keysFile('bedrock-us')).bedrock).toMatchObject({ region: 'eu-west-1', model_id: MODEL });
  });

  it('holds both providers in one file (spec: multiple providers per account)', async () => {
    expectSuccess(await cuti('add-api-key', 'multi', '--api-key', SECRETS.anthropicKey));
    expectSuccess(
      await cuti(
        'add-api-key', 'multi', '--api-key', MODEL, '--provider', 'bedrock', '--region', 'us-east-1',
        '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey,
      ),
    );
    const doc = readJson(keysFile('multi'));
    expect(Object.keys(doc)).toEqual(['anthropic', 'bedrock']);
    expect(doc.anthropic!.api_key).toBe(SECRETS.anthropicKey);
    expect(doc.bedrock!.secret_access_key).toBe(SECRETS.secretAccessKey);
  });

  it('replaces the key of a provider the account already has', async () => {
    await cuti('add-api-key', 'prod', '-k', SECRETS.anthropicKey);
    const result = await cuti('add-api-key', 'prod', '-k', SECRETS.anthropicKey2);
    expectSuccess(result);
    expect(result.stdout).toContain('✓ Added anthropic API key to account: prod');
    expect(readJson(keysFile('prod')).anthropic!.api_key).toBe(SECRETS.anthropicKey2);
  });

  it('stores a key without the sk-ant- prefix, with a warning', async () => {
    const result = await cuti('add-api-key', 'odd', '-k', 'not-an-anthropic-looking-key');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("⚠  API key does not start with 'sk-ant-'; storing it anyway");
    expect(readJson(keysFile('odd')).anthropic!.api_key).toBe('not-an-anthropic-looking-key');
  });

  it('stores an odd-looking access key ID (spec: AKIATEST) with a warning', async () => {
    const result = await cuti(
      'add-api-key', 'multi', '-k', MODEL, '-p', 'bedrock', '-r', 'us-east-1', '--access-key', 'AKIATEST', '--secret-key', 'secret',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      '⚠  Access key ID does not look like an AWS key (20 upper-case characters starting with AKIA or ASIA)',
    );
    expect(readJson(keysFile('multi')).bedrock).toMatchObject({ region: 'us-east-1', access_key_id: 'AKIATEST' });
  });

  it.each([
    ['access keys', ['-k', MODEL, '--access-key', 'AKIAIOSFODNN7EXAMPLE', '--secret-key', 'secret']],
    ['a profile', ['--profile', 'dev']],
  ])('refuses a region of another form (%s): one line, exit 1, nothing written', async (_form, flags) => {
    const result = await cuti('add-api-key', 'multi', '-p', 'bedrock', '-r', 'useast1', ...flags);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("✗ Region 'useast1' is not an AWS region name (e.g. us-east-1, eu-west-1, ap-southeast-2)");
    expect(existsSync(join(home.accountsRoot, 'multi'))).toBe(false);
  });

  it('accepts a unicode account name and shows it as typed', async () => {
    const result = await cuti('add-api-key', 'équipe-账户', '-k', SECRETS.anthropicKey);
    expectSuccess(result);
    expect(result.stdout).toContain('✓ Added anthropic API key to account: équipe-账户');
    expect(readJson(keysFile('équipe-账户')).anthropic!.api_key).toBe(SECRETS.anthropicKey);
  });

  it('never prints the key it stored', async () => {
    // runInProcess fails the run if any part of a fake secret shows up in stdout or stderr.
    const result = await cuti(
      'add-api-key', 'b', '-k', MODEL, '-p', 'bedrock', '-r', 'us-east-1',
      '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey,
    );
    expect(result.code).toBe(0);
  });
});
