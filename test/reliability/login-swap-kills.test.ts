import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { SECRETS } from '../helpers/secrets.js';

/*
 * `use` and `new` killed with SIGKILL at every boundary between their writes (a
 * fault-injection point in the code kills the process right there), then run again.
 * Whatever the moment, the next run must find a consistent pair of live files, or
 * finish or undo the half-done swap, and no account may ever end up with another
 * account's tokens.
 */

const USE_POINTS = ['after-backup', 'after-journal', 'after-credentials.json', 'after-claude.json', 'after-commit'];

let t: TempHome;
let cfg: string;
let env: NodeJS.ProcessEnv;

const creds = (tag: string) =>
  JSON.stringify({
    claudeAiOauth: { accessToken: `${SECRETS.oauthAccessToken}-${tag}`, refreshToken: `${SECRETS.oauthRefreshToken}-${tag}`, expiresAt: 1_900_000_000_000, subscriptionType: 'max' },
    mcpOAuth: {},
  });
const config = (uuid: string) => `${JSON.stringify({ numStartups: 3, oauthAccount: { accountUuid: uuid, emailAddress: `${uuid}@x.test` }, projects: {} }, null, 2)}\n`;
const read = (path: string) => readFileSync(path, 'utf8');
const tag = (text: string) => (JSON.parse(text) as { claudeAiOauth: { accessToken: string } }).claudeAiOauth.accessToken.split('-').pop();
const uuid = (text: string) => (JSON.parse(text) as { oauthAccount?: { accountUuid: string } }).oauthAccount?.accountUuid ?? null;
const livePair = () => ({
  tokens: existsSync(join(cfg, '.credentials.json')) ? tag(read(join(cfg, '.credentials.json'))) : null,
  identity: uuid(read(join(cfg, '.claude.json'))),
});
const savedTag = (account: string) => tag(read(join(t.accountsRoot, account, '.credentials.json')));
const active = () => (JSON.parse(read(join(t.accountsRoot, 'accounts.json'))) as { active: string | null }).active;
const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(['claude', ...args], { env: { ...env, ...extra } });

beforeEach(async () => {
  t = makeTempHome();
  cfg = join(t.home, 'cc');
  env = { ...t.env, CLAUDE_CONFIG_DIR: cfg };
  mkdirSync(cfg, { recursive: true });
  for (const [name, id] of [['B', 'b'], ['A', 'a']] as const) {
    writeFileSync(join(cfg, '.credentials.json'), creds(id), { mode: 0o600 });
    writeFileSync(join(cfg, '.claude.json'), config(`uuid-${id}`));
    expect((await cli(['save', name])).code).toBe(0);
  }
  // A is active and live.
});
afterEach(() => t.cleanup());

function expectNoAccountHoldsAnothersTokens(): void {
  expect(savedTag('A')).toBe('a');
  expect(savedTag('B')).toBe('b');
}

describe('use killed at every write boundary', () => {
  for (const point of USE_POINTS) {
    it(`killed ${point}: status notices, a retry completes, no tokens cross accounts`, async () => {
      const killed = await cli(['use', 'B'], { CUTI_TEST_KILL_AT: `use:${point}` });
      expect(killed.signal).toBe('SIGKILL');
      const pair = livePair();
      // The pair on disk is whole (A or B), or the journal is there to say it is not.
      const pending = existsSync(join(t.cutiHome, 'claude-code-swap.json'));
      if (pair.tokens !== pair.identity?.slice(-1)) expect(pending).toBe(true);
      const status = await cli(['status']);
      expect(status.code).toBe(0);
      if (pending) expect(status.stderr + status.stdout).toContain('was interrupted');
      expectNoAccountHoldsAnothersTokens();

      // Going on with the switch, right away (the killed run's Claude Code locks are taken back).
      const retry = await cli(['use', 'B']);
      expect(retry.code, retry.stderr).toBe(0);
      expect(livePair()).toEqual({ tokens: 'b', identity: 'uuid-b' });
      expect(active()).toBe('B');
      expect(existsSync(join(t.cutiHome, 'claude-code-swap.json'))).toBe(false);
      expectNoAccountHoldsAnothersTokens();
      const after = await cli(['status']);
      expect(after.stdout).toContain("Claude Code will use the active account 'B'");
      expect(after.stderr).toBe('');
    });

    it(`killed ${point}: going back to A instead leaves A whole`, async () => {
      expect((await cli(['use', 'B'], { CUTI_TEST_KILL_AT: `use:${point}` })).signal).toBe('SIGKILL');
      const back = await cli(['use', 'A']);
      expect(back.code, back.stderr).toBe(0);
      expect(livePair()).toEqual({ tokens: 'a', identity: 'uuid-a' });
      expect(active()).toBe('A');
      expectNoAccountHoldsAnothersTokens();
      const doctor = await cli(['doctor']);
      expect(doctor.stdout + doctor.stderr).not.toMatch(/interrupted|mixed|lock left/);
    });
  }
});

describe('new killed at every write boundary', () => {
  for (const point of ['after-backup', 'after-journal', 'after-credentials.json', 'after-claude.json', 'after-commit']) {
    it(`killed ${point}: doctor --fix finishes or undoes it; a retry signs out`, async () => {
      expect((await cli(['new'], { CUTI_TEST_KILL_AT: `new:${point}` })).signal).toBe('SIGKILL');
      const doctor = await cli(['doctor', '--fix']);
      expect(existsSync(join(t.cutiHome, 'claude-code-swap.json'))).toBe(false);
      const pair = livePair();
      // Either still A, whole, or signed out (no tokens, no identity).
      expect([JSON.stringify({ tokens: 'a', identity: 'uuid-a' }), JSON.stringify({ tokens: null, identity: null })]).toContain(JSON.stringify(pair));
      expect(doctor.stdout).not.toContain('lock left');
      const retry = await cli(['new']);
      expect(retry.code, retry.stderr).toBe(0);
      expect(livePair()).toEqual({ tokens: null, identity: null });
      expect(active()).toBeNull();
      expectNoAccountHoldsAnothersTokens();
      // The login that was live is kept in a backup account.
      const backups = readdirSync(t.accountsRoot).filter((n) => n.startsWith('backup_'));
      expect(backups.length).toBeGreaterThanOrEqual(1);
      for (const b of backups) expect(savedTag(b)).toBe('a');
    });
  }
});

describe('a mixed live pair', () => {
  it('status and doctor say so, and use puts the account back whole', async () => {
    // B's tokens under A's identity, as an old cuti killed half-way would leave them.
    writeFileSync(join(cfg, '.credentials.json'), creds('b'), { mode: 0o600 });
    const status = await cli(['status']);
    expect(status.stderr).toContain("The live Claude Code login is mixed: its tokens are account 'B''s");
    const doctor = await cli(['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('The live Claude Code login is mixed');
    // Leaving A must not save B's tokens into A.
    const fix = await cli(['use', 'B']);
    expect(fix.code).toBe(0);
    expect(fix.stdout).not.toContain('refreshed');
    expect(livePair()).toEqual({ tokens: 'b', identity: 'uuid-b' });
    expectNoAccountHoldsAnothersTokens();
  });
});
