import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { makeTempHome, runCli } from '../helpers/cli.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';

const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

async function cuti(args: string[]) {
  const home = makeTempHome();
  try {
    const result = await runCli(args, { env: home.env });
    // Help and version create nothing.
    expect(snapshotTree(home.cutiHome)).toEqual({});
    return result;
  } finally {
    home.cleanup();
  }
}

describe('cuti --version', () => {
  it.each([['--version'], ['-V']])('%s prints the package version', async (flag) => {
    const result = await cuti([flag]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('--help', () => {
  it('cuti claude --help lists the six spec commands', async () => {
    const result = await cuti(['claude', '--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const command of ['add-api-key', 'show-api-key', 'list-api-keys', 'delete-api-key', 'list', 'info']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  // Each command with the spec's options and short flags.
  const commands: Array<[string, string, RegExp[]]> = [
    ['add-api-key', 'Usage: cuti claude add-api-key [options] <account>', [/-k, --api-key/, /-p, --provider <provider>/, /-r, --region <region>/, /--access-key <id>/, /--secret-key/, /\(default:\s+"anthropic"\)/]],
    ['show-api-key', 'Usage: cuti claude show-api-key [options] <account>', [/-p, --provider <provider>/, /--show-secret/, /\(default:\s+"anthropic"\)/]],
    ['list-api-keys', 'Usage: cuti claude list-api-keys [options] <account>', []],
    ['delete-api-key', 'Usage: cuti claude delete-api-key [options] <account>', [/-p, --provider <provider>/, /-f, --force/]],
    ['list', 'Usage: cuti claude list [options]', [/--backups/]],
    ['info', 'Usage: cuti claude info [options] <account>', []],
  ];

  it.each(commands)('cuti claude %s --help', async (command, usage, options) => {
    for (const flag of ['--help', '-h']) {
      const result = await cuti(['claude', command, flag]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout.split('\n')[0]).toBe(usage);
      for (const option of options) expect(result.stdout).toMatch(option);
      // No option contradicts itself, e.g. "(default: masked) (default: false)".
      expect(result.stdout.replace(/\s+/g, ' ')).not.toMatch(/\(default: [^)]*\) \(default:/);
      expect(result.stdout).toMatch(/-h, --help/);
    }
  });

  it('cuti claude help <command> shows the same help', async () => {
    const viaHelp = await cuti(['claude', 'help', 'show-api-key']);
    const viaFlag = await cuti(['claude', 'show-api-key', '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });
});
