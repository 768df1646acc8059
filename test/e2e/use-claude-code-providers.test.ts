import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { PrompterMock } from '../helpers/fake-io.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { runInProcess } from '../helpers/in-process.js';
import { leakedSecrets, SECRETS } from '../helpers/secrets.js';

/*
 * `use --claude-code` for every provider: what lands in Claude Code's settings.json
 * (real files in a temp HOME), that no secret does, and that a switch leaves nothing of
 * the provider before it.
 */

const SETTINGS = '{\n  "theme": "dark",\n  "env": { "KEEP": "me" }\n}\n';
let t: TempHome;
let settingsPath: string;
let keyFile: string;

interface Settings {
  theme: string;
  env: Record<string, string>;
  apiKeyHelper?: string;
  awsCredentialExport?: string;
}
const settings = () => JSON.parse(readFileSync(settingsPath, 'utf8')) as Settings;
const use = (args: string[]) => runInProcess(['claude', 'use', ...args, '--claude-code', '--yes'], { env: t.env });

beforeEach(async () => {
  t = makeTempHome();
  mkdirSync(join(t.home, '.claude'));
  settingsPath = join(t.home, '.claude', 'settings.json');
  writeFileSync(settingsPath, SETTINGS);
  keyFile = join(t.home, 'sa-key.json');
  writeFileSync(keyFile, '{"type": "service_account", "project_id": "my-project-123"}\n', { mode: 0o600 });
  const add = async (args: string[], input?: string, env: NodeJS.ProcessEnv = {}) => {
    const r = await runInProcess(['claude', 'add-api-key', ...args], { env: { ...t.env, ...env }, ...(input === undefined ? {} : { input }) });
    expect(r.code, r.stderr).toBe(0);
  };
  await add(['vx', '-p', 'vertex', '--project-id', 'my-project-123', '-r', 'us-east5', '--credentials-file', keyFile, '--model', 'claude-opus-5', '--model-regions', 'CLAUDE_HAIKU_4_5=europe-west1']);
  await add(['adc', '-p', 'vertex', '--project-id', 'other-project-9', '-r', 'global']);
  await add(['fd', '-p', 'foundry', '--resource', 'my-resource', '--haiku-model', 'claude-haiku-4-5', '--api-key', '-'], SECRETS.anthropicKey2);
  await add(['bed', '-p', 'bedrock', '-k', 'anthropic.claude-sonnet-4-6', '-r', 'eu-west-1', '--access-key', SECRETS.accessKeyId, '--secret-key-env', 'S'], undefined, { S: SECRETS.secretAccessKey });
  await add(['prof', '-p', 'bedrock', '--profile', 'team-sso', '-r', 'us-west-2']);
  await add(['work', '--api-key', '-'], SECRETS.anthropicKey);
});
afterEach(() => t.cleanup());

