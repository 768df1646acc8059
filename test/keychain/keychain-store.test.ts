import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { makeTempHome, runCli, type CliResult, type TempHome } from '../helpers/cli.js';
import { snapshotTree, withoutDirTimes } from '../helpers/fs-snapshot.js';
import {
  deleteEntry,
  describeKeychain,
  entriesOfHome,
  filesWithSecrets,
  KEYCHAIN_AVAILABLE,
  KEYCHAIN_REQUIRED,
  keychainEnv,
  lockKeychain,
  plantEntry,
  startKeychain,
  stopKeychain,
} from '../helpers/keychain.js';
import { SECRETS } from '../helpers/secrets.js';

/*
 * The OS keychain as cuti's secret store, against a real Secret Service (gnome-keyring on
 * a private D-Bus session; see test/helpers/keychain.ts). Every run is a leak check too.
 */

const BEDROCK_MODEL = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
/** A bearer-token Bedrock entry as the original tool writes it (cuti reads that form, never creates it). */
const BEARER_DOC = `{\n  "bedrock": {\n    "model_id": "${BEDROCK_MODEL}",\n    "region": "eu-west-1",\n    "bearer_token": "${SECRETS.bearerToken}",\n    "provider": "bedrock",\n    "auth_method": "bearer_token",\n    "created": "2025-10-01T00:31:55.556156"\n  }\n}`;

let home: TempHome;
const env = () => ({ ...home.env, ...keychainEnv() });
const cli = (args: string[], options: { revealsSecrets?: boolean; input?: string; env?: NodeJS.ProcessEnv } = {}) =>
  runCli(['claude', ...args], { env: options.env ?? env(), timeoutMs: 60_000, ...options });
const keysFile = (account: string) => join(home.accountsRoot, account, '.api_keys.json');
const settings = () => JSON.parse(readFileSync(join(home.accountsRoot, '.secret-store.json'), 'utf8')) as { store: string; move?: unknown };
/** The one line a failure prints (✗ …), and nothing that looks like a trace. */
const errorLines = (result: CliResult) => result.stderr.split('\n').filter((l) => l.startsWith('✗'));

