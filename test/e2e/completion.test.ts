import { execFileSync, spawnSync } from 'node:child_process';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { envWithCutiOnPath, makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { SECRETS } from '../helpers/secrets.js';

let t: TempHome;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  t = makeTempHome();
  env = envWithCutiOnPath(t);
  for (const name of ['work', 'work two', 'personal']) {
    expect((await runInProcess(['claude', 'add-api-key', name, '-k', '-'], { env: t.env, input: SECRETS.anthropicKey })).code).toBe(0);
  }
});
afterEach(() => t.cleanup());

/** What bash offers after the given words, the last being the one being completed. */
function bashComplete(words: string[]): string[] {
  const script = `source <(cuti completion bash)
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_cuti; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', script], { env, encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('cuti completion', () => {
  it('bash: commands, subcommands, options, option values and account names', () => {
    expect(bashComplete(['cuti', ''])).toEqual(expect.arrayContaining(['claude', 'completion']));
    expect(bashComplete(['cuti', 'claude', 'st'])).toEqual(['status']);
    expect(bashComplete(['cuti', 'claude', 'e'])).toEqual(['exec', 'env']);
    expect(bashComplete(['cuti', 'claude', 'exec', '--pr'])).toEqual(['--provider']);
    expect(bashComplete(['cuti', 'claude', 'env', '--shell', 'f'])).toEqual(['fish']);
    // Names are offered as the shell must read them: a space escaped, so it stays one word.
    expect(bashComplete(['cuti', 'claude', 'use', 'wo'])).toEqual(['work', 'work\\ two']);
    expect(bashComplete(['cuti', 'claude', 'show-api-key', ''])).toEqual(['personal', 'work', 'work\\ two']);
    expect(bashComplete(['cuti', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it('bash: each command offers the values it takes (providers per command, the store of secret-store)', () => {
    expect(bashComplete(['cuti', 'claude', 'add-api-key', 'x', '-p', ''])).toEqual(['anthropic', 'bedrock', 'vertex', 'foundry']);
    expect(bashComplete(['cuti', 'claude', 'delete-api-key', 'x', '--provider', ''])).toEqual(['anthropic', 'bedrock', 'vertex', 'foundry']);
    expect(bashComplete(['cuti', 'claude', 'test', '-p', ''])).toEqual(['anthropic', 'bedrock', 'vertex', 'foundry', 'claude-code']);
    expect(bashComplete(['cuti', 'claude', 'env', 'x', '-p', ''])).toEqual(['anthropic', 'bedrock', 'vertex', 'foundry', 'oauth']);
    expect(bashComplete(['cuti', 'claude', 'secret-store', ''])).toEqual(['file', 'keychain']);
  });

  it.skipIf(spawnSync('fish', ['-c', 'exit 0']).status !== 0)('fish: the values each command takes', () => {
    const out = execFileSync('fish', ['-c', `cuti completion fish | source; complete -C 'cuti claude secret-store '; echo SEP; complete -C 'cuti claude add-api-key x -p '`], { env, encoding: 'utf8' });
    const [store = '', providers = ''] = out.split('SEP\n').map((part) => part.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort());
    expect(store).toEqual(['file', 'keychain']);
    expect(providers).toEqual(['anthropic', 'bedrock', 'foundry', 'vertex']);
  });

  it.skipIf(spawnSync('fish', ['-c', 'exit 0']).status !== 0)('fish: account names and subcommands', () => {
    const out = execFileSync('fish', ['-c', `cuti completion fish | source; complete -C 'cuti claude use p'; complete -C 'cuti claude pri'`], { env, encoding: 'utf8' });
    expect(out.split('\n').map((l) => l.split('\t')[0])).toEqual(expect.arrayContaining(['personal', 'print-key']));
  });

  it.skipIf(spawnSync('zsh', ['-c', 'exit 0']).status !== 0)('zsh: the script loads and registers the completion', () => {
    const out = execFileSync('zsh', ['-c', `source <(cuti completion zsh) && echo "\${_comps[cuti]}"`], { env: { ...env, HOME: t.home }, encoding: 'utf8' });
    expect(out.trim()).toContain('_cuti');
  });

  it('the account helper lists names only, and an unknown shell is a usage error', async () => {
    const names = await runInProcess(['claude', '__complete-accounts'], { env: t.env });
    expect(names.stdout).toBe('personal\nwork\nwork two\n');
    const bad = await runInProcess(['completion', 'tcsh'], { env: t.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('✗ Unsupported shell: tcsh');
    const help = await runInProcess(['claude', '--help'], { env: t.env });
    expect(help.stdout).not.toContain('__complete-accounts');
  });
});