describe('use --claude-code for Vertex AI', () => {
  it('writes the switch, project, region, key-file path, per-model region and pin to the env block; nothing else changes', async () => {
    const r = await use(['vx', '-p', 'vertex']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`✓ CLAUDE_CODE_USE_VERTEX set in ${settingsPath}`);
    expect(r.stdout).toContain("✓ Claude Code will use the active account 'vx'");
    const doc = settings();
    expect(doc.theme).toBe('dark');
    expect(doc.env).toEqual({
      KEEP: 'me',
      CLAUDE_CODE_USE_VERTEX: '1',
      CLOUD_ML_REGION: 'us-east5',
      ANTHROPIC_VERTEX_PROJECT_ID: 'my-project-123',
      GOOGLE_APPLICATION_CREDENTIALS: keyFile,
      VERTEX_REGION_CLAUDE_HAIKU_4_5: 'europe-west1',
      ANTHROPIC_MODEL: 'claude-opus-5',
    });
    expect(doc.apiKeyHelper).toBeUndefined();
    expect(doc.awsCredentialExport).toBeUndefined();
    // The key file is named, never copied into settings.
    expect(readFileSync(settingsPath, 'utf8')).not.toContain('service_account');
    // A backup of the file it changed.
    const backups = join(t.cutiHome, 'backups', 'claude-code');
    expect(readdirSync(backups).map((d) => readFileSync(join(backups, d, 'settings.json'), 'utf8'))).toEqual([SETTINGS]);
  });

  it('with application default credentials sets no GOOGLE_APPLICATION_CREDENTIALS, and takes out the previous one', async () => {
    expect((await use(['vx', '-p', 'vertex'])).code).toBe(0);
    const r = await use(['adc', '-p', 'vertex']);
    expect(r.code, r.stderr).toBe(0);
    expect(settings().env).toEqual({ KEEP: 'me', CLAUDE_CODE_USE_VERTEX: '1', CLOUD_ML_REGION: 'global', ANTHROPIC_VERTEX_PROJECT_ID: 'other-project-9' });
    expect(r.stdout).toContain('Taken out of env');
    expect(r.stdout).toContain('GOOGLE_APPLICATION_CREDENTIALS');
  });

  it('exec of the same account then hands over the same values without warning about them; of another account it still warns', async () => {
    expect((await use(['vx', '-p', 'vertex'])).code).toBe(0);
    const same = await runCli(['claude', 'exec', 'vx', '--', 'sh', '-c', 'printf %s "$ANTHROPIC_VERTEX_PROJECT_ID"'], { env: t.env });
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toBe('my-project-123');
    expect(same.stderr).not.toContain('would use it instead');
    const other = await runCli(['claude', 'exec', 'adc', '--', 'sh', '-c', 'true'], { env: t.env });
    expect(other.stderr).toContain('sets ANTHROPIC_VERTEX_PROJECT_ID in its env block: Claude Code would use it instead');
  });

  it('run again, changes nothing and says so', async () => {
    expect((await use(['vx', '-p', 'vertex'])).code).toBe(0);
    const text = readFileSync(settingsPath, 'utf8');
    const again = await use(['vx', '-p', 'vertex']);
    expect(again.stdout).toContain('already points Claude Code at this account');
    expect(readFileSync(settingsPath, 'utf8')).toBe(text);
  });
});

describe('use --claude-code for Microsoft Foundry', () => {
  it('writes the switch, resource and pin but never the key, and says how the key is handed over instead', async () => {
    const r = await use(['fd', '-p', 'foundry']);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(settingsPath, 'utf8');
    expect(leakedSecrets(text)).toEqual([]);
    expect(settings().env).toEqual({ KEEP: 'me', CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_RESOURCE: 'my-resource', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'claude-haiku-4-5' });
    expect(r.stderr).toContain('ANTHROPIC_FOUNDRY_API_KEY not written: Claude Code has no helper setting for a Foundry key');
    expect(r.stderr).toContain('cuti claude exec fd -- claude');
    // Honest about what Claude Code started plainly will do: Foundry, but not this key.
    expect(r.stdout).toContain("but not the credential of the active account 'fd'");
    expect(leakedSecrets(r.stdout + r.stderr)).toEqual([]);
  });
});

