import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { AccountService } from '../../src/accounts/service.js';
import { CorruptFileError } from '../../src/domain/errors.js';
import type { FileSystemStorage } from '../../src/storage/fs-adapter.js';
import { snapshotTree, withoutDirTimes } from '../helpers/fs-snapshot.js';
import { pythonRewrite } from '../helpers/python.js';
import { SECRETS } from '../helpers/secrets.js';
import { makeFsAdapter, oauthCredentialsJson } from '../helpers/storage-fixtures.js';

const mode = (path: string) => statSync(path).mode & 0o777;

/** The error a promise rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<CorruptFileError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(CorruptFileError);
  return outcome as CorruptFileError;
}

/** A clock that hands out fixed, increasing timestamps in the original's format. */
function fixedClock(): () => string {
  let tick = 0;
  return () => `2025-10-01T00:31:${String(34 + tick++).padStart(2, '0')}.953588`;
}

let fx: ReturnType<typeof makeFsAdapter>;
let storage: FileSystemStorage;
let service: AccountService;

beforeEach(() => {
  fx = makeFsAdapter();
  storage = fx.storage;
  service = new AccountService(storage, fixedClock());
});
afterEach(() => fx.cleanup());

const write = (relative: string, text: string, fileMode = 0o600) => {
  const path = join(fx.root, relative);
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: fileMode });
  return path;
};

