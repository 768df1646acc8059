import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HIDDEN_VALUE, looksLikeSecret, redactSecrets } from '../../src/domain/redact.js';
import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { SECRETS } from '../helpers/secrets.js';
import { runLimited } from './support.js';

/*
 * A key typed where a name, provider, shell or command belongs (an easy slip: `$` before a
 * variable name, a paste into the wrong prompt) must never come back in an error. runCli
 * fails any run whose output holds a known fake secret (any 16 characters of one), so every
 * case below is a leak check over stdout and stderr, in plain and --json form.
 */

let home: TempHome;
beforeAll(async () => {
  home = makeTempHome();
  expect((await runInProcess(['claude', 'add-api-key', 'work', '-k', '-'], { env: home.env, input: SECRETS.anthropicKey })).code).toBe(0);
});
afterAll(() => home.cleanup());

const BEDROCK = ['-p', 'bedrock', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId];

/** Each misplaced position, with the secret put there. */
const PATHS: Array<[string, (s: string) => string[]]> = [
  ['--api-key-env', (s) => ['claude', 'add-api-key', 'work', '--api-key-env', s]],
  ['--api-key-env=', (s) => ['claude', 'add-api-key', 'work', `--api-key-env=${s}`]],
  ['--secret-key-env', (s) => ['claude', 'add-api-key', 'cloud', ...BEDROCK, '--secret-key-env', s]],
  ['add-api-key -p', (s) => ['claude', 'add-api-key', 'work', '-p', s, '--api-key-env', 'NOPE']],
  ['--region', (s) => ['claude', 'add-api-key', 'cloud', '-p', 'bedrock', '-k', 'model', '-r', s, '--access-key', SECRETS.accessKeyId, '--secret-key-env', 'NOPE']],
  ['env -p', (s) => ['claude', 'env', 'work', '-p', s]],
  ['env --shell', (s) => ['claude', 'env', 'work', '--shell', s]],
  ['exec -p', (s) => ['claude', 'exec', 'work', '-p', s, '--', 'true']],
  ['show-api-key -p', (s) => ['claude', 'show-api-key', 'work', '-p', s]],
  ['list-api-keys account', (s) => ['claude', 'list-api-keys', s]],
  ['delete-api-key -p', (s) => ['claude', 'delete-api-key', 'work', '-p', s, '--yes']],
  ['use account', (s) => ['claude', 'use', s]],
  ['use -p', (s) => ['claude', 'use', 'work', '-p', s]],
  ['info account', (s) => ['claude', 'info', s]],
  ['delete account', (s) => ['claude', 'delete', s, '--force']],
  ['env account', (s) => ['claude', 'env', s]],
  ['exec account', (s) => ['claude', 'exec', s, '--', 'true']],
  ['add-api-key account', (s) => ['claude', 'add-api-key', s, '--api-key-env', 'NOPE']],
  ['completion <shell>', (s) => ['completion', s]],
  ['cuti <command>', (s) => [s]],
  ['cuti claude <command>', (s) => ['claude', s]],
  ['unknown option', (s) => ['claude', 'list', `--${s}`]],
  ['unknown option=value', (s) => ['claude', 'list', `--apikey=${s}`]],
  ['excess argument', (s) => ['claude', 'list', s]],
  ['option after --', (s) => ['claude', 'show-api-key', '--', s]],
  // The provider forms' flags and the newer commands.
  ['--session-token-env', (s) => ['claude', 'add-api-key', 'cloud', ...BEDROCK, '--secret-key-env', 'NOPE', '--session-token-env', s]],
  ['--profile', (s) => ['claude', 'add-api-key', 'cloud', '-p', 'bedrock', '-r', 'us-east-1', '--profile', s]],
  ['--project-id', (s) => ['claude', 'add-api-key', 'gcp', '-p', 'vertex', '-r', 'us-east5', '--project-id', s]],
  ['--model-regions', (s) => ['claude', 'add-api-key', 'gcp', '-p', 'vertex', '-r', 'us-east5', '--project-id', 'my-project-1', '--model-regions', s]],
  ['--credentials-file', (s) => ['claude', 'add-api-key', 'gcp', '-p', 'vertex', '-r', 'us-east5', '--project-id', 'my-project-1', '--credentials-file', s]],
  ['--credentials-file /dir/<key>', (s) => ['claude', 'add-api-key', 'gcp', '-p', 'vertex', '-r', 'us-east5', '--project-id', 'my-project-1', '--credentials-file', `/tmp/${s}`]],
  ['--resource', (s) => ['claude', 'add-api-key', 'az', '-p', 'foundry', '--api-key-env', 'NOPE', '--resource', s]],
  ['--model', (s) => ['claude', 'add-api-key', 'cloud', '-p', 'bedrock', '-r', 'us-east-1', '--profile', 'team', '--model', s]],
  ['rename account', (s) => ['claude', 'rename', s, 'other']],
  ['rename new-name', (s) => ['claude', 'rename', 'work', s]],
  ['login account', (s) => ['claude', 'login', s]],
  ['secret-store <store>', (s) => ['claude', 'secret-store', s]],
  ['test account', (s) => ['claude', 'test', s]],
  ['test -p', (s) => ['claude', 'test', 'work', '-p', s]],
  ['print-aws account', (s) => ['claude', 'print-aws', s]],
  ['use --claude-code account', (s) => ['claude', 'use', s, '--claude-code', '--yes']],
];

