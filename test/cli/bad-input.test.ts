import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { errorLines, expectErrorLine } from '../helpers/cli-expect.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';

const MODEL = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
const BEDROCK_MISSING = '✗ Bedrock requires --region, --access-key, and --secret-key';

/**
 * Every bad input of the issue, against a home that already holds accounts: each must
 * print one clear line on stderr, exit 1 (2 for usage errors), and change NOTHING on
 * disk — no file, no mode, no directory, not even a lock directory that comes and goes.
 */
let home: TempHome;
beforeAll(async () => {
  home = makeTempHome();
  const setup = async (...args: string[]) => {
    const result = await runInProcess(['claude', ...args], { env: home.env });
    expect(result.code).toBe(0);
  };
  await setup('add-api-key', 'prod', '-k', SECRETS.anthropicKey);
  await setup(
    'add-api-key', 'bedrock-us', '-k', MODEL, '-p', 'bedrock', '-r', 'us-east-1',
    '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey,
  );
});
afterAll(() => home.cleanup());

async function expectNothingChanged(args: string[]) {
  const before = snapshotTree(home.home);
  const result = await runInProcess(['claude', ...args], { env: home.env });
  expect(snapshotTree(home.home)).toEqual(before);
  return result;
}

describe('bad input changes nothing on disk', () => {
  describe('an unknown provider', () => {
    it.each([
      [['add-api-key', 'prod', '-k', SECRETS.anthropicKey2, '--provider', 'openai']],
      [['add-api-key', 'new-account', '-k', SECRETS.anthropicKey2, '-p', 'openai']],
      [['show-api-key', 'prod', '--provider', 'openai']],
      [['delete-api-key', 'prod', '--provider', 'openai', '--force']],
    ])('%j', async (args) => {
      const result = await expectNothingChanged(args);
      expectErrorLine(result, 1, '✗ Invalid provider: openai', 'Valid providers: anthropic, bedrock, vertex, foundry');
    });
  });

  describe('Bedrock without all of --region, --access-key, --secret-key (the spec message)', () => {
    const all = { '--region': 'us-east-1', '--access-key': SECRETS.accessKeyId, '--secret-key': SECRETS.secretAccessKey };
    const without = (...missing: string[]) =>
      Object.entries(all)
        .filter(([flag]) => !missing.includes(flag))
        .flat();

    it('spec example: only a model id', async () => {
      const result = await expectNothingChanged(['add-api-key', 'test', '--api-key', 'model-id', '--provider', 'bedrock']);
      expectErrorLine(result, 1, BEDROCK_MISSING);
    });

    it.each([['--region'], ['--access-key'], ['--secret-key'], ['--region', '--secret-key']])(
      'without %s',
      async (...missing) => {
        const result = await expectNothingChanged(['add-api-key', 'bedrock-eu', '-k', MODEL, '-p', 'bedrock', ...without(...missing)]);
        expectErrorLine(result, 1, BEDROCK_MISSING);
      },
    );

    it.each([['--region'], ['--access-key'], ['--secret-key']])('with an empty %s', async (flag) => {
      const result = await expectNothingChanged(['add-api-key', 'bedrock-eu', '-k', MODEL, '-p', 'bedrock', ...without(flag), flag, '']);
      expectErrorLine(result, 1, BEDROCK_MISSING);
    });
  });

  describe('a key pasted where the account name goes', () => {
    it.each([
      [['add-api-key', SECRETS.anthropicKey2, '-k', SECRETS.anthropicKey2]],
      [['show-api-key', SECRETS.anthropicKey]],
      [['add-api-key', SECRETS.accessKeyId, '-k', MODEL, '-p', 'bedrock', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey]],
    ])('%#: refused without echoing it (runInProcess fails on any leak)', async (args) => {
      const result = await expectNothingChanged(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/looks like an API key or AWS credential/);
    });
  });

  describe('an empty key', () => {
    it.each([[''], ['   ']])('anthropic key %j', async (key) => {
      const result = await expectNothingChanged(['add-api-key', 'prod', '--api-key', key]);
      expect(errorLines(result.stderr)).toEqual(['✗ API key cannot be empty']);
      expect(result.code).toBe(1);
    });

    it('an empty Bedrock model id', async () => {
      const result = await expectNothingChanged([
        'add-api-key', 'bedrock-us', '-k', '', '-p', 'bedrock', '-r', 'us-east-1',
        '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey,
      ]);
      expect(errorLines(result.stderr)).toEqual(['✗ Model ID (--api-key) cannot be empty']);
      expect(result.code).toBe(1);
    });
  });

  describe('a bad account name, for every command that takes one', () => {
    const names: Array<[string, string, string]> = [
      ['empty', '', '✗ Account name cannot be empty'],
      ['a slash', 'team/prod', "✗ Account name cannot contain '/' or '\\': team/prod"],
      ['a path escape', '../../etc', "✗ Account name cannot contain '/' or '\\': ../../etc"],
      ['a backslash', 'team\\prod', "✗ Account name cannot contain '/' or '\\': team\\prod"],
      ['dot-dot', '..', "✗ Account name cannot contain '..': .."],
      ['an ESC sequence', '\u001b[31mred', '✗ Account name contains control characters: \\x1b[31mred'],
      ['a control character', 'a\u0001b', '✗ Account name contains control characters: a\\x01b'],
      ['a newline', 'a\nb', '✗ Account name contains control characters: a\\x0ab'],
    ];
    // Too long for a new account; an existing one the original tool made may be that long,
    // so commands that address an account look it up (issue 16: legacy names stay usable).
    const tooLong = 'a'.repeat(65);
    // (A NUL byte cannot travel through argv at all; the unit tests cover it.)
    const commands: Array<[string, (name: string) => string[]]> = [
      ['add-api-key', (n) => ['add-api-key', n, '-k', SECRETS.anthropicKey2]],
      ['show-api-key', (n) => ['show-api-key', n]],
      ['list-api-keys', (n) => ['list-api-keys', n]],
      ['delete-api-key', (n) => ['delete-api-key', n, '-p', 'anthropic', '--force']],
      ['info', (n) => ['info', n]],
    ];

    for (const [command, argsFor] of commands) {
      const long: [string, string, string] =
        command === 'add-api-key'
          ? ['65 characters', tooLong, '✗ Account name is longer than 64 characters']
          : ['65 characters', tooLong, command === 'show-api-key' || command === 'delete-api-key' ? `⚠  No anthropic API key found for account: ${tooLong}` : `✗ Account '${tooLong}' not found`];
      it.each([...names, long])(`${command} with %s`, async (_what, name, line) => {
        const result = await expectNothingChanged(argsFor(name));
        if (line.startsWith('⚠')) expect(result.stderr.split('\n')).toContain(line);
        else expect(errorLines(result.stderr)).toEqual([line]);
        expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
        expect(result.stdout).toBe('');
        expect(result.code).toBe(1);
      });
    }
  });

  describe('a missing account', () => {
    it('show-api-key (spec: API key not found)', async () => {
      const result = await expectNothingChanged(['show-api-key', 'test', '--provider', 'anthropic']);
      expectErrorLine(
        result,
        1,
        '⚠  No anthropic API key found for account: test',
        'Add one with: cuti claude add-api-key test --provider anthropic',
      );
    });

    it.each([['list-api-keys'], ['info']])('%s', async (command) => {
      const result = await expectNothingChanged([command, 'nobody']);
      expectErrorLine(result, 1, "✗ Account 'nobody' not found", 'See your accounts with: cuti claude list');
    });

    it('delete-api-key --force', async () => {
      const result = await expectNothingChanged(['delete-api-key', 'nobody', '-p', 'anthropic', '--force']);
      expectErrorLine(
        result,
        1,
        '⚠  No anthropic API key found for account: nobody',
        'Add one with: cuti claude add-api-key nobody --provider anthropic',
      );
    });
  });

  describe('a provider the account does not have', () => {
    it('show-api-key', async () => {
      const result = await expectNothingChanged(['show-api-key', 'prod', '-p', 'bedrock']);
      expectErrorLine(
        result,
        1,
        '⚠  No bedrock API key found for account: prod',
        'Add one with: cuti claude add-api-key prod --provider bedrock --region REGION --access-key KEY_ID',
      );
    });

    it('delete-api-key, with and without --force', async () => {
      for (const extra of [['--force'], []]) {
        const result = await expectNothingChanged(['delete-api-key', 'bedrock-us', '-p', 'anthropic', ...extra]);
        expectErrorLine(
          result,
          1,
          '⚠  No anthropic API key found for account: bedrock-us',
          'Add one with: cuti claude add-api-key bedrock-us --provider anthropic',
        );
      }
    });
  });

  describe('usage errors exit 2', () => {
    it.each([
      ['delete-api-key without --provider', ['delete-api-key', 'prod', '--force'], "✗ required option '-p, --provider <provider>' not specified"],
      ['show-api-key without an account', ['show-api-key'], "✗ missing required argument 'account'"],
      ['info without an account', ['info'], "✗ missing required argument 'account'"],
      ['an unknown option', ['list', '--bogus'], "✗ unknown option '--bogus'"],
      ['an unknown command', ['frobnicate'], "✗ unknown command 'frobnicate'"],
      ['an extra argument', ['list-api-keys', 'prod', 'extra'], /^✗ too many arguments/],
    ])('%s', async (_what, args, line) => {
      const result = await expectNothingChanged(args);
      expect(result.stdout).toBe('');
      expect(errorLines(result.stderr)).toHaveLength(1);
      if (typeof line === 'string') expect(errorLines(result.stderr)[0]).toBe(line);
      else expect(errorLines(result.stderr)[0]).toMatch(line);
      expect(result.code).toBe(2);
    });

    it('add-api-key without --api-key when no terminal can prompt', async () => {
      const result = await expectNothingChanged(['add-api-key', 'prod']);
      expect(errorLines(result.stderr)).toHaveLength(1);
      expect(result.stdout).toBe('');
      expect(result.code).toBe(2);
    });
  });

  describe('a corrupt file is named and left alone', () => {
    it.each([
      ['.api_keys.json', ['add-api-key', 'broken', '-k', SECRETS.anthropicKey2]],
      ['.api_keys.json', ['show-api-key', 'broken']],
      ['.api_keys.json', ['list-api-keys', 'broken']],
      ['.api_keys.json', ['delete-api-key', 'broken', '-p', 'anthropic', '--force']],
    ])('%s: %j', async (_file, args) => {
      const path = join(home.accountsRoot, 'broken', '.api_keys.json');
      mkdirSync(join(home.accountsRoot, 'broken'), { recursive: true, mode: 0o700 });
      writeFileSync(path, `{"anthropic": {"api_key": "${SECRETS.anthropicKey}"`, { mode: 0o600 });
      const result = await expectNothingChanged(args);
      expect(errorLines(result.stderr)).toEqual([
        `✗ ${path}: not valid JSON. cuti will not overwrite it; fix or move the file.`,
      ]);
      expect(result.code).toBe(1);
    });

    it('accounts.json: add-api-key writes nothing at all', async () => {
      const path = join(home.accountsRoot, 'accounts.json');
      const original = readFileSync(path);
      try {
        writeFileSync(path, '[]');
        const result = await expectNothingChanged(['add-api-key', 'fresh', '-k', SECRETS.anthropicKey2]);
        expect(errorLines(result.stderr)).toEqual([
          `✗ ${path}: unexpected structure at top level (expected object). cuti will not overwrite it; fix or move the file.`,
        ]);
        expect(result.code).toBe(1);
        const list = await expectNothingChanged(['list']);
        expect(list.code).toBe(1);
        expect(errorLines(list.stderr)).toHaveLength(1);
      } finally {
        writeFileSync(path, original);
      }
    });
  });
});
