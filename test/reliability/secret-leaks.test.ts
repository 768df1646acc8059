import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { AccountService } from '../../src/accounts/service.js';
import { FileSystemStorage } from '../../src/storage/fs-adapter.js';
import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { assertErrorHasNoSecrets, assertNoSecrets, leakedSecrets, SECRETS } from '../helpers/secrets.js';

/*
 * Secrets never leak: not in output unless asked for, not in error messages or JSON
 * error documents (even when the file that failed to parse is full of them), and never
 * on a command line cuti builds itself (argv is world-readable through ps and /proc).
 */

const SPY = resolve(import.meta.dirname, 'fixtures/argv-spy.mjs');

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => home.cleanup());

const env = () => home.env;
const bedrockArgs = (account: string) => [
  'claude', 'add-api-key', account, '-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '-r', 'us-east-1',
  '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey,
];

async function seed(): Promise<void> {
  // Through stdin and the environment, the ways that keep secrets out of argv.
  const viaStdin = await runInProcess(['claude', 'add-api-key', 'work', '--api-key', '-'], { env: env(), input: `${SECRETS.anthropicKey}\n` });
  expect(viaStdin.code, viaStdin.stderr).toBe(0);
  const viaEnv = await runInProcess(['claude', 'add-api-key', 'work', '-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key-env', 'AWS_SECRET'], {
    env: { ...env(), AWS_SECRET: SECRETS.secretAccessKey },
  });
  expect(viaEnv.code, viaEnv.stderr).toBe(0);
  expect((await runInProcess(bedrockArgs('cloud'), { env: env() })).code).toBe(0);
}

