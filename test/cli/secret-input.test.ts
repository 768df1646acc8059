import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess, runInTerminal } from '../helpers/in-process.js';
import { SECRETS } from '../helpers/secrets.js';

let t: TempHome;
beforeEach(() => (t = makeTempHome()));
afterEach(() => t.cleanup());

const keysFile = (account: string) => join(t.accountsRoot, account, '.api_keys.json');
const stored = (account: string) => JSON.parse(readFileSync(keysFile(account), 'utf8')) as Record<string, Record<string, string>>;
const HISTORY_WARNING = 'lands in your shell history';

describe('secret entry without argv', () => {
  it('--api-key - reads the key from standard input, without a warning', async () => {
    const r = await runInProcess(['claude', 'add-api-key', 'work', '--api-key', '-'], { env: t.env, input: `${SECRETS.anthropicKey}\n` });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('✓ Added anthropic API key to account: work');
    expect(stored('work').anthropic?.api_key).toBe(SECRETS.anthropicKey);
  });

  it('--secret-key - reads the Bedrock secret from standard input', async () => {
    const r = await runInProcess(
      ['claude', 'add-api-key', 'bed', '-p', 'bedrock', '-k', 'model-id', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', '-'],
      { env: t.env, input: SECRETS.secretAccessKey },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(stored('bed').bedrock?.secret_access_key).toBe(SECRETS.secretAccessKey);
  });

  it('--api-key-env NAME reads an environment variable', async () => {
    const r = await runInProcess(['claude', 'add-api-key', 'work', '--api-key-env', 'MY_KEY'], { env: { ...t.env, MY_KEY: SECRETS.anthropicKey2 } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(stored('work').anthropic?.api_key).toBe(SECRETS.anthropicKey2);
    const unset = await runInProcess(['claude', 'add-api-key', 'other', '--api-key-env', 'NOT_SET'], { env: t.env });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toBe('✗ Environment variable NOT_SET is not set or empty\n');
    expect(existsSync(join(t.accountsRoot, 'other'))).toBe(false);
  });

  it('a secret passed as a plain flag still works, with a one-line warning', async () => {
    const r = await runInProcess(['claude', 'add-api-key', 'work', '--api-key', SECRETS.anthropicKey], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`--api-key on the command line ${HISTORY_WARNING}`);
    expect(stored('work').anthropic?.api_key).toBe(SECRETS.anthropicKey);
    const bedrock = await runInProcess(
      ['claude', 'add-api-key', 'bed', '-p', 'bedrock', '-k', 'model-id', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey],
      { env: t.env },
    );
    expect(bedrock.code).toBe(0);
    // The model id is not a secret; only the secret key draws the warning.
    expect(bedrock.stderr.match(new RegExp(HISTORY_WARNING, 'g'))).toHaveLength(1);
    expect(bedrock.stderr).toContain('--secret-key on the command line');
  });

  it('without a terminal, a missing value is a usage error and nothing is written', async () => {
    const bare = await runInProcess(['claude', 'add-api-key', 'work', '--api-key'], { env: t.env });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("✗ --api-key needs a value: pass '-' to read it from standard input");
    const absent = await runInProcess(['claude', 'add-api-key', 'work'], { env: t.env });
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain("required option '-k, --api-key <key>' not specified");
    const both = await runInProcess(
      ['claude', 'add-api-key', 'bed', '-p', 'bedrock', '-k', '-', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key', '-'],
      { env: t.env, input: 'x' },
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('Only one option can read standard input');
    expect(existsSync(t.accountsRoot)).toBe(false);
  });

  it('on a terminal, a hidden prompt asks for the key and echoes only *', async () => {
    const r = await runInTerminal(['claude', 'add-api-key', 'work'], [{ expect: 'Anthropic API key: ', send: `${SECRETS.anthropicKey}\r` }], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.output).toContain(`Anthropic API key: ${'*'.repeat(SECRETS.anthropicKey.length)}`);
    expect(r.output).toContain('✓ Added anthropic API key to account: work');
    expect(r.output).not.toContain(HISTORY_WARNING);
    expect(stored('work').anthropic?.api_key).toBe(SECRETS.anthropicKey);
  });

  it('the prompt handles backspace, and --api-key with no value prompts too', async () => {
    const r = await runInTerminal(['claude', 'add-api-key', 'work', '--api-key'], [{ expect: 'Anthropic API key: ', send: `${SECRETS.anthropicKey}XY\u007f\u007f\r` }], { env: t.env });
    expect(r.code).toBe(0);
    expect(stored('work').anthropic?.api_key).toBe(SECRETS.anthropicKey);
  });

  it('prompts for the Bedrock secret once region and access key are given', async () => {
    const r = await runInTerminal(
      ['claude', 'add-api-key', 'bed', '-p', 'bedrock', '-k', 'model-id', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId],
      [{ expect: 'AWS secret access key: ', send: `${SECRETS.secretAccessKey}\r` }],
      { env: t.env },
    );
    expect(r.code).toBe(0);
    expect(stored('bed').bedrock?.secret_access_key).toBe(SECRETS.secretAccessKey);
  });

  it('Ctrl-C at the prompt cancels with nothing written', async () => {
    const r = await runInTerminal(['claude', 'add-api-key', 'work'], [{ expect: 'Anthropic API key: ', send: 'sk-ant-part\u0003' }], { env: t.env });
    expect(r.code).toBe(130);
    expect(r.output).toContain('✗ Cancelled; nothing was saved');
    expect(existsSync(t.accountsRoot)).toBe(false);
  });
});
