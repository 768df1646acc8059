import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { quotePosix } from '../../src/domain/shell-quote.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';
import { makeWorld, messageCredentials, readLog, realClaude, runWithStandin, standinArgv, type ClaudeWorld } from './support.js';

/*
 * Every hand-off, proven with the real Claude Code: the headers that reach the
 * stand-in server carry exactly the credential meant, one account per request.
 */

const CLAUDE = realClaude();
const KEY1 = 'sk-ant-api03-handoff-one-1111111111111111111111111111111111111111';
const KEY2 = 'sk-ant-api03-handoff-two-2222222222222222222222222222222222222222';
const OTHER = 'sk-ant-api03-settings-block-333333333333333333333333333333333333';
const ACCESS = 'sk-ant-oat01-login-access-4444444444444444444444444444444444444444';
const AKID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

let world: ClaudeWorld;
const run = (script: string, extra: NodeJS.ProcessEnv = {}) => runWithStandin(world, `set -e\n${script}`, extra);

async function addKeys(): Promise<void> {
  const r = await run(`printf %s '${KEY1}' | cuti claude add-api-key a1 --api-key - >/dev/null
printf %s '${KEY2}' | cuti claude add-api-key a2 --api-key - >/dev/null`);
  expect(r.code, r.stderr).toBe(0);
}