describe('use --claude-code: a switch leaves nothing of the provider before', () => {
  it('Bedrock → Vertex → Foundry → Anthropic: each time only that provider’s variables and helper', async () => {
    expect((await use(['bed', '-p', 'bedrock'])).code).toBe(0);
    let doc = settings();
    expect(doc.env).toEqual({ KEEP: 'me', CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'eu-west-1', ANTHROPIC_MODEL: 'anthropic.claude-sonnet-4-6' });
    expect(doc.awsCredentialExport).toMatch(/ claude print-aws$/);

    expect((await use(['vx', '-p', 'vertex'])).code).toBe(0);
    doc = settings();
    expect(Object.keys(doc.env).filter((k) => /BEDROCK|^AWS_/.test(k))).toEqual([]);
    expect(doc.awsCredentialExport).toBeUndefined();
    expect(doc.env.ANTHROPIC_MODEL).toBe('claude-opus-5');

    expect((await use(['fd', '-p', 'foundry'])).code).toBe(0);
    doc = settings();
    expect(doc.env).toEqual({ KEEP: 'me', CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_RESOURCE: 'my-resource', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'claude-haiku-4-5' });

    const r = await use(['work']);
    expect(r.code, r.stderr).toBe(0);
    doc = settings();
    expect(doc.env).toEqual({ KEEP: 'me' });
    expect(doc.apiKeyHelper).toMatch(/claude print-key$/);
    expect(r.stdout).toContain("✓ Claude Code will use the active account 'work' (apiKeyHelper in");

    // And back to Bedrock: the Anthropic helper goes.
    expect((await use(['bed', '-p', 'bedrock'])).code).toBe(0);
    expect(settings().apiKeyHelper).toBeUndefined();
  });

  it('remove-helper takes out cuti’s awsCredentialExport (and apiKeyHelper), and names the variables it leaves', async () => {
    expect((await use(['bed', '-p', 'bedrock'])).code).toBe(0);
    const r = await runInProcess(['claude', 'remove-helper'], { env: t.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`✓ Removed cuti's awsCredentialExport from ${settingsPath}`);
    expect(r.stdout).toContain('Its env block still sets CLAUDE_CODE_USE_BEDROCK AWS_REGION ANTHROPIC_MODEL');
    expect(settings().awsCredentialExport).toBeUndefined();
    expect(settings().env.KEEP).toBe('me');
    expect((await use(['work'])).code).toBe(0);
    const again = await runInProcess(['claude', 'remove-helper'], { env: t.env });
    expect(again.stdout).toContain("✓ Removed cuti's apiKeyHelper from");
    expect(again.stdout).not.toContain('still sets');
    const none = await runInProcess(['claude', 'remove-helper'], { env: t.env });
    expect(none.stdout).toContain('nothing to do');
  });

  it('a Bedrock profile: AWS_PROFILE and the region in the env block, and no awsCredentialExport left behind', async () => {
    expect((await use(['bed', '-p', 'bedrock'])).code).toBe(0);
    const r = await use(['prof', '-p', 'bedrock']);
    expect(r.code, r.stderr).toBe(0);
    const doc = settings();
    expect(doc.env).toEqual({ KEEP: 'me', CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-west-2', AWS_PROFILE: 'team-sso' });
    expect(doc.awsCredentialExport).toBeUndefined();
  });

  it('keeps what is not cuti’s: another program’s awsCredentialExport and unrelated variables', async () => {
    writeFileSync(settingsPath, JSON.stringify({ awsCredentialExport: 'aws-vault export --format=json team', env: { KEEP: 'me', CLAUDE_CODE_USE_BEDROCK: '1' } }));
    expect((await use(['vx', '-p', 'vertex'])).code).toBe(0);
    const doc = settings();
    expect(doc.awsCredentialExport).toBe('aws-vault export --format=json team');
    expect(doc.env.KEEP).toBe('me');
    expect(doc.env.CLAUDE_CODE_USE_BEDROCK).toBeUndefined();
  });

  it('asks first on a terminal, showing what the env block will hold and lose; No changes nothing', async () => {
    expect((await use(['bed', '-p', 'bedrock'])).code).toBe(0);
    const text = readFileSync(settingsPath, 'utf8');
    const prompter = new PrompterMock().onConfirm(/^Set CLAUDE_CODE_USE_VERTEX in .*settings\.json\?$/, false);
    const r = await runInProcess(['claude', 'use', 'vx', '-p', 'vertex', '--claude-code'], { env: t.env, stdinTTY: true, prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(prompter.asked).toEqual([`Set CLAUDE_CODE_USE_VERTEX in ${settingsPath}?`]);
    expect(r.stderr).toContain('Its env block will hold: CLAUDE_CODE_USE_VERTEX=1 CLOUD_ML_REGION=us-east5');
    expect(r.stderr).toContain('and no longer: CLAUDE_CODE_USE_BEDROCK AWS_REGION');
    expect(r.stderr).toContain('settings.json left unchanged');
    expect(readFileSync(settingsPath, 'utf8')).toBe(text);
  });

  it('refuses before changing anything: an account without that provider, and no terminal to ask', async () => {
    const before = snapshotTree(t.home);
    const missing = await use(['vx', '-p', 'foundry']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No foundry API key found for account: vx/);
    const asked = await runInProcess(['claude', 'use', 'vx', '-p', 'vertex', '--claude-code'], { env: t.env });
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('Re-run with --yes');
    expect(snapshotTree(t.home)).toEqual(before);
    expect(existsSync(join(t.cutiHome, 'backups'))).toBe(false);
  });
});
