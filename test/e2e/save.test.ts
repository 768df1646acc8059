import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { SECRETS } from '../helpers/secrets.js';

/** A Claude Code login as Claude Code lays it out on Linux, for one account. */
function credentials(tag: string, subscription = 'max', extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    claudeAiOauth: {
      accessToken: `${SECRETS.oauthAccessToken}-${tag}`,
      refreshToken: `${SECRETS.oauthRefreshToken}-${tag}`,
      expiresAt: 1900000000000,
      scopes: ['user:inference'],
      subscriptionType: subscription,
    },
    ...extra,
  });
}

function globalConfig(uuid: string, email: string): string {
  // Hand-formatted, as a file someone else wrote: cuti must keep these bytes.
  return `{
    "numStartups": 12,
    "oauthAccount": {"accountUuid": "${uuid}", "emailAddress": "${email}"},
    "projects": {"/src/app": {"allowedTools": ["Bash(ls:*)"], "history": []}},
    "primaryApiKey": "managed-key-of-${uuid}",
    "mcpServers": {}
}
`;
}

let t: TempHome;
let cfg: string;
let env: NodeJS.ProcessEnv;
const live = (file: string) => readFileSync(join(cfg, file), 'utf8');
const liveAccessToken = () => (JSON.parse(live('.credentials.json')) as { claudeAiOauth: { accessToken: string } }).claudeAiOauth.accessToken;
const saved = (account: string, file: string) => readFileSync(join(t.accountsRoot, account, file), 'utf8');

function login(tag: string, uuid: string, email: string, subscription = 'max'): void {
  mkdirSync(cfg, { recursive: true });
  writeFileSync(join(cfg, '.credentials.json'), credentials(tag, subscription, { mcpOAuth: { 'srv|1': { accessToken: 'mcp' } } }), { mode: 0o600 });
  writeFileSync(join(cfg, '.claude.json'), globalConfig(uuid, email));
  writeFileSync(join(cfg, 'settings.json'), '{\n  "theme": "dark"\n}\n');
}

beforeEach(() => {
  t = makeTempHome();
  cfg = join(t.home, 'claude-config');
  env = { ...t.env, CLAUDE_CONFIG_DIR: cfg };
});
afterEach(() => t.cleanup());

