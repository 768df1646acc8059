import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { AccountService } from '../../src/accounts/service.js';
import { FileSystemStorage } from '../../src/storage/fs-adapter.js';
import { makeTempHome, runCli, type CliResult, type TempHome } from '../helpers/cli.js';
import { describeKeychain, entriesOfHome, filesWithSecrets, keychainEntries, keychainEnv } from '../helpers/keychain.js';
import { SECRETS } from '../helpers/secrets.js';

/*
 * A move between stores killed with SIGKILL at several points, then rerun: after every
 * kill each account still reads its own secrets (from the file or from the keychain,
 * never a wrong or lost one), and the rerun finishes the move with nothing left behind.
 */

const ACCOUNTS = 40;
const expected = new Map<string, Record<string, string>>(); // account → secret field → secret
let home: TempHome;

const keysFile = (account: string) => join(home.accountsRoot, account, '.api_keys.json');
const accounts = () => readdirSync(home.accountsRoot).filter((n) => existsSync(keysFile(n)));
const holdsRefs = (account: string) => readFileSync(keysFile(account), 'utf8').includes('cuti-keychain:');

/** Every account's secrets as they read now, through whichever store holds each. */
async function readable(): Promise<Map<string, Record<string, string>>> {
  const entries = new Map((await keychainEntries()).map((e) => [e.account, e.password]));
  const out = new Map<string, Record<string, string>>();
  for (const account of accounts()) {
    const doc = JSON.parse(readFileSync(keysFile(account), 'utf8')) as Record<string, Record<string, string>>;
    const secrets: Record<string, string> = {};
    for (const [provider, entry] of Object.entries(doc)) {
      for (const key of ['api_key', 'access_key_id', 'secret_access_key']) {
        const stored = entry[key];
        if (stored === undefined) continue;
        const ref = /^cuti-keychain:([^#]+)#/.exec(stored);
        secrets[`${provider}.${key}`] = ref ? (entries.get(ref[1]!) ?? '<missing entry>') : stored;
      }
    }
    out.set(account, secrets);
  }
  return out;
}

/** Runs a move and SIGKILLs it as soon as `when` holds (polled), or lets it finish. */
async function moveKilledWhen(to: 'keychain' | 'file', when: () => boolean): Promise<CliResult> {
  let child: ChildProcess | undefined;
  const run = runCli(['claude', 'secret-store', to], {
    env: { ...home.env, ...keychainEnv() },
    timeoutMs: 120_000,
    onSpawn: (c) => (child = c),
  });
  let done = false;
  void run.finally(() => (done = true));
  while (!done) {
    if (when()) {
      child?.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  return run;
}

async function expectEverySecretReadable(): Promise<void> {
  expect(await readable()).toEqual(expected);
}

describeKeychain('a move between stores killed at several points, then rerun', () => {
  beforeAll(async () => {
    home = makeTempHome();
    const service = new AccountService(new FileSystemStorage(home.accountsRoot));
    for (let i = 0; i < ACCOUNTS; i++) {
      const account = `acct-${String(i).padStart(2, '0')}`;
      if (i % 4 === 3) {
        await service.addCredential(account, {
          provider: 'bedrock',
          modelId: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
          region: 'us-east-1',
          accessKeyId: SECRETS.accessKeyId,
          secretAccessKey: i % 8 === 3 ? SECRETS.secretAccessKey : SECRETS.secretAccessKey2,
        });
        expected.set(account, { 'bedrock.access_key_id': SECRETS.accessKeyId, 'bedrock.secret_access_key': i % 8 === 3 ? SECRETS.secretAccessKey : SECRETS.secretAccessKey2 });
      } else {
        const key = i % 2 === 0 ? SECRETS.anthropicKey : SECRETS.anthropicKey2;
        await service.addCredential(account, { provider: 'anthropic', apiKey: key });
        expected.set(account, { 'anthropic.api_key': key });
      }
    }
  });
  afterAll(() => home.cleanup());

  it('into the keychain and back, killed at each phase: every secret readable after each kill, the rerun completes', async () => {
    const original = new Map(accounts().map((a) => [a, readFileSync(keysFile(a), 'utf8')]));
    const converted = () => accounts().filter(holdsRefs).length;
    const settingsFile = join(home.accountsRoot, '.secret-store.json');

    // Into the keychain: as the move records its journal, while it copies, after the first
    // document is rewritten, halfway through the documents.
    const killsIn: Array<() => boolean> = [
      () => existsSync(settingsFile),
      delayOf(400),
      () => converted() >= 1,
      () => converted() >= ACCOUNTS / 2,
    ];
    let killed = 0;
    for (const when of killsIn) {
      const result = await moveKilledWhen('keychain', when);
      if (result.signal === 'SIGKILL') killed++;
      await expectEverySecretReadable();
    }
    expect(killed).toBeGreaterThanOrEqual(3);
    const finished = await runCli(['claude', 'secret-store', 'keychain'], { env: { ...home.env, ...keychainEnv() }, timeoutMs: 120_000 });
    expect(finished.code, finished.stderr).toBe(0);
    await expectEverySecretReadable();
    expect(filesWithSecrets(home.home)).toEqual([]);
    // One entry per secret: whatever the killed runs had copied was cleaned up.
    const secretCount = [...expected.values()].reduce((n, s) => n + Object.keys(s).length, 0);
    expect((await entriesOfHome(home.accountsRoot)).length).toBe(secretCount);

    // Back to the file: while it reads, after the first document, halfway, and while it removes entries.
    const plainNow = () => ACCOUNTS - converted();
    killed = 0;
    for (const when of [delayOf(300), () => plainNow() >= 1, () => plainNow() >= ACCOUNTS / 2, () => plainNow() === ACCOUNTS]) {
      const result = await moveKilledWhen('file', when);
      if (result.signal === 'SIGKILL') killed++;
      await expectEverySecretReadable();
    }
    expect(killed).toBeGreaterThanOrEqual(3);
    const back = await runCli(['claude', 'secret-store', 'file'], { env: { ...home.env, ...keychainEnv() }, timeoutMs: 120_000 });
    expect(back.code, back.stderr).toBe(0);
    expect(new Map(accounts().map((a) => [a, readFileSync(keysFile(a), 'utf8')]))).toEqual(original);
    expect(await entriesOfHome(home.accountsRoot)).toEqual([]);
  }, 600_000);
});

/** A condition that turns true `ms` after it is first asked. */
function delayOf(ms: number): () => boolean {
  let start: number | undefined;
  return () => {
    start ??= Date.now();
    return Date.now() - start >= ms;
  };
}
