import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { baseEnv, CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';

let t: TempHome;
let keyFile: string;
const cuti = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)}`;
const VARS = [
  'CLAUDE_CODE_USE_VERTEX', 'CLOUD_ML_REGION', 'ANTHROPIC_VERTEX_PROJECT_ID', 'GOOGLE_APPLICATION_CREDENTIALS',
  'VERTEX_REGION_CLAUDE_HAIKU_4_5', 'ANTHROPIC_MODEL', 'GOOGLE_CLOUD_PROJECT',
  'ANTHROPIC_API_KEY', 'CLAUDE_CODE_USE_BEDROCK', 'AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'CLAUDE_CODE_USE_FOUNDRY',
];
const DUMP = `${JSON.stringify(process.execPath)} -e 'process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(VARS)}.map(n=>[n,process.env[n]??null]))))'`;
/** What a shell or child inherits that a Vertex hand-over must clear. */
const INHERITED = { ANTHROPIC_API_KEY: SECRETS.anthropicKey, CLAUDE_CODE_USE_BEDROCK: '1', AWS_ACCESS_KEY_ID: SECRETS.accessKeyId, AWS_PROFILE: 'corp', GOOGLE_CLOUD_PROJECT: 'other-project' };

beforeEach(() => {
  t = makeTempHome();
  keyFile = join(t.home, 'sa key.json');
  writeFileSync(keyFile, JSON.stringify({ type: 'service_account', project_id: 'my-project-123', private_key: 'PRIVATE' }));
});
afterEach(() => t.cleanup());

const add = (args: string[]) => runCli(['claude', 'add-api-key', 'gcp', '-p', 'vertex', ...args], { env: t.env });

describe('Google Vertex AI accounts', () => {
  it('are stored from flags with the key file by path, listed as API (Vertex), and shown', async () => {
    const added = await add(['--project-id', 'my-project-123', '--region', 'us-east5', '--credentials-file', keyFile, '--model-regions', 'CLAUDE_HAIKU_4_5=us-east5', '--model', 'claude-opus-4-8']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('✓ Added vertex API key to account: gcp');
    const doc = JSON.parse(readFileSync(join(t.accountsRoot, 'gcp', '.api_keys.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(doc.vertex).toEqual({
      project_id: 'my-project-123',
      region: 'us-east5',
      credentials_file: keyFile,
      region_overrides: { VERTEX_REGION_CLAUDE_HAIKU_4_5: 'us-east5' },
      model: 'claude-opus-4-8',
      provider: 'vertex',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
    // The key file's content is not copied into cuti's store.
    expect(readFileSync(join(t.accountsRoot, 'gcp', '.api_keys.json'), 'utf8')).not.toContain('PRIVATE');
    const meta = JSON.parse(readFileSync(join(t.accountsRoot, 'accounts.json'), 'utf8')) as { accounts: Record<string, { credential_type: string }> };
    expect(meta.accounts.gcp?.credential_type).toBe('vertex_api');
    expect((await runCli(['claude', 'list'], { env: t.env })).stdout).toContain('API (Vertex)');
    const shown = await runCli(['claude', 'show-api-key', 'gcp', '-p', 'vertex'], { env: t.env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Vertex API Key - gcp');
    expect(shown.stdout).toMatch(/Project ID: my-project-123/);
    expect(shown.stdout).toMatch(/Model Regions: CLAUDE_HAIKU_4_5=us-east5/);
    const info = await runCli(['claude', 'info', 'gcp'], { env: t.env });
    expect(info.stdout).toContain('Vertex API key:');
    expect(info.stdout).toMatch(/Model: claude-opus-4-8/);
  });

  it('hands over exactly its variables through env (bash) and exec, clearing other providers and the project override', async () => {
    expect((await add(['--project-id', 'my-project-123', '-r', 'global', '--credentials-file', keyFile, '--model-regions', 'CLAUDE_HAIKU_4_5=us-east5'])).code).toBe(0);
    const expected = {
      CLAUDE_CODE_USE_VERTEX: '1',
      CLOUD_ML_REGION: 'global',
      ANTHROPIC_VERTEX_PROJECT_ID: 'my-project-123',
      GOOGLE_APPLICATION_CREDENTIALS: keyFile,
      VERTEX_REGION_CLAUDE_HAIKU_4_5: 'us-east5',
      ANTHROPIC_MODEL: null,
      GOOGLE_CLOUD_PROJECT: null,
      ANTHROPIC_API_KEY: null,
      CLAUDE_CODE_USE_BEDROCK: null,
      AWS_ACCESS_KEY_ID: null,
      AWS_PROFILE: null,
      CLAUDE_CODE_USE_FOUNDRY: null,
    };
    const viaEnv = execFileSync('bash', ['-c', `eval "$(${cuti} claude env gcp)"; ${DUMP}`], { env: baseEnv({ ...t.env, ...INHERITED }), encoding: 'utf8' });
    expect(JSON.parse(viaEnv)).toEqual(expected);
    const viaExec = execFileSync(process.execPath, [CLI, 'claude', 'exec', 'gcp', '--', 'bash', '-c', DUMP], { env: baseEnv({ ...t.env, ...INHERITED }), encoding: 'utf8' });
    expect(JSON.parse(viaExec)).toEqual(expected);
  });

  it('takes application default credentials when no key file is given', async () => {
    expect((await add(['--project-id', 'my-project-123', '-r', 'eu'])).code).toBe(0);
    const out = execFileSync(process.execPath, [CLI, 'claude', 'env', 'gcp', '--json'], { env: baseEnv(t.env), encoding: 'utf8' });
    const names = (JSON.parse(out) as { set: Array<{ name: string }> }).set.map((v) => v.name);
    expect(names).toEqual(['CLAUDE_CODE_USE_VERTEX', 'CLOUD_ML_REGION', 'ANTHROPIC_VERTEX_PROJECT_ID']);
  });

  const unreadable = () => {
    chmodSync(keyFile, 0o000);
    return keyFile;
  };
  it.each([
    ['a missing project', () => ['-r', 'us-east5'], /Vertex AI requires --project-id and --region/],
    ['a missing region', () => ['--project-id', 'my-project-123'], /Vertex AI requires --project-id and --region/],
    ['a region that is no Vertex region', () => ['--project-id', 'my-project-123', '-r', 'us east/5'], /is not a Vertex AI region/],
    ['a project id that is none', () => ['--project-id', 'My Project', '-r', 'us-east5'], /is not a Google Cloud project id/],
    ['a key file that does not exist', () => ['--project-id', 'my-project-123', '-r', 'us-east5', '--credentials-file', join(t.home, 'nope.json')], /cannot be read \(ENOENT\)/],
    ['a key file that is not JSON', () => {
      writeFileSync(keyFile, 'not json');
      return ['--project-id', 'my-project-123', '-r', 'us-east5', '--credentials-file', keyFile];
    }, /is not JSON/],
    // Read with a bound: a device or a huge file is refused, not read until memory runs out.
    ['a key file that never ends', () => ['--project-id', 'my-project-123', '-r', 'us-east5', '--credentials-file', '/dev/zero'], /^✗ Credentials file \/dev\/zero is over 1 MB/],
    ['a key file far larger than any key', () => {
      writeFileSync(keyFile, `{"type":"service_account","pad":"${'x'.repeat(2 * 1024 * 1024)}"}`);
      return ['--project-id', 'my-project-123', '-r', 'us-east5', '--credentials-file', keyFile];
    }, /is over 1 MB/],
    ['an API key given to Vertex', () => ['--project-id', 'my-project-123', '-r', 'us-east5', '--api-key', SECRETS.anthropicKey], /Vertex AI takes no API key/],
    ['a Bedrock-only option', () => ['--project-id', 'my-project-123', '-r', 'us-east5', '--profile', 'corp'], /--profile does not apply to provider vertex/],
    ['an unknown per-model region', () => ['--project-id', 'my-project-123', '-r', 'us-east5', '--model-regions', 'CLAUDE_9=us-east5'], /Per-model region/],
    // A model id is shown in the clear and written to Claude Code's settings: a key there is a mistake.
    ['a key pasted as the model pin', () => ['--project-id', 'my-project-123', '-r', 'us-east5', '--model', SECRETS.anthropicKey], /^✗ Model looks like a credential; give the model id$/],
    ['a key pasted as the Haiku pin', () => ['--project-id', 'my-project-123', '-r', 'us-east5', '--haiku-model', SECRETS.anthropicKey], /^✗ Haiku model looks like a credential/],
  ])('refuses %s with one line, exit 1, nothing written', async (_what, args, message) => {
    await runCli(['claude', 'add-api-key', 'other', '--api-key', SECRETS.anthropicKey], { env: t.env });
    const before = snapshotTree(t.cutiHome);
    const result = await add(args());
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')[0]).toMatch(message);
    expect(result.stderr).not.toContain(SECRETS.anthropicKey);
    expect(snapshotTree(t.cutiHome)).toEqual(before);
  });

  it.runIf(process.getuid?.() !== 0)('refuses an unreadable key file', async () => {
    const result = await add(['--project-id', 'my-project-123', '-r', 'us-east5', '--credentials-file', unreadable()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot be read \(EACCES\)/);
  });
});

describe('status for a Vertex account', () => {
  it('names Vertex as what Claude Code uses, and warns when GOOGLE_CLOUD_PROJECT would override the project', async () => {
    expect((await add(['--project-id', 'my-project-123', '-r', 'global'])).code).toBe(0);
    expect((await runCli(['claude', 'use', 'gcp'], { env: t.env })).code).toBe(0);
    const vars = { CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'my-project-123', GOOGLE_CLOUD_PROJECT: 'other-project' };
    const status = await runCli(['claude', 'status'], { env: { ...t.env, ...vars } });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("Claude Code will use the active account 'gcp' (Google Vertex AI (CLAUDE_CODE_USE_VERTEX set in this shell))");
    expect(status.stderr).toContain("GOOGLE_CLOUD_PROJECT is set in this shell and overrides Vertex settings of account 'gcp'");
  });
});
