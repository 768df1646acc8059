import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AccountService } from '../../src/accounts/service.js';
import { CutiError } from '../../src/domain/errors.js';
import { validateAccountName } from '../../src/domain/validation.js';
import { FileSystemStorage } from '../../src/storage/fs-adapter.js';
import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { snapshotTree, type FsSnapshot } from '../helpers/fs-snapshot.js';
import { assertErrorHasNoSecrets, SECRETS } from '../helpers/secrets.js';
import { RAW_CONTROL } from './support.js';

/*
 * Account names and key values an attacker (or a bad paste) could hand cuti: random
 * Unicode, control characters, terminal escape sequences, path tricks, huge strings.
 * cuti must refuse or store them, but never escape the accounts root, crash with a
 * stack trace, or print a raw escape sequence.
 */

/** Deeper runs on demand: CUTI_FUZZ_RUNS=2000 npx vitest run test/reliability/hostile-input.test.ts */
const FUZZ_RUNS = Number(process.env.CUTI_FUZZ_RUNS ?? 0);
const runs = (normal: number) => ({ numRuns: FUZZ_RUNS > 0 ? FUZZ_RUNS : normal });

const ESCAPES = [
  '\u001b[31m', '\u001b[2J', '\u001b[H', '\u001b]0;pwned\u0007', '\u001b]8;;http://evil\u001b\\', '\u001b[6n',
  '\u009b31m', '\u009d0;title\u009c', '\u001bP+q\u001b\\', '\u0007', '\r', '\n', '\t', '\b', '\u007f',
  '\u202e', '\u2066', '\u200f', '\u2028',
];
const PATH_TRICKS = ['..', '../', '../../', '/', '/etc/passwd', '\\', '.', './', '~', '-', '--', '-k', 'accounts.json', '.lock', '.api_keys.json', ' '];

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom(...ESCAPES, ...PATH_TRICKS) },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9_-]{1,8}$/) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);
const hostileText = fc.oneof(
  { weight: 8, arbitrary: fc.array(fragment, { minLength: 1, maxLength: 6 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 300 }).chain((n) => fc.constantFrom('a', 'é', '🚀', '../').map((c) => c.repeat(n))) },
);
/** A key that embeds a known fake secret, so any echo of it is caught. */
const hostileKey = fc.tuple(hostileText, hostileText, fc.boolean()).map(([a, b, wrap]) =>
  wrap ? `${a}${SECRETS.anthropicKey}${b}` : `${SECRETS.anthropicKey}${b}`,
);
/** argv strings cannot hold NUL; everything else goes. */
const noNul = (s: string) => s.replace(/\u0000/g, '');

function assertPrintable(text: string, where: string): void {
  const match = RAW_CONTROL.exec(text);
  if (match) throw new Error(`${where} printed raw U+${match[0].codePointAt(0)?.toString(16).padStart(4, '0')}`);
}

/** Everything in the temp home that is not inside the accounts root. */
function outsideRoot(home: TempHome): FsSnapshot {
  const rootRel = relative(home.home, home.accountsRoot);
  const snapshot = snapshotTree(home.home);
  return Object.fromEntries(
    Object.entries(snapshot)
      .filter(([path]) => path !== rootRel && !path.startsWith(`${rootRel}/`))
      // Creating the accounts root updates its parents' mtimes: that is not a write outside.
      .map(([path, e]) => [path, e.type === 'dir' ? { ...e, mtimeMs: 0 } : e]),
  );
}

function seedSentinels(home: TempHome): void {
  mkdirSync(join(home.cutiHome), { recursive: true, mode: 0o700 });
  writeFileSync(join(home.home, '.bashrc'), 'export PS1=sentinel\n');
  writeFileSync(join(home.cutiHome, 'config.json'), '{"sentinel":true}');
  mkdirSync(join(home.home, 'etc'));
  writeFileSync(join(home.home, 'etc', 'passwd'), 'sentinel\n');
}

describe('hostile names and keys, in-process through the service', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'cuti-fuzz-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('FileSystemStorage: stores under <root>/<name> or refuses with a CutiError, never elsewhere', async () => {
    const base = join(tmp, 'fs');
    const root = join(base, 'home', '.cuti', 'claude-accounts');
    mkdirSync(join(base, 'home', 'etc'), { recursive: true });
    mkdirSync(root, { recursive: true, mode: 0o700 });
    writeFileSync(join(base, 'home', 'etc', 'passwd'), 'sentinel');
    const service = new AccountService(new FileSystemStorage(root));
    const outside = () => {
      const all = snapshotTree(base);
      return Object.keys(all).filter((p) => !p.startsWith('home/.cuti/claude-accounts/')).sort();
    };
    const before = outside();
    let stored = 0;

    await fc.assert(
      fc.asyncProperty(hostileText, hostileKey, async (name, key) => {
        let error: unknown;
        try {
          await service.addCredential(name, { provider: 'anthropic', apiKey: key });
        } catch (caught) {
          error = caught;
        }
        if (error !== undefined) {
          expect(error).toBeInstanceOf(CutiError);
          assertErrorHasNoSecrets(error, 'add-api-key error');
          assertPrintable((error as CutiError).message, 'error message');
          assertPrintable((error as CutiError).hint ?? '', 'error hint');
        } else {
          expect(() => validateAccountName(name)).not.toThrow();
          // A single path component directly under the root.
          expect(dirname(join(root, name))).toBe(root);
          const credential = await service.getCredential(name, 'anthropic');
          expect(credential.entry).toMatchObject({ api_key: key });
          expect(credential.fields.find((f) => f.secret)?.masked).not.toContain(SECRETS.anthropicKey.slice(8, 24));
          stored++;
        }
        expect(outside()).toEqual(before);
      }),
      runs(400),
    );
    // The generator must reach the success path too, not only validation errors.
    expect(stored).toBeGreaterThan(20);
    // And the listing of whatever got stored never fails.
    await expect(service.listAccounts()).resolves.toBeDefined();
  }, 120_000);

  it('MemoryStorage: the same rules, so the TUI tests see the same behaviour', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileKey, fc.constantFrom('anthropic', 'bedrock'), async (name, key, provider) => {
        const service = new AccountService(new MemoryStorage());
        const credential =
          provider === 'anthropic'
            ? ({ provider, apiKey: key } as const)
            : ({ provider, modelId: key, region: 'us-east-1', accessKeyId: SECRETS.accessKeyId, secretAccessKey: key } as const);
        try {
          await service.addCredential(name, credential);
          expect(() => validateAccountName(name)).not.toThrow();
        } catch (error) {
          expect(error).toBeInstanceOf(CutiError);
          assertErrorHasNoSecrets(error, 'add-api-key error');
          assertPrintable((error as CutiError).message, 'error message');
        }
      }),
      runs(1000),
    );
  });
});