async function seed(): Promise<void> {
  for (const [args, input] of [
    [['add-api-key', 'prod', '--api-key', '-'], SECRETS.anthropicKey],
    [['add-api-key', 'prod', '-p', 'bedrock', '--api-key', BEDROCK_MODEL, '--region', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', '-'], SECRETS.secretAccessKey],
    [['add-api-key', 'second', '--api-key', '-'], SECRETS.anthropicKey2],
  ] as const) {
    const result = await cli([...args], { input });
    expect(result.code, result.stderr).toBe(0);
  }
  mkdirSync(join(home.accountsRoot, 'bearer'), { mode: 0o700 });
  writeFileSync(keysFile('bearer'), BEARER_DOC, { mode: 0o600 });
}

/** Every `.api_keys.json` (and accounts.json) of the home, as bytes. */
function documents(): Record<string, string> {
  const docs: Record<string, string> = { 'accounts.json': readFileSync(join(home.accountsRoot, 'accounts.json'), 'utf8') };
  for (const account of readdirSync(home.accountsRoot)) {
    if (existsSync(keysFile(account))) docs[account] = readFileSync(keysFile(account), 'utf8');
  }
  return docs;
}

beforeAll(() => {
  if (KEYCHAIN_REQUIRED && !KEYCHAIN_AVAILABLE) throw new Error('the keychain suite was required here, but no Secret Service answers on this D-Bus session');
});

describeKeychain('the keychain secret store (real Secret Service)', () => {
  beforeEach(async () => {
    home = makeTempHome();
    await seed();
  });
  afterEach(() => home.cleanup());

  it('moves Anthropic and Bedrock secrets into the keychain and back: no secret in any file meanwhile, the original bytes after', async () => {
    const before = documents();
    const status = await cli(['secret-store', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ store: 'file', keychain: { reachable: true }, secrets: { inKeychain: 0, inFiles: 5 } });

    const moved = await cli(['secret-store', 'keychain']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain('Moved 5 secrets of 3 accounts into the OS keychain');
    expect(moved.stderr).toContain('The original Python cuti cannot read secrets kept in the keychain');
    expect(filesWithSecrets(home.home)).toEqual([]);
    const entries = await entriesOfHome(home.accountsRoot);
    expect(entries.map((e) => e.password).sort()).toEqual(
      [SECRETS.anthropicKey, SECRETS.accessKeyId, SECRETS.secretAccessKey, SECRETS.anthropicKey2, SECRETS.bearerToken].sort(),
    );
    expect(settings()).toMatchObject({ store: 'keychain' });
    // The layout stays: every non-secret field where it was, a reference where a secret was.
    const doc = JSON.parse(readFileSync(keysFile('prod'), 'utf8')) as { bedrock: Record<string, string>; anthropic: Record<string, string> };
    expect(Object.keys(doc.bedrock)).toEqual(['model_id', 'region', 'access_key_id', 'secret_access_key', 'provider', 'auth_method', 'created']);
    expect(doc.bedrock.model_id).toBe(BEDROCK_MODEL);
    expect(doc.anthropic.api_key).toMatch(/^cuti-keychain:/);

    // Masked views read no secret; the reveal and every use read the keychain.
    const masked = await cli(['show-api-key', 'prod']);
    expect(masked.stdout).toContain('API Key: sk-ant-a...fXYZ');
    expect((await cli(['show-api-key', 'prod', '--show-secret'], { revealsSecrets: true })).stdout).toContain(SECRETS.anthropicKey);
    const bedrock = await cli(['show-api-key', 'prod', '-p', 'bedrock', '--show-secret', '--json'], { revealsSecrets: true });
    expect(JSON.parse(bedrock.stdout)).toMatchObject({ fields: { accessKeyId: SECRETS.accessKeyId, secretAccessKey: SECRETS.secretAccessKey } });
    expect((await cli(['show-api-key', 'bearer', '-p', 'bedrock', '--show-secret'], { revealsSecrets: true })).stdout).toContain(SECRETS.bearerToken);
    const key = await cli(['print-key', 'second'], { revealsSecrets: true });
    expect(key.stdout).toBe(`${SECRETS.anthropicKey2}\n`);
    const exec = await cli(['exec', 'prod', '-p', 'bedrock', '--', process.execPath, '-e', 'console.log(process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_ACCESS_KEY_ID)'], { revealsSecrets: true });
    expect(exec.code, exec.stderr).toBe(0);
    expect(exec.stdout.trim()).toBe(`${SECRETS.secretAccessKey} ${SECRETS.accessKeyId}`);
    const exported = await cli(['env', 'prod', '-p', 'anthropic'], { revealsSecrets: true });
    expect(exported.stdout).toContain(SECRETS.anthropicKey);
    // What no secret needs still says nothing of one.
    for (const args of [['list'], ['list-api-keys', 'prod'], ['info', 'prod'], ['info', 'prod', '--json']]) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(0);
    }
    expect(filesWithSecrets(home.home)).toEqual([]);

    const back = await cli(['secret-store', 'file']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('Moved 5 secrets of 3 accounts back into .api_keys.json');
    expect(documents()).toEqual(before);
    expect(await entriesOfHome(home.accountsRoot)).toEqual([]);
    expect(settings()).toMatchObject({ store: 'file' });
    expect(settings().move).toBeUndefined();
  });

  it('writes, replaces and deletes secrets in the keychain once it is the store, leaving no entry behind', async () => {
    expect((await cli(['secret-store', 'keychain'])).code).toBe(0);
    const add = await cli(['add-api-key', 'third', '--api-key', '-'], { input: SECRETS.anthropicKey });
    expect(add.code, add.stderr).toBe(0);
    const replace = await cli(['add-api-key', 'prod', '--api-key', '-'], { input: SECRETS.anthropicKey2 });
    expect(replace.code, replace.stderr).toBe(0);
    expect(filesWithSecrets(home.home)).toEqual([]);
    expect((await cli(['print-key', 'prod'], { revealsSecrets: true })).stdout).toBe(`${SECRETS.anthropicKey2}\n`);
    // The replaced key's entry went with it.
    expect((await entriesOfHome(home.accountsRoot)).filter((e) => e.password === SECRETS.anthropicKey)).toHaveLength(1);

    expect((await cli(['delete-api-key', 'prod', '-p', 'bedrock', '--force'])).code).toBe(0);
    expect((await entriesOfHome(home.accountsRoot)).map((e) => e.password)).not.toContain(SECRETS.secretAccessKey);
    expect((await cli(['delete', 'third', '--force'])).code).toBe(0);
    expect((await entriesOfHome(home.accountsRoot)).map((e) => e.password)).not.toContain(SECRETS.anthropicKey);
    for (const account of ['prod', 'second', 'bearer']) {
      expect((await cli(['delete', account, '--force'])).code).toBe(0);
    }
    expect(await entriesOfHome(home.accountsRoot)).toEqual([]);
  });

  it('doctor reports a missing entry and an orphan; --fix removes the orphan and never a referenced secret', async () => {
    expect((await cli(['secret-store', 'keychain'])).code).toBe(0);
    const { homeId } = JSON.parse(readFileSync(join(home.accountsRoot, '.secret-store.json'), 'utf8')) as { homeId: string };
    await plantEntry(`${homeId}/orphan1`, SECRETS.oauthAccessToken);
    const secondRef = (JSON.parse(readFileSync(keysFile('second'), 'utf8')) as { anthropic: { api_key: string } }).anthropic.api_key;
    const secondId = /^cuti-keychain:([^#]+)#/.exec(secondRef)![1]!;
    await deleteEntry(secondId);

    const report = await cli(['doctor', '--json']);
    expect(report.code).toBe(1);
    const json = JSON.parse(report.stdout) as { remaining: Array<{ kind: string; message: string }> };
    expect(json.remaining.map((p) => p.kind).sort()).toEqual(['missing-secret', 'orphan-secret']);
    expect(json.remaining.find((p) => p.kind === 'missing-secret')?.message).toContain('second');

    const fixed = await cli(['doctor', '--fix']);
    expect(fixed.code).toBe(1); // the missing secret is still missing: only a person can fix that
    const left = (await entriesOfHome(home.accountsRoot)).map((e) => e.password).sort();
    expect(left).toEqual([SECRETS.anthropicKey, SECRETS.accessKeyId, SECRETS.secretAccessKey, SECRETS.bearerToken].sort());
    const show = await cli(['show-api-key', 'second', '--show-secret']);
    expect(show.code).toBe(1);
    expect(errorLines(show)[0]).toContain('missing from the OS keychain');
  });

  it('a missing entry stops a move back to the file: nothing changes, the account is named', async () => {
    expect((await cli(['secret-store', 'keychain'])).code).toBe(0);
    const secondRef = (JSON.parse(readFileSync(keysFile('second'), 'utf8')) as { anthropic: { api_key: string } }).anthropic.api_key;
    await deleteEntry(/^cuti-keychain:([^#]+)#/.exec(secondRef)![1]!);
    const before = withoutDirTimes(snapshotTree(home.cutiHome));
    const back = await cli(['secret-store', 'file']);
    expect(back.code).toBe(1);
    expect(errorLines(back)).toHaveLength(1);
    expect(errorLines(back)[0]).toContain('second');
    expect(withoutDirTimes(snapshotTree(home.cutiHome))).toEqual(before);
  });

  it('with no D-Bus session at all: one clear line and exit 1 where a secret is needed, nothing written; reads that need none work', async () => {
    expect((await cli(['secret-store', 'keychain'])).code).toBe(0);
    const noBus = home.env; // no DBUS_SESSION_BUS_ADDRESS
    const before = withoutDirTimes(snapshotTree(home.cutiHome));
    for (const args of [
      ['show-api-key', 'prod', '--show-secret'],
      ['print-key', 'prod'],
      ['exec', 'prod', '--', 'true'],
      ['env', 'prod'],
      ['add-api-key', 'prod', '--api-key', '-'],
      ['add-api-key', 'brand-new', '--api-key', '-'],
      ['delete-api-key', 'prod', '-p', 'anthropic', '--force'],
      ['secret-store', 'file'],
    ]) {
      const result = await cli(args, { env: noBus, input: SECRETS.anthropicKey2 });
      expect(result.code, args.join(' ')).toBe(1);
      expect(errorLines(result), args.join(' ')).toEqual([expect.stringContaining('no D-Bus session') as unknown]);
      expect(withoutDirTimes(snapshotTree(home.cutiHome)), args.join(' ')).toEqual(before);
    }
    const status = await cli(['secret-store'], { env: noBus });
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('not reachable');
    for (const args of [['list'], ['list-api-keys', 'prod'], ['info', 'prod'], ['show-api-key', 'prod']]) {
      expect((await cli(args, { env: noBus })).code, args.join(' ')).toBe(0);
    }
    expect(withoutDirTimes(snapshotTree(home.cutiHome))).toEqual(before);
  });

  it('a renamed account still reaches its keychain secrets (entries are named by id, not by account); doctor finds none orphaned', async () => {
    expect((await cli(['secret-store', 'keychain'])).code).toBe(0);
    const entriesBefore = await entriesOfHome(home.accountsRoot);
    const renamed = await cli(['rename', 'prod', 'production']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect((await cli(['print-key', 'production'], { revealsSecrets: true })).stdout).toBe(`${SECRETS.anthropicKey}\n`);
    const bedrock = await cli(['show-api-key', 'production', '-p', 'bedrock', '--show-secret', '--json'], { revealsSecrets: true });
    expect(JSON.parse(bedrock.stdout)).toMatchObject({ fields: { accessKeyId: SECRETS.accessKeyId, secretAccessKey: SECRETS.secretAccessKey } });
    expect(await entriesOfHome(home.accountsRoot)).toEqual(entriesBefore);
    expect((await cli(['doctor'])).code).toBe(0);
    // And back into the files, under the new name.
    expect((await cli(['secret-store', 'file'])).code).toBe(0);
    expect(readFileSync(keysFile('production'), 'utf8')).toContain(SECRETS.anthropicKey);
  });

  it('refuses to move into a keychain it cannot reach, writing nothing', async () => {
    const before = withoutDirTimes(snapshotTree(home.cutiHome));
    const result = await cli(['secret-store', 'keychain'], { env: home.env });
    expect(result.code).toBe(1);
    expect(errorLines(result)).toEqual([expect.stringContaining('no D-Bus session') as unknown]);
    expect(withoutDirTimes(snapshotTree(home.cutiHome))).toEqual(before);
  });

  it('a locked keychain: says it is locked, reveals nothing, writes nothing; works again once unlocked', async () => {
    expect((await cli(['secret-store', 'keychain'])).code).toBe(0);
    lockKeychain();
    try {
      const before = withoutDirTimes(snapshotTree(home.cutiHome));
      for (const args of [['show-api-key', 'prod', '--show-secret'], ['print-key', 'prod'], ['add-api-key', 'prod', '--api-key', '-']]) {
        const result = await cli(args, { input: SECRETS.anthropicKey2 });
        expect(result.code, args.join(' ')).toBe(1);
        expect(errorLines(result), args.join(' ')).toEqual([expect.stringContaining('locked') as unknown]);
      }
      expect(withoutDirTimes(snapshotTree(home.cutiHome))).toEqual(before);
      expect((await cli(['list'])).code).toBe(0);
    } finally {
      startKeychain();
    }
    expect((await cli(['print-key', 'prod'], { revealsSecrets: true })).stdout).toBe(`${SECRETS.anthropicKey}\n`);
  });

  it('a keychain that disappears in the middle of a move: one line, exit 1, every secret still readable; the rerun finishes', async () => {
    for (let i = 0; i < 30; i++) {
      expect((await cli(['add-api-key', `bulk-${i}`, '--api-key', '-'], { input: SECRETS.anthropicKey })).code).toBe(0);
    }
    const before = documents();
    const settingsFile = join(home.accountsRoot, '.secret-store.json');
    const move = cli(['secret-store', 'keychain']);
    // As soon as the move has recorded where it goes, the keychain goes away.
    const started = Date.now();
    while (!existsSync(settingsFile) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 2));
    stopKeychain();
    const result = await move;
    try {
      expect(result.code, result.stdout).toBe(1);
      expect(errorLines(result)).toHaveLength(1);
      // Failed while copying: the documents are as they were (the copies were undone or are orphans).
      expect(documents()).toEqual(before);
    } finally {
      startKeychain();
    }
    const rerun = await cli(['secret-store', 'keychain']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(filesWithSecrets(home.home)).toEqual([]);
    expect((await cli(['print-key', 'bulk-7'], { revealsSecrets: true })).stdout).toBe(`${SECRETS.anthropicKey}\n`);
    // One entry per secret (prod 3, second 1, bearer 1, 30 bulk): what the failed run left was cleaned up.
    expect((await entriesOfHome(home.accountsRoot)).length).toBe(35);
  });
});
