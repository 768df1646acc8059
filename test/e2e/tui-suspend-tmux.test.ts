import { afterEach, describe, expect, it } from 'vitest';

import { quotePosix } from '../../src/domain/shell-quote.js';
import { CLI, makeTempHome, type TempHome } from '../helpers/cli.js';
import { SECRETS } from '../helpers/secrets.js';
import { anthropicEntry, seedAccount } from '../helpers/seed-accounts.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';

/*
 * Ctrl-Z in a real terminal, under a real interactive shell with job control (bash in
 * tmux, no CI variable): the TUI leaves the alternate screen and gives the terminal back
 * to the shell, whose prompt works; `fg` brings the whole screen back and keys act again.
 */

const PROMPT = 'cuti-shell$ ';
let h: TempHome;
let shell: TmuxSession | undefined;
afterEach(async () => {
  shell?.kill();
  shell = undefined;
  // The shell and the TUI may still be finishing their last writes into the home as the server goes.
  for (let attempt = 1; ; attempt++) {
    try {
      h.cleanup();
      return;
    } catch (error) {
      if (attempt === 20) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});

const alternateScreen = (session: TmuxSession) => session.command('display-message', '-p', '-t', 'main', '#{alternate_on}').trim();
const selectedRow = (screen: string) => screen.split('\n').find((line) => line.startsWith('❯')) ?? '';

/** An interactive bash (job control on) in tmux, which has started the TUI as a person would. */
async function tuiInShell(): Promise<TmuxSession> {
  const session = TmuxSession.start('exec bash --norc --noprofile -i', {
    columns: 80,
    rows: 24,
    env: { ...h.env, PATH: process.env.PATH, TERM: 'xterm-256color', LANG: 'C.UTF-8', PS1: PROMPT, HISTFILE: '/dev/null' },
  });
  shell = session; // killed after the test even if it fails below
  // tmux drops the prompt's trailing space from a capture.
  await session.waitFor(PROMPT.trimEnd());
  session.sendText(`${quotePosix(process.execPath)} ${quotePosix(CLI)} claude tui`);
  session.sendKeys('Enter');
  return session;
}

describe.skipIf(!HAS_TMUX)('Ctrl-Z and fg (tmux, interactive bash)', () => {
  it('suspends to the shell prompt, off the alternate screen; fg redraws the whole screen and keys work again', async () => {
    h = makeTempHome();
    seedAccount(h.accountsRoot, 'alpha', { apiKeys: anthropicEntry(SECRETS.anthropicKey) });
    seedAccount(h.accountsRoot, 'beta', { apiKeys: anthropicEntry(SECRETS.anthropicKey2) }, { active: true });
    shell = await tuiInShell();
    let screen = await shell.waitFor('beta');
    expect(alternateScreen(shell)).toBe('1');
    expect(selectedRow(screen)).toContain('alpha');

    shell.sendKeys('C-z');
    screen = await shell.waitFor(/Stopped[\s\S]*cuti-shell\$\s*$/);
    expect(alternateScreen(shell)).toBe('0');
    expect(screen).not.toContain('cuti · Claude credentials');
    // The shell is usable while the TUI is stopped.
    shell.sendText('echo "still-here-$((40 + 2))"');
    shell.sendKeys('Enter');
    await shell.waitFor('still-here-42');

    shell.sendText('fg');
    shell.sendKeys('Enter');
    screen = await shell.waitFor((s) => s.includes('cuti · Claude credentials') && s.includes('beta'));
    expect(alternateScreen(shell)).toBe('1');
    expect(screen).not.toContain('still-here-42');
    expect(selectedRow(screen)).toContain('alpha');
    // Keys act again, in raw mode (j is not echoed; it moves the selection).
    shell.sendKeys('j');
    await shell.waitFor((s) => selectedRow(s).includes('beta'));
    shell.sendKeys('?');
    await shell.waitFor('Rename the account');
    shell.sendKeys('Escape');
    await shell.waitFor((s) => !s.includes('Rename the account') && s.includes('beta'));

    // Suspended twice works as well as once; and quitting after leaves the shell as it was.
    shell.sendKeys('C-z');
    await shell.waitFor(/Stopped[\s\S]*cuti-shell\$\s*$/);
    shell.sendText('fg');
    shell.sendKeys('Enter');
    await shell.waitFor((s) => s.includes('cuti · Claude credentials'));
    shell.sendKeys('q');
    // The prompt is back only once the TUI has exited: text typed before that would be read
    // (and dropped) by the TUI, which leaves the alternate screen a moment before it ends.
    await shell.waitFor((s) => !s.includes('cuti · Claude credentials') && /cuti-shell\$\s*$/.test(s));
    // fg hands back the job's own exit status.
    shell.sendText('echo "TUI-EXIT=$?"');
    shell.sendKeys('Enter');
    await shell.waitFor('TUI-EXIT=0');
    expect(alternateScreen(shell)).toBe('0');
  }, 60_000);

  it('a revealed secret is hidden before the screen is handed back, and stays hidden after fg', async () => {
    h = makeTempHome();
    seedAccount(h.accountsRoot, 'alpha', { apiKeys: anthropicEntry(SECRETS.anthropicKey) });
    shell = await tuiInShell();
    await shell.waitFor('alpha');
    shell.sendKeys('Enter');
    await shell.waitFor('API Key:');
    shell.sendKeys('r');
    await shell.waitFor(SECRETS.anthropicKey);
    shell.sendKeys('C-z');
    let screen = await shell.waitFor(/Stopped[\s\S]*cuti-shell\$\s*$/);
    expect(screen).not.toContain(SECRETS.anthropicKey);
    shell.sendText('fg');
    shell.sendKeys('Enter');
    screen = await shell.waitFor((s) => s.includes('API Key:'));
    expect(screen).not.toContain(SECRETS.anthropicKey);
    shell.sendKeys('q');
    await shell.waitFor((s) => !s.includes('API Key:'));
  }, 60_000);
});
