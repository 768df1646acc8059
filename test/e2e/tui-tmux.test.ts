import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { quotePosix } from '../../src/domain/shell-quote.js';
import { CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { leakedSecrets, SECRETS } from '../helpers/secrets.js';
import { oauthCredentialsJson } from '../helpers/storage-fixtures.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';

const homes: TempHome[] = [];
const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
  for (const h of homes.splice(0)) h.cleanup();
});

function home(): TempHome {
  const h = makeTempHome();
  homes.push(h);
  return h;
}

/** Runs `cuti claude tui` in a real terminal, with markers printed before it starts and after it exits. */
function startTui(h: TempHome, options: { columns?: number; rows?: number; env?: NodeJS.ProcessEnv } = {}): TmuxSession {
  const script = `printf 'BEFORE-TUI\\n'; ${quotePosix(process.execPath)} ${quotePosix(CLI)} claude tui; echo "TUI-EXIT=$?"`;
  const session = TmuxSession.start(script, {
    ...options,
    env: { ...h.env, PATH: process.env.PATH, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...options.env },
  });
  sessions.push(session);
  return session;
}

const withoutTimestamps = (json: string) => json.replace(/"(created|last_used|last_updated)": "[^"]*"/g, '"$1": "<time>"');

describe.skipIf(!HAS_TMUX)('cuti claude tui in a real terminal (tmux)', () => {
  it('adds a Bedrock key through the wizard, writing the same file the CLI writes', async () => {
    const h = home();
    const tui = startTui(h, { columns: 100, rows: 30 });
    await tui.waitFor('No Claude accounts yet.');
    tui.sendKeys('a');
    await tui.waitFor('Add the key to which account?');
    tui.sendKeys('Enter');
    await tui.waitFor('Name the new account');
    tui.sendText('bedrock-prod');
    tui.sendKeys('Enter');
    await tui.waitFor('Which provider?');
    // Down and Enter in one write: the menu must not lose the typed-ahead key.
    tui.sendKeys('Down', 'Enter');
    await tui.waitFor('How does this account sign in to AWS?');
    tui.sendKeys('Enter'); // access keys, the first form
    await tui.waitFor('Bedrock model');
    tui.sendKeys('Down', 'Down', 'Down', 'Enter');
    await tui.waitFor('AWS region');
    tui.sendKeys('Down', 'Down', 'Enter');
    await tui.waitFor('AWS access key ID');
    tui.sendText(SECRETS.accessKeyId);
    await tui.waitFor('*'.repeat(SECRETS.accessKeyId.length));
    tui.sendKeys('Enter');
    await tui.waitFor('AWS secret access key');
    tui.sendText(SECRETS.secretAccessKey);
    const typed = await tui.waitFor('*'.repeat(SECRETS.secretAccessKey.length));
    expect(leakedSecrets(typed)).toEqual([]);
    tui.sendKeys('Enter');
    await tui.waitFor('AWS session token (optional)');
    tui.sendKeys('Enter'); // none
    await tui.waitFor('Haiku-class model for background work');
    tui.sendKeys('Enter'); // Skip
    const summary = await tui.waitFor('Save this key?');
    expect(summary).toMatch(/Model ID:\s+anthropic\.claude-sonnet-4-6/);
    expect(summary).toMatch(/Region:\s+us-west-2/);
    expect(leakedSecrets(summary)).toEqual([]);
    tui.sendKeys('Enter');
    const detail = await tui.waitFor('✓ Added bedrock API key to account: bedrock-prod');
    expect(leakedSecrets(detail)).toEqual([]);
    tui.sendKeys('q');
    await tui.waitFor('TUI-EXIT=0');

    const cli = home();
    const added = await runCli(
      [
        'claude', 'add-api-key', 'bedrock-prod',
        '--api-key', 'anthropic.claude-sonnet-4-6',
        '--provider', 'bedrock',
        '--region', 'us-west-2',
        '--access-key', SECRETS.accessKeyId,
        '--secret-key', SECRETS.secretAccessKey,
      ],
      { env: cli.env },
    );
    expect(added.code).toBe(0);

    const fromTui = join(h.accountsRoot, 'bedrock-prod', '.api_keys.json');
    const fromCli = join(cli.accountsRoot, 'bedrock-prod', '.api_keys.json');
    expect(withoutTimestamps(readFileSync(fromTui, 'utf8'))).toBe(withoutTimestamps(readFileSync(fromCli, 'utf8')));
    expect(statSync(fromTui).mode & 0o777).toBe(0o600);
    expect(statSync(fromTui).mode & 0o777).toBe(statSync(fromCli).mode & 0o777);
    const metaTui = readFileSync(join(h.accountsRoot, 'accounts.json'), 'utf8');
    const metaCli = readFileSync(join(cli.accountsRoot, 'accounts.json'), 'utf8');
    expect(withoutTimestamps(metaTui)).toBe(withoutTimestamps(metaCli));
    // The UI's own preferences live under CUTI_HOME, owner-only.
    expect(statSync(join(h.cutiHome, 'tui-preferences.json')).mode & 0o777).toBe(0o600);
  });

  it('adds temporary Bedrock credentials (session token, Haiku pin) typed in chunks, writing what the CLI writes for the same flags', async () => {
    const h = home();
    const tui = startTui(h, { columns: 90, rows: 26 });
    /** Text as a slow paste or a fast typist delivers it: several reads, a pause between. */
    const typeInChunks = async (text: string) => {
      for (let i = 0; i < text.length; i += 7) {
        tui.sendText(text.slice(i, i + 7));
        await new Promise((r) => setTimeout(r, 15));
      }
    };
    await tui.waitFor('No Claude accounts yet.');
    tui.sendKeys('a');
    await tui.waitFor('Add the key to which account?');
    tui.sendKeys('Enter');
    await tui.waitFor('Name the new account');
    await typeInChunks('temp-creds');
    tui.sendKeys('Enter');
    await tui.waitFor('Which provider?');
    tui.sendKeys('Down', 'Enter');
    await tui.waitFor('How does this account sign in to AWS?');
    tui.sendKeys('Enter');
    await tui.waitFor('Bedrock model');
    tui.sendKeys('Down', 'Down', 'Down', 'Enter'); // anthropic.claude-sonnet-4-6
    await tui.waitFor('AWS region');
    tui.sendKeys('Down', 'Down', 'Enter'); // us-west-2
    await tui.waitFor('AWS access key ID');
    await typeInChunks(SECRETS.accessKeyId);
    await tui.waitFor('*'.repeat(SECRETS.accessKeyId.length));
    tui.sendKeys('Enter');
    await tui.waitFor('AWS secret access key');
    await typeInChunks(SECRETS.secretAccessKey);
    await tui.waitFor('*'.repeat(SECRETS.secretAccessKey.length));
    tui.sendKeys('Enter');
    await tui.waitFor('AWS session token (optional)');
    await typeInChunks(SECRETS.oauthAccessToken);
    // Masked while typed, every character of it.
    const typed = await tui.waitFor('*'.repeat(SECRETS.oauthAccessToken.length));
    expect(leakedSecrets(typed)).toEqual([]);
    tui.sendKeys('Enter');
    await tui.waitFor('Haiku-class model for background work');
    tui.sendKeys('Down', 'Enter'); // the first model of the list, after Skip
    const summary = await tui.waitFor('Save this key?');
    expect(summary).toMatch(/Session Token:\s+\*\*\*/);
    expect(summary).toMatch(/Haiku Model:\s+us\.anthropic\.claude-opus-4-8/);
    expect(leakedSecrets(summary)).toEqual([]);
    tui.sendKeys('Enter');
    await tui.waitFor('✓ Added bedrock API key to account: temp-creds');
    tui.sendKeys('q');
    await tui.waitFor('TUI-EXIT=0');

    const cli = home();
    const added = await runCli(
      [
        'claude', 'add-api-key', 'temp-creds', '-p', 'bedrock',
        '--api-key', 'anthropic.claude-sonnet-4-6', '--region', 'us-west-2',
        '--access-key', SECRETS.accessKeyId, '--secret-key-env', 'SECRET', '--session-token', '-',
        '--haiku-model', 'us.anthropic.claude-opus-4-8',
      ],
      { env: { ...cli.env, SECRET: SECRETS.secretAccessKey }, input: SECRETS.oauthAccessToken },
    );
    expect(added.code, added.stderr).toBe(0);
    const fromTui = join(h.accountsRoot, 'temp-creds', '.api_keys.json');
    const fromCli = join(cli.accountsRoot, 'temp-creds', '.api_keys.json');
    expect(readFileSync(fromTui, 'utf8')).toContain(`"session_token": "${SECRETS.oauthAccessToken}"`);
    expect(withoutTimestamps(readFileSync(fromTui, 'utf8'))).toBe(withoutTimestamps(readFileSync(fromCli, 'utf8')));
    expect(statSync(fromTui).mode & 0o777).toBe(0o600);
    expect(withoutTimestamps(readFileSync(join(h.accountsRoot, 'accounts.json'), 'utf8'))).toBe(
      withoutTimestamps(readFileSync(join(cli.accountsRoot, 'accounts.json'), 'utf8')),
    );
  });

  it('makes an OAuth account active with u, putting its Claude Code login in place as `use` does', async () => {
    const h = home();
    mkdirSync(join(h.accountsRoot, 'max-login'), { recursive: true, mode: 0o700 });
    writeFileSync(join(h.accountsRoot, 'max-login', '.credentials.json'), oauthCredentialsJson('max'), { mode: 0o600 });
    const tui = startTui(h, { columns: 120, rows: 30 });
    await tui.waitFor('max-login');
    tui.sendKeys('u');
    const screen = await tui.waitFor('✓ Active account is now max-login (Claude Code login put in place');
    expect(screen).toMatch(/●\s*max-login\s+Max/);
    expect(leakedSecrets(screen)).toEqual([]);
    tui.sendKeys('q');
    await tui.waitFor('TUI-EXIT=0');
    const live = JSON.parse(readFileSync(join(h.home, '.claude', '.credentials.json'), 'utf8')) as {
      claudeAiOauth: { accessToken: string };
    };
    expect(live.claudeAiOauth.accessToken).toBe(SECRETS.oauthAccessToken);
    expect(JSON.parse(readFileSync(join(h.accountsRoot, 'accounts.json'), 'utf8'))).toMatchObject({ active: 'max-login' });
  });

  it('restores the screen when q quits', async () => {
    const h = home();
    await runCli(['claude', 'add-api-key', 'work', '--api-key', SECRETS.anthropicKey], { env: h.env });
    const tui = startTui(h, { columns: 80, rows: 24 });
    const running = await tui.waitFor('Last used');
    expect(running).not.toContain('BEFORE-TUI');
    tui.sendKeys('q');
    const after = await tui.waitFor('TUI-EXIT=0');
    expect(after).toContain('BEFORE-TUI');
    expect(after).not.toContain('Last used');
    expect(after).not.toContain('cuti · Claude credentials');
  });

  it('restores the screen on Ctrl-C, even in the middle of the wizard', async () => {
    const h = home();
    const tui = startTui(h);
    await tui.waitFor('No Claude accounts yet.');
    tui.sendKeys('a', 'Enter');
    await tui.waitFor('Name the new account');
    tui.sendText('half');
    tui.sendKeys('C-c');
    const after = await tui.waitFor('TUI-EXIT=');
    expect(after).toContain('BEFORE-TUI');
    expect(after).not.toContain('Name the new account');
    expect(after).toContain('TUI-EXIT=0');
  });

  it('re-lays out on resize, from 80x24 to 200x50', async () => {
    const h = home();
    for (const name of ['alpha', 'beta']) await runCli(['claude', 'add-api-key', name, '--api-key', SECRETS.anthropicKey], { env: h.env });
    const tui = startTui(h, { columns: 80, rows: 24 });
    const small = await tui.waitFor('alpha');
    expect(Math.max(...small.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
    tui.resize(200, 50);
    const big = await tui.waitFor((s) => s.split('\n').some((l) => l.trimEnd().length > 150 && l.includes('2 accounts')));
    expect(big.split('\n').filter((l) => l.includes('↑↓ move'))).toHaveLength(1);
    tui.sendKeys('q');
    await tui.waitFor('TUI-EXIT=0');
  });

  it('draws without colour under NO_COLOR', async () => {
    const h = home();
    await runCli(['claude', 'add-api-key', 'work', '--api-key', SECRETS.anthropicKey], { env: h.env });
    const coloured = startTui(h);
    await coloured.waitFor('Last used');
    expect(coloured.capture(true)).toMatch(/\u001b\[[0-9;]*3[0-7]m|\u001b\[[0-9;]*38;5;/);
    const plain = startTui(h, { env: { NO_COLOR: '1' } });
    await plain.waitFor('Last used');
    const screen = plain.capture(true);
    expect(screen).not.toMatch(/\u001b\[[0-9;]*(3[0-8]|9[0-7])[;m]/);
    expect(screen).toMatch(/\u001b\[(?:\d+;)*7m/); // inverse: the selection stays visible
  });

  it('refuses to start when stdout is not a terminal, with one line and exit 1', async () => {
    const h = home();
    const script = `${quotePosix(process.execPath)} ${quotePosix(CLI)} claude tui >/dev/null; echo "TUI-EXIT=$?"`;
    const session = TmuxSession.start(script, { env: { ...h.env, PATH: process.env.PATH } });
    sessions.push(session);
    const screen = await session.waitFor('TUI-EXIT=');
    expect(screen).toContain('✗ cuti claude tui needs an interactive terminal (stdout is not a terminal)');
    expect(screen).toContain('TUI-EXIT=1');
  });
});

describe('cuti claude tui without a terminal', () => {
  it('prints one clear line and exits 1 when stdin is a pipe', async () => {
    const h = home();
    const result = await runCli(['claude', 'tui'], { env: h.env, input: 'q' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      '✗ cuti claude tui needs an interactive terminal (stdin is not a terminal); for scripts use cuti claude list',
    ]);
  });

  describe('issue 12: the flows that matter', () => {
    /** The frame with line breaks and the indentation after them removed: a wrapped key reads whole again. */
    const joined = (screen: string) => screen.replace(/\n\s*/g, '');

    async function twoProviderAccount(h: TempHome): Promise<void> {
      const env = { env: h.env };
      expect((await runCli(['claude', 'add-api-key', 'multi', '--api-key', SECRETS.anthropicKey2], env)).code).toBe(0);
      const bedrock = ['--provider', 'bedrock', '--region', 'eu-west-1', '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey2];
      expect((await runCli(['claude', 'add-api-key', 'multi', '--api-key', 'anthropic.claude-sonnet-4-6', ...bedrock], env)).code).toBe(0);
    }

    it('reveals every secret of a two-provider account at 80x24, whole, with the name intact', async () => {
      const h = home();
      await twoProviderAccount(h);
      const tui = startTui(h, { columns: 80, rows: 24 });
      await tui.waitFor('multi');
      tui.sendKeys('Enter');
      await tui.waitFor('Bedrock API Key');
      for (const [i, secret] of [SECRETS.anthropicKey2, SECRETS.accessKeyId, SECRETS.secretAccessKey2].entries()) {
        if (i > 0) tui.sendKeys('j');
        tui.sendKeys('r');
        const screen = await tui.waitFor((s) => joined(s).includes(secret));
        expect(screen.split('\n').some((l) => /^ multi\b/.test(l))).toBe(true);
        expect(screen).toContain('revealed · hides in');
        for (const line of screen.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
      }
      tui.sendKeys('q');
      await tui.waitFor('TUI-EXIT=0');
    });

    it('copies a key with c through OSC 52 into tmux, and never draws it', async () => {
      const h = home();
      await twoProviderAccount(h);
      const tui = startTui(h, { columns: 100, rows: 30, env: { CUTI_CLIPBOARD_SECONDS: '2' } });
      tui.command('set-option', '-g', 'set-clipboard', 'on');
      await tui.waitFor('multi');
      tui.sendKeys('Enter');
      await tui.waitFor('Bedrock API Key');
      tui.sendKeys('c');
      const screen = await tui.waitFor('✓ Copied the API Key (OSC 52); cleared in 2 s');
      expect(leakedSecrets(screen)).toEqual([]);
      expect(tui.command('show-buffer')).toBe(SECRETS.anthropicKey2);
      // Cleared again when the time is up.
      const deadline = Date.now() + 8000;
      while (tui.command('show-buffer') === SECRETS.anthropicKey2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(tui.command('show-buffer')).not.toContain(SECRETS.anthropicKey2);
      tui.sendKeys('q');
      await tui.waitFor('TUI-EXIT=0');
    });

    it('show-api-key --copy puts the key on the clipboard through OSC 52, prints it masked, and refuses without a terminal', async () => {
      const h = home();
      await twoProviderAccount(h);
      // A moment first, so the clipboard option is set before cuti writes.
      const script = `sleep 1; ${quotePosix(process.execPath)} ${quotePosix(CLI)} claude show-api-key multi --copy; echo "CLI-EXIT=$?"`;
      const session = TmuxSession.start(script, { columns: 100, rows: 30, env: { ...h.env, PATH: process.env.PATH, TERM: 'xterm-256color' } });
      sessions.push(session);
      session.command('set-option', '-g', 'set-clipboard', 'on');
      const screen = await session.waitFor('CLI-EXIT=');
      expect(screen).toContain('CLI-EXIT=0');
      expect(screen).toContain('✓ Copied the API Key of multi (OSC 52); cleared in 45 s');
      expect(leakedSecrets(screen)).toEqual([]);
      expect(session.command('show-buffer')).toBe(SECRETS.anthropicKey2);
      // No terminal and no clipboard tool: one clear line, non-zero, and no key printed.
      const piped = await runCli(['claude', 'show-api-key', 'multi', '--copy'], { env: h.env });
      expect(piped.code).not.toBe(0);
      expect(piped.stderr).toContain('Nothing to copy to');
    });

    it('deletes an OAuth account with d then y', async () => {
      const h = home();
      mkdirSync(join(h.accountsRoot, 'max-login'), { recursive: true, mode: 0o700 });
      writeFileSync(join(h.accountsRoot, 'max-login', '.credentials.json'), oauthCredentialsJson('max'), { mode: 0o600 });
      const tui = startTui(h, { columns: 80, rows: 24 });
      await tui.waitFor('max-login');
      tui.sendKeys('d');
      const ask = await tui.waitFor('Delete account max-login?');
      expect(ask).toContain('Claude Code login (Max)');
      tui.sendKeys('y');
      await tui.waitFor('✓ Deleted account max-login');
      expect(existsSync(join(h.accountsRoot, 'max-login'))).toBe(false);
      tui.sendKeys('q');
      await tui.waitFor('TUI-EXIT=0');
    });

    it('shows a change made from another shell while it is open', async () => {
      const h = home();
      await twoProviderAccount(h);
      const tui = startTui(h, { columns: 100, rows: 30 });
      await tui.waitFor('multi');
      expect((await runCli(['claude', 'add-api-key', 'added-elsewhere', '--api-key', SECRETS.anthropicKey], { env: h.env })).code).toBe(0);
      await tui.waitFor('added-elsewhere');
      // The account on screen changes under it: the detail follows, and a deleted key is gone.
      tui.sendKeys('Enter');
      await tui.waitFor('Bedrock API Key');
      expect((await runCli(['claude', 'delete-api-key', 'multi', '--provider', 'bedrock', '--force'], { env: h.env })).code).toBe(0);
      await tui.waitFor((s) => !s.includes('Bedrock API Key') && s.includes('Anthropic API Key'));
      tui.sendKeys('q');
      await tui.waitFor('TUI-EXIT=0');
    });

    it('types a name arriving in chunks with Backspace in them', async () => {
      const h = home();
      const tui = startTui(h, { columns: 80, rows: 24 });
      await tui.waitFor('No Claude accounts yet.');
      tui.sendKeys('a');
      await tui.waitFor('Add the key to which account?');
      tui.sendKeys('Enter');
      await tui.waitFor('Name the new account');
      tui.sendText('chunk-test\u007f\u007f\u007f');
      await tui.waitFor('Account name: chunk-t');
      tui.sendKeys('Enter');
      const screen = await tui.waitFor('Which provider?');
      expect(screen).toContain('chunk-t');
      expect(screen).not.toContain('control characters');
      tui.sendKeys('C-c');
      await tui.waitFor('TUI-EXIT=');
    });

    it('warns at u when a Claude Code login outranks an API account, and asks before replacing that login', async () => {
      const h = home();
      expect((await runCli(['claude', 'add-api-key', 'work-api', '--api-key', SECRETS.anthropicKey], { env: h.env })).code).toBe(0);
      mkdirSync(join(h.accountsRoot, 'max-login'), { recursive: true, mode: 0o700 });
      writeFileSync(join(h.accountsRoot, 'max-login', '.credentials.json'), oauthCredentialsJson('max'), { mode: 0o600 });
      // Claude Code is logged in (a live login in ~/.claude).
      mkdirSync(join(h.home, '.claude'), { recursive: true, mode: 0o700 });
      const live = oauthCredentialsJson('pro').replace(SECRETS.oauthAccessToken, 'sk-ant-oat01-LIVEloginTOKEN');
      writeFileSync(join(h.home, '.claude', '.credentials.json'), live, { mode: 0o600 });
      const tui = startTui(h, { columns: 120, rows: 30 });
      await tui.waitFor('work-api');
      tui.sendKeys('j', 'u'); // work-api (after max-login)
      const used = await tui.waitFor('✓ Active account is now work-api');
      expect(joined(used)).toContain('⚠');
      tui.sendKeys('k', 'u'); // max-login: its login would replace the live one
      await tui.waitFor("Replace Claude Code's login?");
      tui.sendKeys('n');
      await tui.waitFor((s) => !s.includes("Replace Claude Code's login?"));
      expect(readFileSync(join(h.home, '.claude', '.credentials.json'), 'utf8')).toBe(live);
      tui.sendKeys('u');
      await tui.waitFor("Replace Claude Code's login?");
      tui.sendKeys('y');
      await tui.waitFor('✓ Active account is now max-login');
      expect(readFileSync(join(h.home, '.claude', '.credentials.json'), 'utf8')).not.toBe(live);
      tui.sendKeys('q');
      await tui.waitFor('TUI-EXIT=0');
    });
  });
});
