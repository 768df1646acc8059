import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { SECRETS } from '../helpers/secrets.js';

let t: TempHome;

beforeEach(async () => {
  t = makeTempHome();
  expect((await runInProcess(['claude', 'add-api-key', 'work', '-k', '-'], { env: t.env, input: SECRETS.anthropicKey })).code).toBe(0);
  const bed = await runInProcess(
    ['claude', 'add-api-key', 'work', '-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', '-'],
    { env: t.env, input: SECRETS.secretAccessKey },
  );
  expect(bed.code).toBe(0);
  expect((await runInProcess(['claude', 'use', 'work'], { env: t.env })).code).toBe(0);
});
afterEach(() => t.cleanup());

async function json(args: string[], options: { revealsSecrets?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const r = await runInProcess(args, { env: { ...t.env, ...options.env }, ...(options.revealsSecrets ? { revealsSecrets: true } : {}) });
  return { ...r, doc: JSON.parse(r.stdout) as Record<string, unknown> };
}

describe('--json for scripts', () => {
  it('list: every account with schemaVersion', async () => {
    const { code, doc, stderr } = await json(['claude', 'list', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(doc).toMatchObject({ schemaVersion: 1, active: 'work', hiddenBackups: 0 });
    expect(doc.accounts).toEqual([
      expect.objectContaining({ name: 'work', type: 'API (Anthropic+Bedrock)', active: true, hasCredentials: true, providers: ['anthropic', 'bedrock'], oauth: null }),
    ]);
  });

  it('list-api-keys: providers with their creation time', async () => {
    const { doc } = await json(['claude', 'list-api-keys', 'work', '--json']);
    expect(doc).toMatchObject({ schemaVersion: 1, account: 'work' });
    expect((doc.providers as Array<{ provider: string; created: string }>).map((p) => p.provider)).toEqual(['anthropic', 'bedrock']);
  });

  it('info: the account with masked credentials', async () => {
    const { doc } = await json(['claude', 'info', 'work', '--json']);
    const account = doc.account as { name: string; path: string; credentials: Array<{ provider: string; masked: boolean; fields: Record<string, string> }> };
    expect(account.name).toBe('work');
    expect(account.path).toBe(join(t.accountsRoot, 'work'));
    expect(account.credentials[0]).toMatchObject({ provider: 'anthropic', masked: true, fields: { apiKey: 'sk-ant-a...fXYZ' } });
    expect(account.credentials[1]?.fields).toMatchObject({ accessKeyId: 'AKIAFAKE...', secretAccessKey: '***', region: 'us-east-1', authMethod: 'access_keys' });
  });

  it('show-api-key: masked, or revealed with --show-secret', async () => {
    const masked = await json(['claude', 'show-api-key', 'work', '--json']);
    expect(masked.doc).toMatchObject({ schemaVersion: 1, account: 'work', provider: 'anthropic', masked: true, fields: { apiKey: 'sk-ant-a...fXYZ', provider: 'anthropic' } });
    const shown = await json(['claude', 'show-api-key', 'work', '-p', 'bedrock', '--json', '--show-secret'], { revealsSecrets: true });
    expect(shown.doc).toMatchObject({
      masked: false,
      fields: { accessKeyId: SECRETS.accessKeyId, secretAccessKey: SECRETS.secretAccessKey, modelId: 'anthropic.claude-3-5-sonnet-20241022-v2:0' },
    });
  });

  it('status: the active account and what Claude Code will use', async () => {
    const { doc } = await json(['claude', 'status', '--json'], { env: { ANTHROPIC_AUTH_TOKEN: 'proxy-token' } });
    expect(doc).toMatchObject({
      schemaVersion: 1,
      // Bedrock was added last, so accounts.json records it as the account's provider.
      active: { name: 'work', source: 'bedrock' },
      claudeCode: {
        configDir: join(t.home, '.claude'),
        usesActiveAccount: false,
        uses: { kind: 'auth-token', rank: 2, origin: 'shell', variable: 'ANTHROPIC_AUTH_TOKEN' },
        summary: "ANTHROPIC_AUTH_TOKEN set in this shell overrides the active account 'work'",
      },
    });
  });

  it('errors are a JSON object on stdout with a non-zero exit', async () => {
    const missing = await json(['claude', 'info', 'nobody', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('');
    expect(missing.doc).toEqual({
      schemaVersion: 1,
      error: { code: 'account_not_found', message: "Account 'nobody' not found", hint: 'See your accounts with: cuti claude list', exitCode: 1 },
    });
    const noKey = await json(['claude', 'show-api-key', 'ghost', '--json']);
    expect(noKey.code).toBe(1);
    expect((noKey.doc.error as { code: string }).code).toBe('provider_not_found');
    const usage = await json(['claude', 'list', '--json', '--bogus']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('');
    expect(usage.doc).toEqual({ schemaVersion: 1, error: { code: 'usage', message: "unknown option '--bogus'", exitCode: 2 } });
  });

  it('a corrupt file is reported by name under --json too, and left alone', async () => {
    const path = join(t.accountsRoot, 'accounts.json');
    writeFileSync(path, '{ not json');
    const r = await json(['claude', 'list', '--json']);
    expect(r.code).toBe(1);
    expect(r.doc.error).toMatchObject({ code: 'corrupt_file' });
    expect((r.doc.error as { message: string }).message).toContain(path);
  });
});