const SECRET_VALUES = [SECRETS.anthropicKey, SECRETS.secretAccessKey, SECRETS.bearerToken, SECRETS.accessKeyId, SECRETS.oauthAccessToken];

describe('a secret in a misplaced argument is never echoed', () => {
  it.each(PATHS)('%s', async (_label, argsFor) => {
    const jobs = SECRET_VALUES.flatMap((secret) =>
      [[], ['--json']].map((json) => async () => {
        const args = [...argsFor(secret), ...json];
        // runCli rejects on any leak; the status says the mistake was refused.
        const r = await runInProcess(args, { env: { ...home.env, NOPE: '' } });
        return { args, code: r.code, out: r.stdout + r.stderr };
      }),
    );
    for (const r of await runLimited(jobs, 4)) {
      expect(r.code, r.args.join(' ')).not.toBe(0);
      expect(r.out.trim(), r.args.join(' ')).not.toBe('');
    }
  }, 120_000);

  it('--api-key-env "$KEY" says what went wrong, without the key', async () => {
    const r = await runInProcess(['claude', 'add-api-key', 'work', '--api-key-env', SECRETS.anthropicKey], { env: home.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--api-key-env takes the name of an environment variable');
    expect(r.stderr).toContain("without '$'");
  });

  it('ordinary values are still echoed, so mistakes stay easy to see', async () => {
    const shell = await runInProcess(['claude', 'env', 'work', '--shell', 'tcsh'], { env: home.env });
    expect(shell.stderr).toContain('Invalid shell: tcsh');
    const missing = await runInProcess(['claude', 'add-api-key', 'work', '--api-key-env', 'MY_ANTHROPIC_KEY'], { env: home.env });
    expect(missing.stderr).toContain('Environment variable MY_ANTHROPIC_KEY is not set or empty');
    const typo = await runInProcess(['claude', 'lst'], { env: home.env });
    expect(typo.stderr).toContain("unknown command 'lst'");
  });
});

describe('a secret given as the AWS access key ID', () => {
  it('is refused, not stored as an ID that is shown in part and exported', async () => {
    for (const secret of [SECRETS.secretAccessKey, SECRETS.anthropicKey, SECRETS.bearerToken]) {
      const args = ['claude', 'add-api-key', 'swapped', '-p', 'bedrock', '-k', 'model', '-r', 'us-east-1', '--access-key', secret, '--secret-key-env', 'S'];
      const r = await runInProcess(args, { env: { ...home.env, S: SECRETS.secretAccessKey } });
      expect(r.code, secret).toBe(1);
      expect(r.stderr).toContain('Access key ID looks like a secret key');
    }
    const list = await runInProcess(['claude', 'list'], { env: home.env });
    expect(list.stdout).not.toContain('swapped');
  });
});

describe('redactSecrets', () => {
  it('hides secret-shaped words and keeps paths, names and sentences', () => {
    expect(redactSecrets(`Invalid provider: ${SECRETS.anthropicKey}.`)).toBe(`Invalid provider: ${HIDDEN_VALUE}.`);
    expect(redactSecrets(`unknown option '--x=${SECRETS.secretAccessKey}'`)).toBe(`unknown option '--x=${HIDDEN_VALUE}'`);
    const path = '/tmp/cuti-test-AbC123xyz/.cuti/claude-accounts/Work2024Production/.api_keys.json';
    expect(redactSecrets(`${path}: not valid JSON`)).toBe(`${path}: not valid JSON`);
    expect(looksLikeSecret('ANTHROPIC_API_KEY_FOR_PRODUCTION_2024')).toBe(false);
    expect(looksLikeSecret('aB3'.repeat(12))).toBe(true);
  });
});