describe('no secret on a command line cuti builds', () => {
  it('every child process cuti starts gets its secrets through the environment, never argv', async () => {
    await seed();
    const log = join(home.home, 'spawned.jsonl');
    const spied = { ...env(), CUTI_ARGV_SPY_LOG: log };
    const run = (args: string[], revealsSecrets = false) => runCli(args, { env: spied, nodeArgs: ['--import', SPY], revealsSecrets });

    // exec hands the key to the child: the child sees it in its environment only.
    const probe = "process.stdout.write(String(Boolean(process.env.ANTHROPIC_API_KEY || process.env.AWS_SECRET_ACCESS_KEY)))";
    const exec = await run(['claude', 'exec', 'work', '-p', 'anthropic', '--', process.execPath, '-e', probe]);
    expect(exec.code, exec.stderr).toBe(0);
    expect(exec.stdout).toBe('true');
    const execBedrock = await run(['claude', 'exec', 'cloud', '--', process.execPath, '-e', probe]);
    expect(execBedrock.stdout).toBe('true');
    // Everything else that may start a process, or hand a key to another program.
    for (const args of [
      ['claude', 'use', 'work', '--claude-code', '--yes'],
      ['claude', 'status'],
      ['claude', 'list'],
      ['claude', 'info', 'work'],
      ['claude', 'show-api-key', 'work'],
    ]) {
      const result = await run(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    expect((await run(['claude', 'print-key', 'work'], true)).stdout.trim()).toBe(SECRETS.anthropicKey);
    expect((await run(['claude', 'env', 'work', '--export'], true)).code).toBe(0);

    const spawned = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { call: string; argv: string[] });
    // The spy works: it saw exec start node.
    expect(spawned.some((s) => s.argv.includes(process.execPath))).toBe(true);
    for (const s of spawned) assertNoSecrets(s.argv.join(' '), `argv of a child started by cuti (${s.call})`);

    // Claude Code's apiKeyHelper is a command line too: it must name cuti, not the key.
    const settings = readFileSync(join(home.home, '.claude', 'settings.json'), 'utf8');
    assertNoSecrets(settings, "Claude Code's settings.json");
    expect(settings).toContain('print-key');
  });
});

describe('no secret in errors, even when the broken file is full of them', () => {
  const secretValues = fc.constantFrom(...Object.values(SECRETS));
  /** A JSON value with secrets sprinkled in, in places the schema may or may not accept. */
  const jsonWithSecrets = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      secretValues,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('anthropic', 'bedrock', 'api_key', 'secret_access_key', 'accounts', 'active', 'claudeAiOauth', 'accessToken', 'x'), tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  /** The text of a damaged file: valid JSON of the wrong shape, or JSON cut short. */
  const damagedText = fc.tuple(jsonWithSecrets, fc.nat(), fc.boolean()).map(([value, cut, truncate]) => {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    return truncate ? text.slice(0, cut % (text.length + 1)) : text;
  });

  it('service errors and warnings over damaged files (in-process, many shapes)', async () => {
    await seed();
    const root = home.accountsRoot;
    const service = new AccountService(new FileSystemStorage(root));
    const files = [join(root, 'work', '.api_keys.json'), join(root, 'accounts.json'), join(root, 'work', '.credentials.json')];
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files), damagedText, async (file, text) => {
        const original = existsSync(file) ? readFileSync(file) : null;
        writeFileSync(file, text, { mode: 0o600 });
        try {
          const operations: Array<() => Promise<unknown>> = [
            () => service.getCredential('work', 'anthropic'),
            () => service.getCredential('work', 'bedrock'),
            () => service.listProviders('work'),
            () => service.getAccountDetails('work'),
            () => service.addCredential('work', { provider: 'anthropic', apiKey: SECRETS.anthropicKey2 }),
            () => service.deleteCredential('work', 'bedrock'),
          ];
          for (const operation of operations) {
            try {
              const result = await operation();
              // Successful reads carry warnings that a front end prints as they are.
              const warnings = (result as { warnings?: string[] } | undefined)?.warnings ?? [];
              assertNoSecrets(warnings.join('\n'), 'a warning');
            } catch (error) {
              errors++;
              assertErrorHasNoSecrets(error, 'an error over a damaged file');
            }
          }
          try {
            const list = await service.listAccounts();
            assertNoSecrets(list.accounts.flatMap((a) => a.warnings).join('\n'), 'list warnings');
          } catch (error) {
            assertErrorHasNoSecrets(error, 'a list error over a damaged file');
          }
        } finally {
          if (original === null) writeFileSync(file, '');
          else writeFileSync(file, original, { mode: 0o600 });
        }
      }),
      { numRuns: 150 },
    );
    expect(errors).toBeGreaterThan(100);
  });

  it('CLI errors and --json error documents over damaged files (the CLI, in-process)', async () => {
    await seed();
    const keys = join(home.accountsRoot, 'work', '.api_keys.json');
    const damaged = [
      `{"anthropic": {"api_key": "${SECRETS.anthropicKey}", "provider": "anthropic", "created": `,
      `{"anthropic": {"api_key": ["${SECRETS.anthropicKey}"]}}`,
      `{"bedrock": {"secret_access_key": {"${SECRETS.secretAccessKey}": 1}}}`,
      `["${SECRETS.anthropicKey}", "${SECRETS.secretAccessKey}"]`,
      `"${SECRETS.anthropicKey}"`,
    ];
    for (const text of damaged) {
      writeFileSync(keys, text, { mode: 0o600 });
      for (const args of [
        ['claude', 'show-api-key', 'work'],
        ['claude', 'show-api-key', 'work', '-p', 'bedrock', '--show-secret'],
        ['claude', 'list-api-keys', 'work'],
        ['claude', 'info', 'work'],
        ['claude', 'list'],
        ['claude', 'list', '--json'],
        ['claude', 'status', '--json'],
        ['claude', 'env', 'work', '--json'],
        ['claude', 'print-key', 'work'],
        ['claude', 'exec', 'work', '--', 'true'],
        ['claude', 'doctor'],
        ['claude', 'doctor', '--json'],
        ['claude', 'add-api-key', 'work', '--api-key', '-'],
      ]) {
        // runCli rejects any run whose stdout or stderr shows a secret.
        const result = await runInProcess(args, { env: env(), input: `${SECRETS.anthropicKey2}\n` });
        // Overviews carry on with a warning; everything that needs the file fails.
        const overview = ['info', 'list', 'status'].includes(args[1] ?? '');
        expect(result.code, args.join(' ')).toBe(overview ? 0 : 1);
        // A --json run answers with one JSON document, error or not.
        if (args.includes('--json')) expect(JSON.parse(result.stdout)).toHaveProperty('schemaVersion', 1);
      }
    }
  }, 120_000);

  it('a secret typed where an option was expected is not echoed back', async () => {
    for (const args of [
      ['claude', 'add-api-key', 'acct', `--apikey=${SECRETS.anthropicKey}`],
      ['claude', 'add-api-key', 'acct', '--api-key', `-${SECRETS.anthropicKey}`],
      ['claude', `--${SECRETS.secretAccessKey}`],
      ['claude', SECRETS.anthropicKey],
      ['claude', 'add-api-key', 'acct', SECRETS.anthropicKey],
      ['claude', 'add-api-key', 'acct', '--api-key', `${SECRETS.anthropicKey}\u001b[2J`],
      ['claude', 'add-api-key', 'acct', '--api-key', ` ${SECRETS.anthropicKey}`],
    ]) {
      const result = await runInProcess(args, { env: env() });
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).toMatch(/^✗ /m);
    }
    // With --json the same mistakes give a JSON error document, also without the secret.
    const json = await runInProcess(['claude', 'add-api-key', 'acct', `--apikey=${SECRETS.anthropicKey}`, '--json'], { env: env() });
    expect(json.code).toBe(2);
  });

  it('an account name that contains a secret is never created with the secret echoed', async () => {
    // People paste keys into the wrong argument: the name is refused (too long), not printed whole.
    const result = await runInProcess(['claude', 'add-api-key', SECRETS.anthropicKey + SECRETS.anthropicKey2, '--api-key', 'x'], { env: env() });
    expect(result.code).toBe(1);
    expect(leakedSecrets(result.stderr)).toEqual([]);
  });
});