describe('hostile names and keys through the CLI (its commands in-process, exec as a process)', () => {
  let home: TempHome;
  let before: FsSnapshot;
  beforeAll(() => {
    home = makeTempHome();
    seedSentinels(home);
    before = outsideRoot(home);
  });
  afterAll(() => home.cleanup());

  // After the add, one more command on the same name: reads, deletes, and the rest.
  const readCommand = fc.constantFrom(
    'show-api-key', 'list-api-keys', 'info', 'list', 'delete-api-key', 'show-api-key --json', 'list --json',
    'delete --force', 'use', 'env --export', 'exec', 'status',
  );

  it('never escapes the accounts root, never prints a stack trace or a raw escape sequence', async () => {
    const codes: number[] = [];
    await fc.assert(
      fc.asyncProperty(hostileText.map(noNul), hostileKey.map(noNul), fc.constantFrom('anthropic', 'bedrock'), readCommand, async (name, key, provider, read) => {
        const add =
          provider === 'anthropic'
            ? ['claude', 'add-api-key', name, '--api-key', key]
            : ['claude', 'add-api-key', name, '-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0',
               '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', key];
        const added = await runInProcess(add, { env: home.env });
        expect([0, 1, 2]).toContain(added.code);
        codes.push(added.code ?? -1);
        assertPrintable(added.stdout + added.stderr, 'add-api-key');
        if (added.code !== 0) expect(added.stderr).toMatch(/^✗ /m);

        const [command, flag] = read.split(' ') as [string, string | undefined];
        const args = ['claude', command, ...(command === 'list' || command === 'status' ? [] : [name]), ...(flag ? [flag] : [])];
        if (command === 'delete-api-key') args.push('-p', provider, '--force');
        if (command === 'show-api-key') args.push('-p', provider);
        if (command === 'exec') args.push('--', 'true');
        // env prints the key on purpose; every other command must not. exec hands the
        // terminal to its child, so it runs as a real process.
        const run = command === 'exec' ? runCli : runInProcess;
        const shown = await run(args, { env: home.env, revealsSecrets: command === 'env' });
        expect([0, 1, 2]).toContain(shown.code);
        assertPrintable(shown.stdout + shown.stderr, read);

        expect(outsideRoot(home)).toEqual(before);
      }),
      runs(100),
    );
    expect(codes.filter((c) => c === 0).length).toBeGreaterThan(3);
    expect(codes.filter((c) => c !== 0).length).toBeGreaterThan(3);
  }, 300_000);

  it('names too long for the file system (64 characters, 256 bytes) fail clearly', async () => {
    const name = '🚀'.repeat(64);
    const result = await runInProcess(['claude', 'add-api-key', name, '--api-key', '-'], { env: home.env, input: SECRETS.anthropicKey });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^✗ .*(too long)/m);
    expect(result.stderr).not.toMatch(/unexpected error/i);
    expect(outsideRoot(home)).toEqual(before);
  });

  it('a hostile store on disk (names and values written by another tool) is shown sanitised', async () => {
    // Directory names with escape sequences, and JSON values carrying them.
    const dirName = fc.array(fc.constantFrom(...ESCAPES.filter((e) => !e.includes('/')), 'acct', '\u00e9', ' '), { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(dirName, fc.constantFrom(...ESCAPES), async (name, evil) => {
        const store = makeTempHome();
        try {
          const dir = join(store.accountsRoot, name);
          mkdirSync(dir, { recursive: true, mode: 0o700 });
          const doc = {
            anthropic: { api_key: SECRETS.anthropicKey, provider: `anthropic${evil}`, created: `2025-10-01T00:31:34${evil}` },
            bedrock: { model_id: `m${evil}`, region: `us${evil}`, access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey, provider: 'bedrock', created: evil },
          };
          writeFileSync(join(dir, '.api_keys.json'), JSON.stringify(doc), { mode: 0o644 });
          const meta = { accounts: { [name]: { created: evil, last_used: evil, type: `T${evil}` } }, active: name };
          writeFileSync(join(store.accountsRoot, 'accounts.json'), JSON.stringify(meta), { mode: 0o600 });
          for (const args of [
            ['claude', 'list'],
            ['claude', 'list', '--json'],
            ['claude', 'info', name],
            ['claude', 'show-api-key', name],
            ['claude', 'show-api-key', name, '-p', 'bedrock', '--json'],
            ['claude', 'list-api-keys', name],
          ]) {
            const result = await runInProcess(args, { env: store.env });
            expect([0, 1, 2]).toContain(result.code);
            assertPrintable(result.stdout + result.stderr, args.slice(1).join(' '));
          }
        } finally {
          store.cleanup();
        }
      }),
      runs(12),
    );
  }, 300_000);
});