describe('cuti claude save', () => {
  it('snapshots the live login byte for byte (0600) and makes the account active', async () => {
    login('a', 'uuid-a', 'a@example.com');
    const r = await runInProcess(['claude', 'save', 'personal'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ Saved account: personal (Max)');
    for (const file of ['.credentials.json', '.claude.json', 'settings.json']) {
      expect(saved('personal', file)).toBe(live(file));
      expect(statSync(join(t.accountsRoot, 'personal', file)).mode & 0o777).toBe(0o600);
    }
    const meta = JSON.parse(readFileSync(join(t.accountsRoot, 'accounts.json'), 'utf8')) as { active: string; accounts: Record<string, { type: string; last_used: string }> };
    expect(meta.active).toBe('personal');
    expect(meta.accounts.personal?.type).toBe('Max');
    expect(meta.accounts.personal?.last_used).not.toBe('never');
    const list = await runInProcess(['claude', 'list'], { env });
    expect(list.stdout).toMatch(/│ personal +│ Max +│ .* │ 🟢 Active │/);
  });

  it('reads ~/.claude and ~/.claude.json when CLAUDE_CONFIG_DIR is not set; -n works as in the original', async () => {
    cfg = join(t.home, '.claude');
    login('h', 'uuid-h', 'h@example.com', 'pro');
    // Without CLAUDE_CONFIG_DIR, .claude.json lives in the home directory.
    writeFileSync(join(t.home, '.claude.json'), globalConfig('uuid-h', 'h@example.com'));
    const r = await runInProcess(['claude', 'save', '-n', 'home'], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ Saved account: home (Pro)');
    expect(saved('home', '.claude.json')).toBe(readFileSync(join(t.home, '.claude.json'), 'utf8'));
  });

  it('refuses to overwrite an existing account without --force', async () => {
    login('a', 'uuid-a', 'a@example.com');
    expect((await runInProcess(['claude', 'save', 'personal'], { env })).code).toBe(0);
    login('b', 'uuid-b', 'b@example.com');
    const again = await runInProcess(['claude', 'save', 'personal'], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("✗ Account 'personal' already exists");
    expect(saved('personal', '.credentials.json')).toBe(credentials('a', 'max', { mcpOAuth: { 'srv|1': { accessToken: 'mcp' } } }));
    const forced = await runInProcess(['claude', 'save', 'personal', '--force'], { env });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('✓ Updated account: personal');
    expect(saved('personal', '.credentials.json')).toBe(live('.credentials.json'));
  });

  it('refuses a login whose tokens are empty, and a missing login, writing nothing', async () => {
    mkdirSync(cfg, { recursive: true });
    writeFileSync(join(cfg, '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: '', refreshToken: '', subscriptionType: 'max' } }));
    const empty = await runInProcess(['claude', 'save', 'broken'], { env });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('holds a login whose tokens are empty; refusing to use it');
    expect(existsSync(join(t.accountsRoot, 'broken'))).toBe(false);
    const none = await runInProcess(['claude', 'save', 'nothing'], { env: { ...t.env, CLAUDE_CONFIG_DIR: join(t.home, 'empty') } });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('✗ No Claude Code login found in');
    // Refused before Claude Code's locks are taken: they would create its config dir.
    expect(existsSync(join(t.home, 'empty'))).toBe(false);
    expect(existsSync(join(t.accountsRoot, 'nothing'))).toBe(false);
  });
});

describe('cuti claude use with OAuth accounts', () => {
  async function twoAccounts(): Promise<void> {
    login('a', 'uuid-a', 'a@example.com', 'max');
    expect((await runInProcess(['claude', 'save', 'personal'], { env })).code).toBe(0);
    login('b', 'uuid-b', 'b@example.com', 'pro');
    expect((await runInProcess(['claude', 'save', 'work'], { env })).code).toBe(0);
  }

  it('puts the saved login back, keeps the rest of .claude.json, backs up what it replaced', async () => {
    await twoAccounts();
    // Claude Code refreshes work's tokens while it is live.
    writeFileSync(join(cfg, '.credentials.json'), credentials('b-refreshed', 'pro', { mcpOAuth: { 'srv|1': { accessToken: 'mcp2' } } }));
    const liveBefore = { creds: live('.credentials.json'), config: live('.claude.json') };

    const r = await runInProcess(['claude', 'use', 'personal'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ Switched to account: personal');
    expect(r.stdout).toContain(`Claude Code login put in place in ${cfg}`);
    expect(r.stdout).toContain('Saved the refreshed tokens back into account work');
    expect(r.stdout).toContain("✓ Claude Code will use the active account 'personal'");

    // Credentials: personal's tokens, with the MCP logins (no account's) carried over.
    const creds = JSON.parse(live('.credentials.json')) as { claudeAiOauth: { accessToken: string }; mcpOAuth: unknown };
    expect(creds.claudeAiOauth.accessToken).toBe(`${SECRETS.oauthAccessToken}-a`);
    expect(creds.mcpOAuth).toEqual({ 'srv|1': { accessToken: 'mcp2' } });
    // .claude.json: identity swapped, account-scoped key dropped, every other byte as it was.
    expect(live('.claude.json')).toBe(
      liveBefore.config
        // The new identity is written the way the old one was: on one line, same separators.
        .replace('{"accountUuid": "uuid-b", "emailAddress": "b@example.com"}', '{"accountUuid": "uuid-a", "emailAddress": "a@example.com"}')
        .replace(',\n    "primaryApiKey": "managed-key-of-uuid-b"', ''),
    );
    // The refreshed work tokens are not lost: saved back into work, and in the backup.
    expect(saved('work', '.credentials.json')).toBe(liveBefore.creds);
    const backups = readdirSync(join(t.cutiHome, 'backups', 'claude-code'));
    expect(backups).toHaveLength(1);
    const backup = join(t.cutiHome, 'backups', 'claude-code', backups[0] ?? '');
    expect(readFileSync(join(backup, '.credentials.json'), 'utf8')).toBe(liveBefore.creds);
    expect(readFileSync(join(backup, '.claude.json'), 'utf8')).toBe(liveBefore.config);
    expect(statSync(backup).mode & 0o777).toBe(0o700);
    expect(statSync(join(cfg, '.credentials.json')).mode & 0o777).toBe(0o600);
    // No lock left behind.
    expect(readdirSync(cfg).filter((n) => n.endsWith('.lock'))).toEqual([]);
    expect(existsSync(`${cfg}.lock`)).toBe(false);

    // And back again.
    const back = await runInProcess(['claude', 'use', 'work'], { env });
    expect(back.code).toBe(0);
    expect(liveAccessToken()).toBe(`${SECRETS.oauthAccessToken}-b-refreshed`);
  });

  it('using the account that is already live keeps its fresher tokens', async () => {
    await twoAccounts();
    writeFileSync(join(cfg, '.credentials.json'), credentials('b-newer', 'pro'));
    const r = await runInProcess(['claude', 'use', 'work'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Its Claude Code login is already the one in');
    expect(liveAccessToken()).toBe(`${SECRETS.oauthAccessToken}-b-newer`);
    expect(saved('work', '.credentials.json')).toBe(live('.credentials.json'));
  });

  it('waits for, then refuses, a lock Claude Code holds; nothing changes', async () => {
    await twoAccounts();
    const before = live('.credentials.json');
    mkdirSync(join(cfg, '.oauth_refresh.lock'));
    const r = await runInProcess(['claude', 'use', 'personal'], { env, timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ Claude Code is busy with its login');
    expect(live('.credentials.json')).toBe(before);
    expect(existsSync(join(cfg, '.oauth_refresh.lock'))).toBe(true);
    const meta = JSON.parse(readFileSync(join(t.accountsRoot, 'accounts.json'), 'utf8')) as { active: string };
    expect(meta.active).toBe('work');
  }, 40_000);

  it('takes over a lock left by a Claude Code that died', async () => {
    await twoAccounts();
    const lock = join(cfg, '.oauth_refresh.lock');
    mkdirSync(lock);
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(lock, old, old);
    const r = await runInProcess(['claude', 'use', 'personal'], { env });
    expect(r.code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('refuses a saved login whose tokens were emptied, leaving the live one alone', async () => {
    await twoAccounts();
    writeFileSync(join(t.accountsRoot, 'personal', '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: '', refreshToken: '' } }));
    const before = live('.credentials.json');
    const r = await runInProcess(['claude', 'use', 'personal'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tokens are empty');
    expect(live('.credentials.json')).toBe(before);
  });
});

describe('cuti claude new, delete and current', () => {
  it('new keeps the live login as a backup account and signs Claude Code out, keeping its other settings', async () => {
    login('a', 'uuid-a', 'a@example.com');
    expect((await runInProcess(['claude', 'save', 'personal'], { env })).code).toBe(0);
    const r = await runInProcess(['claude', 'new'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ Current login backed up as account: backup_\d{8}_\d{6}/);
    expect(existsSync(join(cfg, '.credentials.json'))).toBe(false);
    const config = JSON.parse(live('.claude.json')) as Record<string, unknown>;
    expect(config.oauthAccount).toBeUndefined();
    expect(config.projects).toEqual({ '/src/app': { allowedTools: ['Bash(ls:*)'], history: [] } });
    expect((await runInProcess(['claude', 'current'], { env })).stdout).toContain('No active account');
    const list = await runInProcess(['claude', 'list', '--backups'], { env });
    expect(list.stdout).toMatch(/backup_\d{8}_\d{6}/);
  });

  it('current shows the active account; delete removes one (asking first)', async () => {
    login('a', 'uuid-a', 'a@example.com');
    expect((await runInProcess(['claude', 'save', 'personal'], { env })).code).toBe(0);
    const current = await runInProcess(['claude', 'current'], { env });
    expect(current.stdout).toContain('Active Account: personal');
    expect(current.stdout).toContain('Type: Max');
    const refused = await runInProcess(['claude', 'delete', 'personal'], { env });
    expect(refused.code).toBe(1);
    expect(existsSync(join(t.accountsRoot, 'personal'))).toBe(true);
    const deleted = await runInProcess(['claude', 'delete', 'personal', '--force'], { env });
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain('✓ Deleted account: personal');
    expect(deleted.stdout).toContain('This was your active account.');
    expect(existsSync(join(t.accountsRoot, 'personal'))).toBe(false);
    const meta = JSON.parse(readFileSync(join(t.accountsRoot, 'accounts.json'), 'utf8')) as { active: unknown; accounts: object };
    expect(meta.active).toBeNull();
    expect(meta.accounts).toEqual({});
  });
});

describe('exec and env with a saved login', () => {
  it('-p oauth points Claude Code at the account’s own Claude Code directory, clearing key variables', async () => {
    login('a', 'uuid-a', 'a@example.com');
    expect((await runInProcess(['claude', 'save', 'personal'], { env })).code).toBe(0);
    const script = join(t.home, 'dump.cjs');
    writeFileSync(script, "process.stdout.write(JSON.stringify({ dir: process.env.CLAUDE_CONFIG_DIR, key: process.env.ANTHROPIC_API_KEY ?? null }))\n");
    // The account holds only a login, so it is the default too.
    const r = await runCli(['claude', 'exec', 'personal', '--', process.execPath, script], { env: { ...env, ANTHROPIC_API_KEY: 'stray' } });
    expect(r.code).toBe(0);
    // Its own directory inside the account, apart from cuti's files, holding the saved login.
    const own = join(t.accountsRoot, 'personal', 'claude-code');
    expect(JSON.parse(r.stdout)).toEqual({ dir: own, key: null });
    expect(readFileSync(join(own, '.credentials.json'), 'utf8')).toBe(saved('personal', '.credentials.json'));
    expect(statSync(own).mode & 0o777).toBe(0o700);
    const exported = await runInProcess(['claude', 'env', 'personal', '-p', 'oauth'], { env });
    expect(exported.stdout).toContain(`export CLAUDE_CONFIG_DIR='${own}'`);
    expect(exported.stdout).toContain('unset ANTHROPIC_API_KEY');
  });
});
