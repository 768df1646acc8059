import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createServices } from '../../src/accounts/services.js';
import { baseEnv, CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';

/*
 * Claude Code logins moved in and out of its live config dir, the way people and
 * attackers do it: swaps in a loop, a live dir that is really a saved account, a linked
 * ~/.claude, a relative CUTI_HOME. Claude Code's own Linux layout: a compact one-line
 * .credentials.json with claudeAiOauth and mcpOAuth, and a .claude.json that Claude Code
 * writes pretty-printed (or that someone left on one line).
 */

interface Tokens {
  tag: string;
  expiresAt?: number;
}

function credentials({ tag, expiresAt = 1_900_000_000_000 }: Tokens, mcp = 'mcp'): string {
  return JSON.stringify({
    claudeAiOauth: {
      accessToken: `${SECRETS.oauthAccessToken}-${tag}`,
      refreshToken: `${SECRETS.oauthRefreshToken}-${tag}`,
      expiresAt,
      scopes: ['user:inference', 'user:profile'],
      subscriptionType: 'max',
    },
    mcpOAuth: { 'srv|1': { accessToken: mcp, expiresAt: 1 } },
  });
}

const PRETTY = (uuid: string, email: string) =>
  `${JSON.stringify(
    {
      numStartups: 7,
      installMethod: 'npm',
      oauthAccount: { accountUuid: uuid, emailAddress: email, organizationUuid: `org-${uuid}` },
      customApiKeyResponses: { approved: ['abc'], rejected: [] },
      projects: { '/src/app': { allowedTools: [], history: [{ display: 'hi' }] } },
      userID: 'u1',
    },
    null,
    2,
  )}\n`;
const ONE_LINE = (uuid: string, email: string) =>
  `{"numStartups":7,"oauthAccount":{"accountUuid":"${uuid}","emailAddress":"${email}"},"projects":{"/src/app":{"history":[]}},"userID":"u1"}`;

let t: TempHome;
let cfg: string;
let env: NodeJS.ProcessEnv;
const live = (file: string) => readFileSync(join(cfg, file), 'utf8');
const saved = (account: string, file: string) => readFileSync(join(t.accountsRoot, account, file), 'utf8');
const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => runInProcess(['claude', ...args], { env: { ...env, ...extra } });
const tokenTag = (text: string) =>
  ((JSON.parse(text) as { claudeAiOauth: { accessToken: string } }).claudeAiOauth.accessToken.split('-').pop() ?? '');
const identity = (text: string) => (JSON.parse(text) as { oauthAccount?: { accountUuid: string } }).oauthAccount?.accountUuid;

function login(tokens: Tokens, uuid: string, config: (uuid: string, email: string) => string): void {
  mkdirSync(cfg, { recursive: true });
  writeFileSync(join(cfg, '.credentials.json'), credentials(tokens), { mode: 0o600 });
  writeFileSync(join(cfg, '.claude.json'), config(uuid, `${uuid}@example.com`));
}

async function saveTwo(config = PRETTY): Promise<void> {
  login({ tag: 'a' }, 'uuid-a', config);
  expect((await cli(['save', 'A'])).code).toBe(0);
  login({ tag: 'b' }, 'uuid-b', config);
  expect((await cli(['save', 'B'])).code).toBe(0);
}

beforeEach(() => {
  t = makeTempHome();
  cfg = join(t.home, 'claude-config');
  env = { ...t.env, CLAUDE_CONFIG_DIR: cfg };
});
afterEach(() => t.cleanup());

describe('swaps never change a file’s size or layout', () => {
  for (const [layout, config] of [
    ['pretty .claude.json', PRETTY],
    ['one-line .claude.json', ONE_LINE],
  ] as const) {
    it(`a hundred swaps leave the live files and the saved copies byte-stable (${layout})`, async () => {
      await saveTwo(config);
      const first = { creds: live('.credentials.json'), config: live('.claude.json') };
      const savedBefore = { A: saved('A', '.credentials.json'), B: saved('B', '.credentials.json') };
      // Through the binary: nothing is reported as refreshed when nothing was.
      for (const name of ['A', 'B', 'A', 'B']) {
        const r = await cli(['use', name]);
        expect(r.code).toBe(0);
        expect(r.stdout).not.toContain('refreshed');
      }
      expect(live('.credentials.json')).toBe(first.creds);
      expect(live('.claude.json')).toBe(first.config);
      // And a hundred more in-process (same code, same files, without a node start each).
      const { claudeCode } = createServices(env);
      for (let i = 0; i < 50; i++) {
        for (const name of ['A', 'B']) {
          const result = await claudeCode.use(name);
          expect(result.login?.refreshed ?? null).toBeNull();
        }
      }
      expect(live('.credentials.json')).toBe(first.creds);
      expect(live('.claude.json')).toBe(first.config);
      expect(saved('A', '.credentials.json')).toBe(savedBefore.A);
      expect(saved('B', '.credentials.json')).toBe(savedBefore.B);
      // The backups are copies of the two states, never growing.
      const root = join(t.cutiHome, 'backups', 'claude-code');
      const sizes = new Set(readdirSync(root).map((d) => statSync(join(root, d, '.claude.json')).size));
      expect(sizes.size).toBeLessThanOrEqual(2);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(first.config.length + 10);
    }, 120_000);
  }

  it('reports refreshed tokens only when they changed, and never saves back older ones', async () => {
    await saveTwo();
    // An MCP server login changed, the account's tokens did not: nothing to report.
    writeFileSync(join(cfg, '.credentials.json'), credentials({ tag: 'b' }, 'mcp-new'));
    let r = await cli(['use', 'A']);
    expect(r.stdout).not.toContain('refreshed');
    expect(JSON.parse(live('.credentials.json'))).toMatchObject({ mcpOAuth: { 'srv|1': { accessToken: 'mcp-new' } } });
    // Claude Code refreshed A's tokens: saved back.
    writeFileSync(join(cfg, '.credentials.json'), credentials({ tag: 'a2', expiresAt: 1_950_000_000_000 }));
    r = await cli(['use', 'B']);
    expect(r.stdout).toContain('Saved the refreshed tokens back into account A');
    expect(tokenTag(saved('A', '.credentials.json'))).toBe('a2');
    // Live tokens older than the saved copy (an exec'd copy refreshed meanwhile): never copied back.
    writeFileSync(join(t.accountsRoot, 'B', '.credentials.json'), credentials({ tag: 'b3', expiresAt: 1_990_000_000_000 }), { mode: 0o600 });
    writeFileSync(join(cfg, '.credentials.json'), credentials({ tag: 'b2', expiresAt: 1_960_000_000_000 }));
    r = await cli(['use', 'A']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('refreshed');
    expect(tokenTag(saved('B', '.credentials.json'))).toBe('b3');
  });

  it('keeps Claude Code’s other settings byte for byte and the file mode when setting apiKeyHelper', async () => {
    mkdirSync(cfg, { recursive: true });
    const settings = '{\n  "theme": "dark",\n  "permissions": {"allow": ["Bash(ls:*)"], "deny": []}\n}\n';
    writeFileSync(join(cfg, 'settings.json'), settings);
    chmodSync(join(cfg, 'settings.json'), 0o644);
    expect((await cli(['add-api-key', 'k', '--api-key', SECRETS.anthropicKey])).code).toBe(0);
    const r = await cli(['use', 'k', '--claude-code', '-y']);
    expect(r.code).toBe(0);
    const after = live('settings.json');
    const helper = (JSON.parse(after) as { apiKeyHelper: string }).apiKeyHelper;
    expect(after).toBe(settings.replace(/\n}\n$/, `,\n  "apiKeyHelper": ${JSON.stringify(helper)}\n}\n`));
    expect(statSync(join(cfg, 'settings.json')).mode & 0o777).toBe(0o644);
  });
});

describe('a live directory inside the store is never treated as live', () => {
  it('refuses use, new, save and use --claude-code when CLAUDE_CONFIG_DIR points into the store, changing nothing', async () => {
    await saveTwo();
    expect((await cli(['add-api-key', 'k', '--api-key', SECRETS.anthropicKey])).code).toBe(0);
    // As after eval "$(cuti claude env A)"; once directly, once through a link into the store.
    const link = join(t.home, 'link-to-a');
    symlinkSync(join(t.accountsRoot, 'A'), link);
    const envA = (await cli(['env', 'A', '--json'], {}).then((r) => JSON.parse(r.stdout) as { set: Array<{ name: string; value: string }> })).set;
    const dirA = envA.find((v) => v.name === 'CLAUDE_CONFIG_DIR')?.value ?? '';
    expect(dirA.startsWith(t.accountsRoot)).toBe(true);
    for (const inside of [dirA, link, join(t.accountsRoot, 'A')]) {
      const before = snapshotTree(t.home);
      for (const args of [['use', 'B'], ['new'], ['save', 'C'], ['use', 'k', '--claude-code', '-y']]) {
        const r = await cli(args, { CLAUDE_CONFIG_DIR: inside });
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr).toContain("is inside cuti's store");
        expect(r.stderr).toContain('cuti claude env --unset');
        expect(r.stderr.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(2);
      }
      expect(snapshotTree(t.home)).toEqual(before);
    }
  });

  it('env --unset, env <api-account> and exec <api-account> clear a CLAUDE_CONFIG_DIR cuti set, and only that one', async () => {
    await saveTwo();
    expect((await cli(['add-api-key', 'k', '--api-key', SECRETS.anthropicKey])).code).toBe(0);
    const dirA = join(t.accountsRoot, 'A');
    const inStore = { CLAUDE_CONFIG_DIR: dirA };
    expect((await cli(['env', '--unset', '--shell', 'bash'], inStore)).stdout).toContain('unset CLAUDE_CONFIG_DIR');
    expect((await cli(['env', '--unset', '--shell', 'bash'])).stdout).not.toContain('CLAUDE_CONFIG_DIR');
    const r = await runInProcess(['claude', 'env', 'k', '--shell', 'bash'], { env: { ...env, ...inStore }, revealsSecrets: true });
    expect(r.stdout).toContain('unset CLAUDE_CONFIG_DIR');
    const ex = await runCli(['claude', 'exec', 'k', '--', 'sh', '-c', 'echo "dir=${CLAUDE_CONFIG_DIR-unset}"'], { env: { ...env, ...inStore } });
    expect(ex.stdout).toContain('dir=unset');
    // A CLAUDE_CONFIG_DIR of the user's own stays.
    const own = await runCli(['claude', 'exec', 'k', '--', 'sh', '-c', 'echo "dir=${CLAUDE_CONFIG_DIR-unset}"'], { env });
    expect(own.stdout).toContain(`dir=${cfg}`);
  });
});

describe('a linked ~/.claude (dotfiles) works for save, use, new and --claude-code', () => {
  it('writes through the link, keeps it a link, and never half-switches', async () => {
    const target = join(t.home, 'dotfiles', 'claude');
    mkdirSync(target, { recursive: true, mode: 0o755 });
    symlinkSync(target, join(t.home, '.claude'));
    cfg = target;
    env = { ...t.env };
    const homeConfig = join(t.home, '.claude.json');
    mkdirSync(cfg, { recursive: true });
    writeFileSync(join(cfg, '.credentials.json'), credentials({ tag: 'a' }), { mode: 0o600 });
    writeFileSync(homeConfig, PRETTY('uuid-a', 'a@example.com'));
    expect((await cli(['save', 'A'])).code).toBe(0);
    writeFileSync(join(cfg, '.credentials.json'), credentials({ tag: 'b' }), { mode: 0o600 });
    writeFileSync(homeConfig, PRETTY('uuid-b', 'b@example.com'));
    expect((await cli(['save', 'B'])).code).toBe(0);
    const use = await cli(['use', 'A']);
    expect(use.code, use.stderr).toBe(0);
    expect(tokenTag(live('.credentials.json'))).toBe('a');
    expect(identity(readFileSync(homeConfig, 'utf8'))).toBe('uuid-a');
    expect(lstatSync(join(t.home, '.claude')).isSymbolicLink()).toBe(true);
    expect((await cli(['add-api-key', 'k', '--api-key', SECRETS.anthropicKey])).code).toBe(0);
    const helper = await cli(['use', 'k', '--claude-code', '-y']);
    expect(helper.code, helper.stderr).toBe(0);
    expect(live('settings.json')).toContain('print-key');
    const fresh = await cli(['new']);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(existsSync(join(cfg, '.credentials.json'))).toBe(false);
    expect(lstatSync(join(t.home, '.claude')).isSymbolicLink()).toBe(true);
  });
});

describe('apiKeyHelper works from any directory', () => {
  it('writes an absolute CUTI_HOME when it was given relative, and the helper runs from elsewhere', () => {
    const run = (args: string[], cwd: string) =>
      execFileSync(process.execPath, [CLI, 'claude', ...args], { cwd, env: baseEnv({ HOME: t.home, CUTI_HOME: 'rel-home', CLAUDE_CONFIG_DIR: cfg }), encoding: 'utf8' });
    run(['add-api-key', 'k', '--api-key', SECRETS.anthropicKey], t.home);
    run(['use', 'k', '--claude-code', '-y'], t.home);
    const helper = (JSON.parse(live('settings.json')) as { apiKeyHelper: string }).apiKeyHelper;
    expect(helper).toContain(`CUTI_HOME='${join(t.home, 'rel-home')}'`);
    const elsewhere = join(t.home, 'elsewhere');
    mkdirSync(elsewhere);
    const key = execFileSync('/bin/sh', ['-c', helper], { cwd: elsewhere, env: baseEnv({ HOME: t.home }), encoding: 'utf8' });
    expect(key.trim()).toBe(SECRETS.anthropicKey);
  });
});

describe('a login exec’d from its own directory', () => {
  it('keeps cuti’s account dir cuti’s; a refresh made there is what use puts live, never an older copy', async () => {
    await saveTwo();
    // exec A: Claude Code's directory for A is its own, seeded from the snapshot.
    const r = await runCli(['claude', 'exec', 'A', '--', 'sh', '-c', 'echo "$CLAUDE_CONFIG_DIR"'], { env });
    const own = join(t.accountsRoot, 'A', 'claude-code');
    expect(r.stdout.trim()).toBe(own);
    expect(readdirSync(join(t.accountsRoot, 'A')).sort()).toEqual(['.claude.json', '.credentials.json', 'claude-code']);
    // Claude Code refreshed A's tokens in there.
    writeFileSync(join(own, '.credentials.json'), credentials({ tag: 'arefreshed', expiresAt: 1_990_000_000_000 }), { mode: 0o600 });
    expect((await cli(['use', 'A'])).code).toBe(0);
    expect(tokenTag(live('.credentials.json'))).toBe('arefreshed');
    expect(tokenTag(saved('A', '.credentials.json'))).toBe('arefreshed');
    // An older copy in there is never put back over the newer snapshot.
    writeFileSync(join(own, '.credentials.json'), credentials({ tag: 'aold', expiresAt: 1_000_000_000_000 }), { mode: 0o600 });
    expect((await cli(['use', 'B'])).code).toBe(0);
    expect((await cli(['use', 'A'])).code).toBe(0);
    expect(tokenTag(saved('A', '.credentials.json'))).toBe('arefreshed');
    // And the next exec gets the newer tokens in its directory.
    expect((await runCli(['claude', 'exec', 'A', '--', 'true'], { env })).code).toBe(0);
    expect(tokenTag(readFileSync(join(own, '.credentials.json'), 'utf8'))).toBe('arefreshed');
  });
});
