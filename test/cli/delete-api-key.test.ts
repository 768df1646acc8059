import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess, runInTerminal } from '../helpers/in-process.js';
import { expectErrorLine } from '../helpers/cli-expect.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';

const PROMPT = 'Are you sure? [y/N]: ';
const ABOUT = '⚠  About to delete anthropic API key from account: old-account';

let home: TempHome;
beforeEach(async () => {
  home = makeTempHome();
  const add = (...args: string[]) => runInProcess(['claude', 'add-api-key', 'old-account', ...args], { env: home.env });
  expect((await add('--api-key', SECRETS.anthropicKey)).code).toBe(0);
  const bedrock = await add(
    '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '-p', 'bedrock', '-r', 'us-east-1',
    '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey,
  );
  expect(bedrock.code).toBe(0);
});
afterEach(() => home.cleanup());

const keysFile = () => join(home.accountsRoot, 'old-account', '.api_keys.json');
const providers = () => Object.keys(JSON.parse(readFileSync(keysFile(), 'utf8')) as object);

describe('cuti claude delete-api-key: the y/N prompt on a terminal', () => {
  it.each([
    ['N', 'n\r'],
    ['"no"', 'no\r'],
    ['Enter (the default is No)', '\r'],
    ['anything else', 'maybe\r'],
  ])('%s cancels and changes nothing', async (_what, answer) => {
    const before = snapshotTree(home.home);
    const result = await runInTerminal(['claude', 'delete-api-key', 'old-account', '--provider', 'anthropic'], [
      { expect: PROMPT, send: answer },
    ], { env: home.env });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    expect(result.output).toContain(`${ABOUT}\n${PROMPT}`);
    expect(result.output.trimEnd().split('\n').at(-1)).toBe('Deletion cancelled');
    expect(result.output).not.toContain('✓ Deleted');
    expect(snapshotTree(home.home)).toEqual(before);
  });

  it('Ctrl+D (end of input) answers No', async () => {
    const before = snapshotTree(home.home);
    const result = await runInTerminal(['claude', 'delete-api-key', 'old-account', '-p', 'anthropic'], [
      { expect: PROMPT, send: '\u0004' },
    ], { env: home.env });
    expect(result).toMatchObject({ code: 0, timedOut: false });
    expect(result.output).toContain(`${PROMPT}\nDeletion cancelled\n`);
    expect(snapshotTree(home.home)).toEqual(before);
  });

  it('Ctrl+C interrupts: exit 130, no stack trace, nothing deleted', async () => {
    const before = snapshotTree(home.home);
    const result = await runInTerminal(['claude', 'delete-api-key', 'old-account', '-p', 'anthropic'], [
      { expect: PROMPT, send: '\u0003' },
    ], { env: home.env });
    expect(result).toMatchObject({ code: 130, timedOut: false });
    expect(result.output.trimEnd().split('\n').at(-1)).toBe('✗ Interrupted');
    expect(result.output).not.toMatch(/Unexpected error|\n\s+at /);
    expect(snapshotTree(home.home)).toEqual(before);
  });

  it.each([['y', 'y\r'], ['yes', 'yes\r'], ['Y', 'Y\r']])('%s deletes that provider only', async (_what, answer) => {
    const result = await runInTerminal(['claude', 'delete-api-key', 'old-account', '-p', 'anthropic'], [
      { expect: PROMPT, send: answer },
    ], { env: home.env });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    expect(result.output.trimEnd().split('\n').at(-1)).toBe('✓ Deleted anthropic API key from account: old-account');
    expect(providers()).toEqual(['bedrock']);
  });
});

describe('cuti claude delete-api-key without a terminal', () => {
  it('refuses to wait for an answer that cannot come, and changes nothing', async () => {
    const before = snapshotTree(home.home);
    // stdin is a pipe here, as in a script or CI; even a "y" on it must not count as consent.
    const result = await runInProcess(['claude', 'delete-api-key', 'old-account', '--provider', 'anthropic'], {
      env: home.env,
      input: 'y\n',
      timeoutMs: 10_000,
    });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      '✗ Refusing to ask for confirmation: standard input is not a terminal. Re-run with --force to skip it.',
    );
    expect(result.stderr.split('\n').filter((l) => l.startsWith('✗'))).toHaveLength(1);
    expect(snapshotTree(home.home)).toEqual(before);
  });

  it('deletes with --force (spec example) and keeps the other provider', async () => {
    const result = await runInProcess(['claude', 'delete-api-key', 'old-account', '--provider', 'bedrock', '--force'], {
      env: home.env,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('✓ Deleted bedrock API key from account: old-account\n');
    expect(providers()).toEqual(['anthropic']);
    const meta = JSON.parse(readFileSync(join(home.accountsRoot, 'accounts.json'), 'utf8')) as {
      accounts: Record<string, { credential_type: string }>;
    };
    expect(meta.accounts['old-account']?.credential_type).toBe('anthropic_api');
  });

  it('deletes the file with the last provider (-p and -f short flags)', async () => {
    for (const provider of ['anthropic', 'bedrock']) {
      const result = await runInProcess(['claude', 'delete-api-key', 'old-account', '-p', provider, '-f'], { env: home.env });
      expect(result.code).toBe(0);
    }
    expect(existsSync(keysFile())).toBe(false);
    // The account itself stays; only its keys are gone.
    const list = await runInProcess(['claude', 'list-api-keys', 'old-account'], { env: home.env });
    expect(list.stdout.split('\n')[0]).toBe('No API keys found for account: old-account');
  });

  it('then reports the key as missing, exit 1', async () => {
    await runInProcess(['claude', 'delete-api-key', 'old-account', '-p', 'anthropic', '--force'], { env: home.env });
    const again = await runInProcess(['claude', 'delete-api-key', 'old-account', '-p', 'anthropic', '--force'], { env: home.env });
    expectErrorLine(
      again,
      1,
      '⚠  No anthropic API key found for account: old-account',
      'Add one with: cuti claude add-api-key old-account --provider anthropic',
    );
  });
});
