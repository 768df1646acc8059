import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { confirm, promptHidden, terminalPrompter } from '../../src/cli/prompt.js';
import { CutiError } from '../../src/domain/errors.js';
import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { fakeIO, PrompterMock } from '../helpers/fake-io.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { runInProcess } from '../helpers/in-process.js';
import { SECRETS } from '../helpers/secrets.js';

/*
 * Commands ask through the prompter in their context. Here a scripted prompter answers,
 * as gh's tests do with their PrompterMock: what a command asks, and what it does with
 * each answer, without a terminal. The terminal prompter itself is driven below on a
 * fake terminal; the tmux tests type into a real one.
 */

let home: TempHome;
beforeEach(async () => {
  home = makeTempHome();
  const added = await runInProcess(['claude', 'add-api-key', 'work', '--api-key', '-'], { env: home.env, input: SECRETS.anthropicKey });
  expect(added.code).toBe(0);
});
afterEach(() => home.cleanup());

const keysFile = () => join(home.accountsRoot, 'work', '.api_keys.json');

describe('commands ask through the prompter', () => {
  it('delete asks "Are you sure?"; No keeps the account, Yes deletes it', async () => {
    const no = new PrompterMock().onConfirm('Are you sure?', false);
    const before = snapshotTree(home.home);
    const kept = await runInProcess(['claude', 'delete', 'work'], { env: home.env, stdinTTY: true, prompter: no });
    expect(no.asked).toEqual(['Are you sure?']);
    expect(kept).toMatchObject({ code: 0, stdout: 'Deletion cancelled\n' });
    expect(kept.stderr).toBe('⚠  About to delete account: work\n');
    expect(snapshotTree(home.home)).toEqual(before);

    const yes = new PrompterMock().onConfirm('Are you sure?', true);
    const deleted = await runInProcess(['claude', 'delete', 'work'], { env: home.env, stdinTTY: true, prompter: yes });
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain('✓ Deleted account: work');
    expect(yes.unanswered).toEqual([]);
  });

  it('without a terminal the prompter is never asked', async () => {
    const prompter = new PrompterMock();
    const refused = await runInProcess(['claude', 'delete-api-key', 'work', '-p', 'anthropic'], { env: home.env, input: 'y\n', prompter });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Re-run with --force to skip it.');
    expect(prompter.asked).toEqual([]);
  });

  it('use --claude-code asks before touching settings.json, naming the file', async () => {
    const prompter = new PrompterMock().onConfirm(/^Set apiKeyHelper in .*settings\.json\?$/, false);
    const r = await runInProcess(['claude', 'use', 'work', '--claude-code'], { env: home.env, stdinTTY: true, prompter });
    expect(r.code).toBe(0);
    expect(prompter.asked).toEqual([`Set apiKeyHelper in ${join(home.home, '.claude', 'settings.json')}?`]);
    expect(r.stderr).toContain('apiKeyHelper left unchanged');
  });

  it('add-api-key asks for a missing key with a hidden prompt, labelled by provider', async () => {
    const prompter = new PrompterMock().onSecret('Anthropic API key', SECRETS.anthropicKey2);
    const r = await runInProcess(['claude', 'add-api-key', 'other'], { env: home.env, stdinTTY: true, prompter });
    expect(r.code).toBe(0);
    expect(prompter.asked).toEqual(['Anthropic API key']);
    const stored = JSON.parse(readFileSync(join(home.accountsRoot, 'other', '.api_keys.json'), 'utf8')) as { anthropic: { api_key: string } };
    expect(stored.anthropic.api_key).toBe(SECRETS.anthropicKey2);
  });

  it('a cancelled secret prompt writes nothing and exits 130', async () => {
    const prompter = new PrompterMock().onSecret('AWS secret access key', new CutiError('cancelled', 'Cancelled; nothing was saved', { exitCode: 130 }));
    const before = snapshotTree(home.home);
    const r = await runInProcess(
      ['claude', 'add-api-key', 'bed', '-p', 'bedrock', '-k', 'model-id', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId],
      { env: home.env, stdinTTY: true, prompter },
    );
    expect(r).toMatchObject({ code: 130, stdout: '', stderr: '✗ Cancelled; nothing was saved\n' });
    expect(snapshotTree(home.home)).toEqual(before);
    expect(readFileSync(keysFile(), 'utf8')).toContain(SECRETS.anthropicKey);
  });
});

describe('the terminal prompter', () => {
  it('confirm: y/yes in any case is Yes, anything else No', async () => {
    for (const [typed, expected] of [['y\r', true], ['YES\r', true], ['\r', false], ['n\r', false], ['yep\r', false]] as const) {
      const fake = fakeIO({ stdinTTY: true, stderrTTY: true });
      const asked = terminalPrompter(fake.io.stdin, fake.io.stderr.stream).confirm('Go?');
      fake.type(typed);
      await expect(asked).resolves.toBe(expected);
    }
  });

  it('confirm refuses without a terminal, before asking', async () => {
    const prompter = new PrompterMock();
    await expect(confirm('Go?', { stdin: { isTTY: false }, prompter }, '--yes')).rejects.toThrow('Re-run with --yes to skip it.');
    expect(prompter.asked).toEqual([]);
  });

  it('the hidden prompt echoes * per character, honours backspace and Ctrl-U, ignores escape sequences', async () => {
    const fake = fakeIO({ stdinTTY: true, stderrTTY: true });
    const value = promptHidden('Key: ', fake.io.stdin, fake.io.stderr.stream);
    fake.type('abc');
    fake.type('\u001b[A'); // an arrow key: one chunk, ignored
    fake.type('\u0015xy\u007fz'); // Ctrl-U clears, then x, y, backspace, z
    fake.type('é漢\r');
    await expect(value).resolves.toBe('xzé漢');
    expect(fake.stderr()).toBe(`Key: ***${'\b \b'.repeat(3)}**\b \b***\n`);
    expect(fake.io.stdin.isRaw).toBe(false);
  });

  it('Ctrl-C, or Ctrl-D on an empty line, cancels with exit 130', async () => {
    for (const key of ['ab\u0003', '\u0004']) {
      const fake = fakeIO({ stdinTTY: true, stderrTTY: true });
      const value = promptHidden('Key: ', fake.io.stdin, fake.io.stderr.stream);
      fake.type(key);
      await expect(value).rejects.toMatchObject({ code: 'cancelled', exitCode: 130 });
    }
  });
});
