import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { envWithCutiOnPath, makeTempHome, type TempHome } from '../helpers/cli.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';

/*
 * Account names are data someone else may have chosen (a shared or restored store):
 * completing them must never run them. bash's `compgen -W` expands $(...) and backticks
 * in its word list, so a name like the one below used to create files on TAB.
 */
const HOSTILE = 'x$(touch PWNED)`touch PWNED2`';
const NAMES = [HOSTILE, 'two words', `it's "quoted"`, 'work'];
const UNADDRESSABLE = ['line\nbreak', 'red\x1b[31mX\x1b]0;TITLE\x07', 'b\u202eevil', 'zero\u200bwidth', 'tab\there'];
const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0;

let t: TempHome;
let env: NodeJS.ProcessEnv;
let cwd: string;

beforeEach(() => {
  t = makeTempHome();
  env = envWithCutiOnPath(t);
  // Directories as another tool (or a restored backup) leaves them, newline included. The
  // unaddressable ones (control, bidi, zero-width characters: every command refuses them)
  // are not offered, so no completion list puts raw escapes or bidi marks on the terminal.
  for (const name of [...NAMES, ...UNADDRESSABLE]) mkdirSync(join(t.accountsRoot, name), { recursive: true });
  cwd = join(t.home, 'cwd');
  mkdirSync(cwd);
});
afterEach(() => t.cleanup());

const nothingRan = () => expect(readdirSync(cwd)).toEqual([]);

/** Runs the completion function the way bash (or zsh's bashcompinit, with ksharrays) calls it. */
function complete(shell: 'bash' | 'zsh', words: string[]): string[] {
  const setup = shell === 'zsh' ? 'setopt ksharrays; ' : '';
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `source <(cuti completion ${shell}); ${setup}COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _cuti; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync(shell, ['-c', script], { env: { ...env, HOME: t.home }, cwd, encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** What the shell reads back from a completion: the word it would insert. */
function unquote(shell: string, word: string): string {
  return execFileSync(shell, [...(shell === 'fish' ? ['--no-config'] : []), '-c', `printf '%s' ${word}`], { cwd, encoding: 'utf8' });
}

describe.each(['bash', 'zsh'] as const)('%s completion over hostile account names', (shell) => {
  it.skipIf(!has(shell))('offers every name shell-quoted, runs nothing, and a quoted word reads back as the name', () => {
    const offered = complete(shell, ['cuti', 'claude', 'use', '']);
    nothingRan();
    expect(offered).toHaveLength(NAMES.length);
    expect(offered.map((w) => unquote(shell, w)).sort()).toEqual([...NAMES].sort());
    nothingRan();
    // Prefixes match literally, typed raw or already quoted.
    expect(complete(shell, ['cuti', 'claude', 'use', 'x$']).map((w) => unquote(shell, w))).toEqual([HOSTILE]);
    expect(complete(shell, ['cuti', 'claude', 'info', 'two\\ w'])).toEqual(['two\\ words']);
    expect(complete(shell, ['cuti', 'claude', 'use', '*'])).toEqual([]);
    nothingRan();
  });
});

describe('fish completion over hostile account names', () => {
  it.skipIf(!has('fish'))('lists the names as they are and runs nothing', () => {
    const out = execFileSync('fish', ['--no-config', '-c', `cuti completion fish | source; complete -C 'cuti claude use '`], { env, cwd, encoding: 'utf8' });
    expect(out.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort()).toEqual([...NAMES].sort());
    nothingRan();
  });
});

/** TAB pressed in a real interactive shell, in a real terminal. */
describe.each([
  ['bash', 'bash --norc --noprofile -i'],
  ['zsh', 'zsh -f -i'],
  ['fish', 'fish --no-config --private -i'],
] as const)('TAB in an interactive %s', (shell, command) => {
  it.skipIf(!HAS_TMUX || !has(shell))('completes the hostile name quoted and runs nothing', async () => {
    const load = shell === 'fish' ? 'cuti completion fish | source' : `source <(cuti completion ${shell})`;
    const session = TmuxSession.start(`cd '${cwd}' && exec ${command}`, {
      env: { ...env, HOME: t.home, PS1: '$ ', PROMPT: '$ ', TERM: 'xterm', HISTFILE: '' },
    });
    try {
      session.sendText(`${load}; echo loaded\n`);
      await session.waitFor('loaded');
      session.sendText('cuti claude use x');
      session.sendKeys('Tab');
      const screen = await session.waitFor((s) => s.includes('PWNED2'));
      const line = screen.split('\n').reverse().find((l) => l.includes('cuti claude use x')) ?? '';
      const word = line.slice(line.indexOf('cuti claude use ') + 'cuti claude use '.length).trimEnd();
      // What the shell put on the line reads back, in that shell, as exactly the name.
      expect(unquote(shell, word)).toBe(HOSTILE);
      await new Promise((r) => setTimeout(r, 300));
      nothingRan();
      // Running the line passes the name to cuti as one argument and still runs nothing.
      session.sendText('\n');
      await session.waitFor((s) => /Account|account|✓|✗/.test(s.slice(s.indexOf(word) + word.length)));
      nothingRan();
    } finally {
      session.kill();
    }
  }, 30_000);
});

it('the cwd check itself works: an unquoted word does run', () => {
  execFileSync('bash', ['-c', `eval "echo ${HOSTILE}"`], { cwd, stdio: 'ignore' });
  expect(existsSync(join(cwd, 'PWNED'))).toBe(true);
});