/** A Claude Code login in ~/.claude as Claude Code writes it, saved as account `login`. */
async function saveLogin(): Promise<void> {
  mkdirSync(join(world.t.home, '.claude'), { recursive: true });
  writeFileSync(
    join(world.t.home, '.claude', '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: ACCESS, refreshToken: 'sk-ant-ort01-login-refresh', expiresAt: 4_102_444_800_000, scopes: ['user:inference', 'user:profile'], subscriptionType: 'max' } }),
    { mode: 0o600 },
  );
  const config = { hasCompletedOnboarding: true, oauthAccount: { accountUuid: 'uuid-login', emailAddress: 'login@example.com' }, projects: { [world.work]: { hasTrustDialogAccepted: true } } };
  writeFileSync(join(world.t.home, '.claude.json'), JSON.stringify(config));
  const r = await run('cuti claude save login >/dev/null');
  expect(r.code, r.stderr).toBe(0);
}

beforeEach(() => {
  world = makeWorld(CLAUDE ?? '');
});
afterEach(() => world.cleanup());

describe.skipIf(CLAUDE === null)('the real Claude Code gets exactly the credential meant', { timeout: 180_000 }, () => {
  it('exec <api-account> -- claude: the key in both headers, through the helper', async () => {
    await addKeys();
    const r = await run('cuti claude exec a1 -- claude -p hi');
    expect(r.stdout).toContain('STANDIN-OK');
    expect(messageCredentials(r)).toEqual([{ apiKey: KEY1, bearer: KEY1 }]);
  });

  it('env <api-account>: the exported key', async () => {
    await addKeys();
    const r = await run('eval "$(cuti claude env a2)"\nclaude -p hi');
    expect(r.stdout).toContain('STANDIN-OK');
    expect(messageCredentials(r)).toEqual([{ apiKey: KEY2, bearer: null }]);
  });

  it('use --claude-code: the helper hands over the active key; exec of another account sends only that one', async () => {
    await addKeys();
    const used = await run('cuti claude use a2 --claude-code -y >/dev/null\nclaude -p hi');
    expect(messageCredentials(used)).toEqual([{ apiKey: KEY2, bearer: KEY2 }]);
    // One request, one account: exec a1 while the helper points at the active a2.
    const exec = await run('cuti claude exec a1 -- claude -p hi');
    expect(messageCredentials(exec)).toEqual([{ apiKey: KEY1, bearer: KEY1 }]);
    // And a shell inside exec a1 running claude itself: the helper answers for a1 too.
    const inner = await run(`cuti claude exec a1 -- sh -c 'ANTHROPIC_API_KEY= exec claude -p hi'`);
    expect(messageCredentials(inner)).toEqual([{ apiKey: KEY1, bearer: KEY1 }]);
  });

  it('a settings env block does not win over exec', async () => {
    await addKeys();
    mkdirSync(join(world.t.home, '.claude'), { recursive: true });
    writeFileSync(join(world.t.home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_API_KEY: OTHER, ANTHROPIC_AUTH_TOKEN: OTHER } }));
    mkdirSync(join(world.work, '.claude'));
    writeFileSync(join(world.work, '.claude', 'settings.local.json'), JSON.stringify({ env: { CLAUDE_CODE_USE_BEDROCK: '1' } }));
    const r = await run('cuti claude exec a1 -- claude -p hi');
    expect(messageCredentials(r)).toEqual([{ apiKey: KEY1, bearer: KEY1 }]);
    // Managed settings outrank the command line: refused, naming the file.
    const managed = join(world.t.home, 'managed-settings.json');
    writeFileSync(managed, JSON.stringify({ env: { ANTHROPIC_API_KEY: OTHER } }));
    const refused = await runWithStandin(world, 'cuti claude exec a1 -- claude -p hi', { CUTI_CLAUDE_MANAGED_SETTINGS: managed });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${managed} (managed settings) sets ANTHROPIC_API_KEY in its env block`);
    expect(refused.requests).toEqual([]);
  });

  it('a saved login: use puts it live, exec runs it from its own directory; both send its token only', async () => {
    await saveLogin();
    await addKeys();
    const exec = await run('cuti claude exec login -- claude -p hi');
    expect(exec.stdout).toContain('STANDIN-OK');
    expect(messageCredentials(exec)).toEqual([{ apiKey: null, bearer: ACCESS }]);
    // What Claude Code wrote went into the account's own directory, and the store stays healthy.
    expect(existsSync(join(world.t.accountsRoot, 'login', 'claude-code', 'projects'))).toBe(true);
    expect(existsSync(join(world.t.accountsRoot, 'login', 'projects'))).toBe(false);
    const doctor = await run('cuti claude doctor');
    expect(doctor.code, doctor.stdout).toBe(0);
    const switched = await run('cuti claude use a1 --claude-code -y >/dev/null\ncuti claude use login >/dev/null\nclaude -p hi');
    expect(messageCredentials(switched)).toEqual([{ apiKey: null, bearer: ACCESS }]);
  });

  it('Bedrock: requests signed (SigV4, checked independently) with the stored key and region', async () => {
    const add = await run(
      `cuti claude add-api-key bed -p bedrock -k anthropic.claude-3-5-sonnet-20241022-v2:0 -r eu-west-1 --access-key ${AKID} --secret-key '${SECRET}' >/dev/null 2>&1`,
    );
    expect(add.code, add.stderr).toBe(0);
    const r = await run('cuti claude exec bed -- claude -p hi || true', { STANDIN_AWS_SECRET: SECRET, AWS_PROFILE: 'someone-else', ANTHROPIC_API_KEY: OTHER });
    const signed = r.requests.filter((q) => q.sigv4);
    expect(signed.length).toBeGreaterThan(0);
    for (const q of signed) {
      expect(q.sigv4).toEqual({ valid: true, accessKeyId: AKID, region: 'eu-west-1', service: 'bedrock' });
      expect(q.headers['x-api-key']).toBeUndefined();
    }
    expect(r.requests.some((q) => q.url.startsWith('/model/anthropic.claude-3-5-sonnet-20241022-v2'))).toBe(true);
  });
});

describe.skipIf(CLAUDE === null)('cuti claude status says what claude auth status says', { timeout: 180_000 }, () => {
  interface Both {
    cuti: { claudeCode: { uses: { kind: string } | null; agreesWithClaude: boolean | null; claudeAuthStatus: { authMethod: string } | null } };
    claude: { authMethod: string; apiProvider: string };
  }
  async function both(extra: NodeJS.ProcessEnv = {}): Promise<Both> {
    const r = await runWithStandin(world, 'cuti claude status --json; echo =====; claude auth status || true', extra);
    const [cuti, claude] = r.stdout.split('=====');
    return { cuti: JSON.parse(cuti ?? '') as Both['cuti'], claude: JSON.parse(claude ?? '') as Both['claude'] };
  }
  const cases: Array<[string, NodeJS.ProcessEnv, string, string]> = [
    ['an exported API key', { ANTHROPIC_API_KEY: KEY1 }, 'api-key', 'api_key'],
    ['an auth token', { ANTHROPIC_AUTH_TOKEN: 'gateway-token' }, 'auth-token', 'oauth_token'],
    ['an OAuth token variable', { CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-status-token' }, 'oauth-token', 'oauth_token'],
    ['the Bedrock switch', { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: AKID, AWS_SECRET_ACCESS_KEY: SECRET }, 'cloud-provider', 'third_party'],
    ['the Mantle switch', { CLAUDE_CODE_USE_MANTLE: '1' }, 'cloud-provider', 'third_party'],
    ['the Anthropic-on-AWS switch', { CLAUDE_CODE_USE_ANTHROPIC_AWS: '1' }, 'cloud-provider', 'third_party'],
  ];
  for (const [what, extra, kind, method] of cases) {
    it(`with ${what}`, async () => {
      const { cuti, claude } = await both(extra);
      expect(claude.authMethod).toBe(method);
      expect(cuti.claudeCode.uses?.kind).toBe(kind);
      expect(cuti.claudeCode.claudeAuthStatus?.authMethod).toBe(method);
      expect(cuti.claudeCode.agreesWithClaude).toBe(true);
    });
  }

  it('use --claude-code for each provider in turn: Claude Code names that provider, its project or region, and no earlier one', async () => {
    writeFileSync(join(world.t.home, 'sa.json'), '{"type":"service_account"}');
    const added = await run(`cuti claude add-api-key vx -p vertex --project-id my-project-123 -r us-east5 --credentials-file "$HOME/sa.json" >/dev/null
printf %s '${KEY2}' | cuti claude add-api-key fd -p foundry --resource my-resource --api-key - >/dev/null
S='${SECRET}' cuti claude add-api-key bed -p bedrock -k anthropic.claude-3-5-sonnet-20241022-v2:0 -r eu-west-1 --access-key ${AKID} --secret-key-env S >/dev/null`);
    expect(added.code, added.stderr).toBe(0);
    await addKeys();
    const claudeSays = async (account: string, provider: string) => {
      const r = await run(`cuti claude use ${account} ${provider === '' ? '' : `-p ${provider}`} --claude-code -y >/dev/null; claude auth status || true; echo =====; claude auth status --text || true`);
      const [json, text] = r.stdout.split('=====');
      return { status: JSON.parse(json ?? '') as { authMethod: string; apiProvider: string }, text: text ?? '' };
    };
    let said = await claudeSays('bed', 'bedrock');
    expect([said.status.authMethod, said.status.apiProvider]).toEqual(['third_party', 'bedrock']);
    expect(said.text).toContain('AWS region: eu-west-1');
    said = await claudeSays('vx', 'vertex');
    expect([said.status.authMethod, said.status.apiProvider]).toEqual(['third_party', 'vertex']);
    expect(said.text).toContain('GCP project: my-project-123');
    expect(said.text).toContain('Default region: us-east5');
    said = await claudeSays('fd', 'foundry');
    expect([said.status.authMethod, said.status.apiProvider]).toEqual(['third_party', 'foundry']);
    // Back to an Anthropic key: no provider switch is left to outrank the helper.
    said = await claudeSays('a1', '');
    expect(said.status.authMethod).toBe('api_key_helper');
    expect(said.status.apiProvider).toBe('firstParty');
  });

  it('with nothing, with cuti’s helper, with a settings env block, with a saved login', async () => {
    let r = await both();
    expect([r.claude.authMethod, r.cuti.claudeCode.uses, r.cuti.claudeCode.agreesWithClaude]).toEqual(['none', null, true]);
    await addKeys();
    expect((await run('cuti claude use a1 --claude-code -y >/dev/null')).code).toBe(0);
    r = await both();
    expect([r.claude.authMethod, r.cuti.claudeCode.uses?.kind, r.cuti.claudeCode.agreesWithClaude]).toEqual(['api_key_helper', 'api-key-helper', true]);
    expect((await run('cuti claude remove-helper >/dev/null')).code).toBe(0);
    mkdirSync(join(world.t.home, '.claude'), { recursive: true });
    writeFileSync(join(world.t.home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_API_KEY: OTHER } }));
    r = await both();
    expect([r.claude.authMethod, r.cuti.claudeCode.uses?.kind, r.cuti.claudeCode.agreesWithClaude]).toEqual(['api_key', 'api-key', true]);
    writeFileSync(join(world.t.home, '.claude', 'settings.json'), '{}');
    // A project settings env block: claude auth status does not read it, but requests follow it.
    // cuti says what is sent, and flags that the two answers differ.
    mkdirSync(join(world.work, '.claude'));
    writeFileSync(join(world.work, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_API_KEY: OTHER } }));
    r = await both();
    expect([r.claude.authMethod, r.cuti.claudeCode.uses?.kind, r.cuti.claudeCode.agreesWithClaude]).toEqual(['none', 'api-key', false]);
    expect(messageCredentials(await run('claude -p hi'))).toEqual([{ apiKey: OTHER, bearer: null }]);
    writeFileSync(join(world.work, '.claude', 'settings.json'), '{}');
    await saveLogin();
    r = await both();
    expect([r.claude.authMethod, r.cuti.claudeCode.uses?.kind, r.cuti.claudeCode.agreesWithClaude]).toEqual(['claude.ai', 'login', true]);
  });
});

describe.skipIf(CLAUDE === null || !HAS_TMUX)('interactive Claude Code in a real terminal (tmux)', { timeout: 180_000 }, () => {
  let session: TmuxSession | undefined;
  afterEach(async () => {
    // Claude Code must be gone before its home is removed.
    session?.kill();
    session = undefined;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  });

  function start(script: string, log: string): TmuxSession {
    const argv = standinArgv(log, script);
    return TmuxSession.start(`cd ${quotePosix(world.work)} && ${argv.map(quotePosix).join(' ')}`, { env: world.env, columns: 120, rows: 40 });
  }

  it('exec <api-account> -- claude: no "use this API key?" question, and the key is the one sent', async () => {
    await addKeys();
    const log = join(world.t.home, 'interactive.jsonl');
    session = start('cuti claude exec a1 -- claude', log);
    const screen = await session.waitFor(/Claude Code v|Do you want to use this API key/, 30_000);
    expect(screen).not.toContain('Do you want to use this API key?');
    await session.waitFor('❯', 30_000);
    session.sendText('say hi');
    await new Promise((resolve) => setTimeout(resolve, 300));
    session.sendKeys('Enter');
    await session.waitFor('STANDIN-OK', 30_000);
    expect(session.capture()).not.toContain('Do you want to use this API key?');
    const sent = readLog(log).filter((r) => r.url.startsWith('/v1/messages')).map((r) => [r.headers['x-api-key'], r.headers.authorization]);
    expect(sent.length).toBeGreaterThan(0);
    for (const pair of sent) expect(pair).toEqual([KEY1, `Bearer ${KEY1}`]);
  });

  it('the same key exported instead (env) is questioned, with No preselected: what exec avoids', async () => {
    await addKeys();
    session = start('eval "$(cuti claude env a1)"; claude', join(world.t.home, 'control.jsonl'));
    const screen = await session.waitFor('Do you want to use this API key?', 30_000);
    expect(screen).toMatch(/❯ No \(recommended\)/);
  });
});