describe('FileSystemStorage: modes', () => {
  it('creates the accounts root and account directories 0700 and files 0600', async () => {
    await service.addCredential('prod', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    expect(mode(fx.root)).toBe(0o700);
    expect(mode(join(fx.root, 'prod'))).toBe(0o700);
    expect(mode(join(fx.root, 'prod', '.api_keys.json'))).toBe(0o600);
    expect(mode(join(fx.root, 'accounts.json'))).toBe(0o600);
  });

  it('keeps 0600 when it rewrites a file that had looser permissions', async () => {
    const path = write('prod/.api_keys.json', '{}', 0o644);
    await service.addCredential('prod', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    expect(mode(path)).toBe(0o600);
  });

  it('leaves no temp file or lock directory behind', async () => {
    await service.addCredential('prod', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    await service.deleteCredential('prod', 'anthropic');
    expect(Object.keys(snapshotTree(fx.root)).sort()).toEqual(['', 'accounts.json', 'prod']);
  });
});

describe('FileSystemStorage: .api_keys.json', () => {
  it('writes exactly the spec layout, as Python would', async () => {
    await service.addCredential('my-api-account', { provider: 'anthropic', apiKey: 'sk-ant-api03-your-key' });
    expect(readFileSync(join(fx.root, 'my-api-account', '.api_keys.json'), 'utf8')).toBe(
      '{\n  "anthropic": {\n    "api_key": "sk-ant-api03-your-key",\n    "provider": "anthropic",\n' +
        '    "created": "2025-10-01T00:31:34.953588"\n  }\n}',
    );
  });

  it('keeps fields it does not know, byte for byte and in order, when it adds a provider', async () => {
    // A file another tool (or a future original) wrote, in Python's format.
    const original = pythonRewrite(
      '{}',
      `doc = {"zeta_first": {"b": 1, "a": [1, "two", None]}, "anthropic": {"note": "prod \\u00e9", "api_key": ${JSON.stringify(SECRETS.anthropicKey)}, "provider": "anthropic", "created": "2025-09-01T10:00:00", "tags": ["x", "y"]}, "openai": {"api_key": "unknown-provider"}, "version": 3}`,
    );
    const path = write('prod/.api_keys.json', original);
    await service.addCredential('prod', {
      provider: 'bedrock',
      modelId: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
      region: 'us-east-1',
      accessKeyId: SECRETS.accessKeyId,
      secretAccessKey: SECRETS.secretAccessKey,
    });
    const expected = pythonRewrite(
      original,
      `doc["bedrock"] = {"model_id": "anthropic.claude-3-5-sonnet-20241022-v2:0", "region": "us-east-1", "access_key_id": ${JSON.stringify(SECRETS.accessKeyId)}, "secret_access_key": ${JSON.stringify(SECRETS.secretAccessKey)}, "provider": "bedrock", "auth_method": "access_keys", "created": "2025-10-01T00:31:34.953588"}`,
    );
    expect(readFileSync(path, 'utf8')).toBe(expected);
  });

  it('keeps unknown fields when it deletes a provider, and keeps the file while they remain', async () => {
    const original = pythonRewrite(
      '{}',
      `doc = {"anthropic": {"api_key": ${JSON.stringify(SECRETS.anthropicKey)}, "provider": "anthropic", "created": "2025-09-01T10:00:00"}, "custom": {"keep": True}}`,
    );
    const path = write('prod/.api_keys.json', original);
    await service.deleteCredential('prod', 'anthropic');
    expect(readFileSync(path, 'utf8')).toBe(pythonRewrite(original, 'del doc["anthropic"]'));
  });

  it('replaces a provider in place, keeping its position and the other provider', async () => {
    await service.addCredential('multi', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    await service.addCredential('multi', {
      provider: 'bedrock',
      modelId: 'm',
      region: 'us-east-1',
      accessKeyId: SECRETS.accessKeyId,
      secretAccessKey: SECRETS.secretAccessKey,
    });
    await service.addCredential('multi', { provider: 'anthropic', apiKey: SECRETS.anthropicKey2 });
    const doc = JSON.parse(readFileSync(join(fx.root, 'multi', '.api_keys.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['anthropic', 'bedrock']);
    expect(doc.anthropic).toMatchObject({ api_key: SECRETS.anthropicKey2 });
  });

  it('deletes the file with its last provider, as the original does', async () => {
    await service.addCredential('prod', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    await service.deleteCredential('prod', 'anthropic');
    const left = snapshotTree(join(fx.root, 'prod'));
    expect(Object.keys(left)).toEqual(['']);
    expect(left['']).toMatchObject({ type: 'dir', mode: 0o700 });
  });

  it('reads the original bearer-token form of a Bedrock entry', async () => {
    write(
      'br/.api_keys.json',
      JSON.stringify({
        bedrock: {
          bearer_token: SECRETS.bearerToken,
          region: 'us-west-2',
          provider: 'bedrock',
          auth_method: 'bearer_token',
          created: '2025-10-01T00:31:55.556156',
        },
      }),
    );
    const credential = await service.getCredential('br', 'bedrock');
    expect(credential.fields.map((f) => [f.label, f.masked])).toEqual([
      ['Provider', 'bedrock'],
      ['Created', '2025-10-01T00:31:55.556156'],
      ['Auth Method', 'bearer_token'],
      ['Region', 'us-west-2'],
      ['Bearer Token', 'ABSKFAKEbear...abcdef'],
    ]);
  });
});

describe('FileSystemStorage: accounts.json shared with the original tool', () => {
  it('is written at claude-accounts/accounts.json exactly as the original writes it', async () => {
    await service.addCredential('api-prod', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    // The original's save_api_key on a fresh install: the account entry, then last_updated.
    const expected = pythonRewrite(
      '{}',
      'doc = {"accounts": {"api-prod": {"created": "2025-10-01T00:31:34.953588", "last_used": "never", "type": "API", "credential_type": "anthropic_api"}}, "active": None, "last_updated": "2025-10-01T00:31:35.953588"}',
    );
    expect(readFileSync(join(fx.root, 'accounts.json'), 'utf8')).toBe(expected);
  });

  it('records the active account and its last use where the original reads them', async () => {
    const original = pythonRewrite(
      '{}',
      'doc = {"accounts": {"default": {"created": "2025-09-30T09:00:00.000001", "last_used": "never", "type": "Max", "email_hint": "kept"}}, "active": None, "last_updated": "2025-09-30T09:00:00.000001", "schema": 1}',
    );
    const path = write('accounts.json', original);
    fx.seedOAuth('default', 'max');
    await service.setActive('default');
    expect(readFileSync(path, 'utf8')).toBe(
      pythonRewrite(
        original,
        'doc["accounts"]["default"]["last_used"] = "2025-10-01T00:31:34.953588"\ndoc["active"] = "default"\ndoc["last_updated"] = "2025-10-01T00:31:34.953588"',
      ),
    );
    const list = await service.listAccounts();
    expect(list.active).toBe('default');
    expect(list.accounts[0]).toMatchObject({ name: 'default', type: 'Max', active: true, lastUsed: '2025-10-01T00:31:34.953588' });
  });

  it('reads an accounts.json the original wrote without an active key', async () => {
    write('accounts.json', '{\n  "accounts": {}\n}');
    expect(await storage.readMetadata()).toEqual({ accounts: {}, active: null });
  });
});

describe('FileSystemStorage: corrupt files are reported and never overwritten', () => {
  const badApiKeys: Array<[string, string]> = [
    ['invalid JSON', `{"anthropic": {"api_key": "${SECRETS.anthropicKey}"`],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['a JSON string', '"sk-ant"'],
    ['an empty file', ''],
    ['only whitespace', '  \n'],
    ['a number as api_key', '{"anthropic": {"api_key": 5}}'],
    ['a string as the entry', `{"anthropic": "${SECRETS.anthropicKey}"}`],
    ['a list as region', '{"bedrock": {"region": ["us-east-1"]}}'],
  ];

  it.each(badApiKeys)('.api_keys.json with %s', async (_what, text) => {
    const path = write('prod/.api_keys.json', text);
    const before = snapshotTree(fx.root);

    const error = await rejection(storage.readApiKeys('prod'));
    expect(error).toBeInstanceOf(CorruptFileError);
    expect(error.message).toContain(path);
    expect(error.message).not.toContain('FAKEsecret');
    expect(error.exitCode).toBe(1);

    // The service checks before it locks: not even a lock directory comes and goes.
    await expect(
      service.addCredential('prod', { provider: 'anthropic', apiKey: SECRETS.anthropicKey2 }),
    ).rejects.toThrow(CorruptFileError);
    await expect(service.deleteCredential('prod', 'anthropic')).rejects.toThrow(CorruptFileError);
    await expect(service.listProviders('prod')).rejects.toThrow(CorruptFileError);
    expect(snapshotTree(fx.root)).toEqual(before);

    // A direct update reads under its lock, then refuses: the file stays as it was.
    await expect(storage.updateApiKeys('prod', () => ({}))).rejects.toThrow(CorruptFileError);
    expect(withoutDirTimes(snapshotTree(fx.root))).toEqual(withoutDirTimes(before));
  });

  const badMetadata: Array<[string, string]> = [
    ['invalid JSON', '{"accounts": {'],
    ['a JSON array', '[]'],
    ['accounts as a list', '{"accounts": []}'],
    ['a number as active', '{"accounts": {}, "active": 5}'],
  ];

  // Issue 16: one odd value in one account's entry is not a damaged file. It is read
  // (a warning on that account), and kept exactly when the file is written again.
  it('accounts.json with a number as created: read with a warning, kept on write', async () => {
    write('accounts.json', '{"accounts": {"x": {"created": 1}}}');
    expect((await storage.readMetadata()).accounts.x).toEqual({ created: 1 });
    await service.addCredential('prod', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    const meta = await storage.readMetadata();
    expect(meta.accounts.x).toEqual({ created: 1 });
    expect(Object.keys(meta.accounts).sort()).toEqual(['prod', 'x']);
  });

  it.each(badMetadata)('accounts.json with %s', async (_what, text) => {
    const path = write('accounts.json', text);
    const before = snapshotTree(fx.root);

    const error = await rejection(storage.readMetadata());
    expect(error).toBeInstanceOf(CorruptFileError);
    expect(error.message).toContain(path);
    // Adding a key must not write the key file either: the metadata is checked first.
    await expect(
      service.addCredential('prod', { provider: 'anthropic', apiKey: SECRETS.anthropicKey }),
    ).rejects.toThrow(CorruptFileError);
    await expect(service.listAccounts()).rejects.toThrow(CorruptFileError);
    expect(snapshotTree(fx.root)).toEqual(before);

    await expect(storage.updateMetadata((m) => m)).rejects.toThrow(CorruptFileError);
    expect(withoutDirTimes(snapshotTree(fx.root))).toEqual(withoutDirTimes(before));
  });

  it('reports a corrupt .credentials.json by name and lists the account anyway', async () => {
    const path = write('default/.credentials.json', `{"claudeAiOauth": {"accessToken": "${SECRETS.oauthAccessToken}"`);
    const before = snapshotTree(fx.root);
    const error = await rejection(storage.readOAuth('default'));
    expect(error).toBeInstanceOf(CorruptFileError);
    expect(error.message).toContain(path);
    expect(error.message).not.toContain('FAKEoauth');
    const list = await service.listAccounts();
    expect(list.accounts.map((a) => a.name)).toEqual(['default']);
    expect(list.accounts[0]!.warnings.join('\n')).toContain(path);
    expect(snapshotTree(fx.root)).toEqual(before);
  });
});

describe('FileSystemStorage: Claude Code logins are read, never modified', () => {
  function seedLogin(name: string, subscriptionType: string | undefined) {
    write(`${name}/.credentials.json`, oauthCredentialsJson(subscriptionType));
    write(`${name}/.claude.json`, '{"oauthAccount": {"emailAddress": "someone@example.com"}, "numStartups": 3}');
    write(`${name}/settings.json`, '{\n  "model": "opus"\n}\n');
  }

  it.each([
    ['max', 'Max'],
    ['pro', 'Pro'],
    [undefined, 'Pro'],
  ])('shows subscriptionType %j as %s and leaves every file as it was', async (subscriptionType, label) => {
    seedLogin('default', subscriptionType);
    const before = snapshotTree(join(fx.root, 'default'));

    const list = await service.listAccounts();
    expect(list.accounts).toEqual([
      expect.objectContaining({ name: 'default', type: label, hasCredentials: true, created: 'unknown', lastUsed: 'never' }),
    ]);
    const details = await service.getAccountDetails('default');
    expect(details.oauth?.subscription).toBe(label);
    // Adding and removing an API key beside the login must not touch the login's files.
    await service.addCredential('default', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    await service.deleteCredential('default', 'anthropic');

    const after = snapshotTree(join(fx.root, 'default'));
    for (const file of ['.credentials.json', '.claude.json', 'settings.json']) expect(after[file]).toEqual(before[file]);
  });

  it('keeps an OAuth account its subscription type when an API key is added to it', async () => {
    seedLogin('default', 'max');
    await service.addCredential('default', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    expect((await service.listAccounts()).accounts[0]?.type).toBe('Max');
  });
});

describe('FileSystemStorage: which directories are accounts', () => {
  it('lists account directories that accounts.json does not know', async () => {
    write('hand-made/.api_keys.json', JSON.stringify({ anthropic: { api_key: SECRETS.anthropicKey, provider: 'anthropic', created: '2025-10-01T00:31:34.953588' } }));
    mkdirSync(join(fx.root, 'empty-dir'));
    const list = await service.listAccounts();
    expect(list.accounts.map((a) => [a.name, a.type, a.created, a.hasCredentials])).toEqual([
      ['empty-dir', 'unknown', 'unknown', false],
      ['hand-made', 'API (Anthropic)', '2025-10-01T00:31:34.953588', true],
    ]);
  });

  it('hides backup_* accounts unless asked, and counts them', async () => {
    write('backup_20251001_120000/.credentials.json', oauthCredentialsJson('max'));
    write('work/.credentials.json', oauthCredentialsJson('pro'));
    const hidden = await service.listAccounts();
    expect(hidden.accounts.map((a) => a.name)).toEqual(['work']);
    expect(hidden.hiddenBackups).toBe(1);
    const shown = await service.listAccounts({ includeBackups: true });
    expect(shown.accounts.map((a) => [a.name, a.isBackup])).toEqual([
      ['backup_20251001_120000', true],
      ['work', false],
    ]);
  });

  it('does not take its own files, lock directories or hidden entries for accounts', async () => {
    write('accounts.json', '{"accounts": {}, "active": null}');
    mkdirSync(join(fx.root, 'accounts.json.lock'));
    mkdirSync(join(fx.root, '.trash'));
    write('stray-file', 'x');
    mkdirSync(join(fx.root, 'real'));
    expect(await storage.listAccountDirs()).toEqual(['real']);
  });
});

describe('addCredential with replace: false (the wizard, which said there was no key)', () => {
  it('writes nothing when a key for the provider is there by the time it saves', async () => {
    await service.addCredential('team', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    const before = snapshotTree(fx.root);
    const attempt = service.addCredential('team', { provider: 'anthropic', apiKey: SECRETS.anthropicKey2 }, { replace: false });
    await expect(attempt).rejects.toMatchObject({ code: 'key_appeared', message: 'Account team gained a anthropic key elsewhere meanwhile; nothing was saved' });
    expect(withoutDirTimes(snapshotTree(fx.root))).toEqual(withoutDirTimes(before));
  });

  it('adds a key for a provider the account does not hold, and replaces when told to', async () => {
    await service.addCredential('team', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    await service.addCredential('team', { provider: 'foundry', resource: 'my-res', apiKey: SECRETS.anthropicKey2 }, { replace: false });
    expect((await service.addCredential('team', { provider: 'anthropic', apiKey: SECRETS.anthropicKey2 }, { replace: true })).replaced).toBe(true);
    const doc = JSON.parse(readFileSync(join(fx.root, 'team', '.api_keys.json'), 'utf8')) as Record<string, { api_key?: string }>;
    expect(Object.keys(doc)).toEqual(['anthropic', 'foundry']);
    expect(doc.anthropic?.api_key).toBe(SECRETS.anthropicKey2);
  });
});
