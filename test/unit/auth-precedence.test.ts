import { describe, expect, it } from 'vitest';

import { authSources, expectedAuthMethod, isCutiKeyHelper, judgeAuth, type AuthInputs } from '../../src/domain/auth-precedence.js';
import { SECRETS } from '../helpers/secrets.js';

const base: AuthInputs = { env: {}, settingsEnv: {}, settingsPath: '/h/.claude/settings.json', apiKeyHelper: null, loginPath: null };
const helper = "'/usr/bin/node' '/opt/cuti/dist/cli.js' claude print-key";

describe("Claude Code's authentication precedence", () => {
  it('orders every source the way the docs do', () => {
    const all = authSources({
      ...base,
      env: {
        CLAUDE_CODE_USE_BEDROCK: '1',
        ANTHROPIC_AUTH_TOKEN: 't',
        ANTHROPIC_API_KEY: SECRETS.anthropicKey,
        CLAUDE_CODE_OAUTH_TOKEN: 'o',
        ANTHROPIC_PROFILE: 'p',
      },
      apiKeyHelper: helper,
      loginPath: '/h/.claude/.credentials.json',
    });
    expect(all.map((s) => s.kind)).toEqual(['cloud-provider', 'auth-token', 'api-key', 'api-key-helper', 'oauth-token', 'profile', 'login']);
    expect(all.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('says when a key exported in the shell overrides the active account, masking it', () => {
    const verdict = judgeAuth({ ...base, env: { ANTHROPIC_API_KEY: SECRETS.anthropicKey2 }, loginPath: '/h/.claude/.credentials.json' }, {
      name: 'work',
      source: 'anthropic',
      apiKey: SECRETS.anthropicKey,
    });
    expect(verdict.usesActive).toBe(false);
    expect(verdict.summary).toBe("ANTHROPIC_API_KEY set in this shell (sk-ant-a...uQRS) overrides the active account 'work'");
    expect(verdict.shadowed.map((s) => s.kind)).toEqual(['login']);
  });

  it("recognises the active account's own key, and cuti's apiKeyHelper", () => {
    const same = judgeAuth({ ...base, env: { ANTHROPIC_API_KEY: SECRETS.anthropicKey } }, { name: 'work', source: 'anthropic', apiKey: SECRETS.anthropicKey });
    expect(same.usesActive).toBe(true);
    const viaHelper = judgeAuth({ ...base, apiKeyHelper: helper }, { name: 'work', source: 'anthropic', apiKey: SECRETS.anthropicKey });
    expect(viaHelper.usesActive).toBe(true);
    expect(isCutiKeyHelper('/bin/generate_temp_api_key.sh')).toBe(false);
  });

  it('the settings env block overrides the shell, and "" cancels an export', () => {
    const cancelled = authSources({ ...base, env: { ANTHROPIC_API_KEY: 'x' }, settingsEnv: { ANTHROPIC_API_KEY: '' } });
    expect(cancelled).toEqual([]);
    const fromSettings = authSources({ ...base, settingsEnv: { CLAUDE_CODE_USE_BEDROCK: 'true' } });
    expect(fromSettings[0]?.description).toBe('Amazon Bedrock (CLAUDE_CODE_USE_BEDROCK set in the env block of /h/.claude/settings.json)');
  });

  it('a falsy cloud switch is ignored, and nothing at all means a login prompt', () => {
    expect(authSources({ ...base, env: { CLAUDE_CODE_USE_BEDROCK: '0' } })).toEqual([]);
    expect(judgeAuth(base, null).summary).toBe('Claude Code finds no credential and will ask you to log in');
  });

  it('an OAuth account is in use when its login is the live one', () => {
    const inputs = { ...base, loginPath: '/h/.claude/.credentials.json' };
    expect(judgeAuth(inputs, { name: 'me', source: 'oauth', loginMatches: true }).usesActive).toBe(true);
    expect(judgeAuth(inputs, { name: 'me', source: 'oauth', loginMatches: false }).summary).toBe(
      "The Claude Code login in /h/.claude/.credentials.json overrides the active account 'me'",
    );
  });
});

describe('what Claude Code 2.1.332 was seen to do', () => {
  it('sends the apiKeyHelper alongside an exported key or auth token: also sent, not outranked', () => {
    for (const variable of ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN']) {
      const verdict = judgeAuth({ ...base, env: { [variable]: SECRETS.anthropicKey2 }, apiKeyHelper: helper, loginPath: '/h/.claude/.credentials.json' }, null);
      expect(verdict.alsoSent.map((s) => s.kind)).toEqual(['api-key-helper']);
      expect(verdict.shadowed.map((s) => s.kind)).toEqual(['login']);
      expect(verdict.summary).toContain("the apiKeyHelper's output is sent with it");
    }
    // Above the OAuth token variable, the helper wins outright.
    const helperWins = judgeAuth({ ...base, env: { CLAUDE_CODE_OAUTH_TOKEN: 'o' }, apiKeyHelper: helper }, null);
    expect([helperWins.winner?.kind, helperWins.alsoSent]).toEqual(['api-key-helper', []]);
  });

  it('knows the Mantle and Anthropic-on-AWS switches, from the shell or any settings file', () => {
    for (const variable of ['CLAUDE_CODE_USE_MANTLE', 'CLAUDE_CODE_USE_ANTHROPIC_AWS']) {
      const verdict = judgeAuth({ ...base, env: { [variable]: '1', ANTHROPIC_API_KEY: SECRETS.anthropicKey } }, { name: 'work', source: 'anthropic', apiKey: SECRETS.anthropicKey });
      expect(verdict.winner?.kind).toBe('cloud-provider');
      expect(verdict.usesActive).toBe(false);
      expect(expectedAuthMethod(verdict.winner)).toBe('third_party');
    }
    const fromProject = authSources({ ...base, settingsEnv: { CLAUDE_CODE_USE_MANTLE: '1' }, settingsEnvFiles: { CLAUDE_CODE_USE_MANTLE: '/w/.claude/settings.local.json' } });
    expect(fromProject[0]?.description).toContain('in the env block of /w/.claude/settings.local.json');
  });

  it("recognises its own helper by the marker wherever cuti is installed", () => {
    expect(isCutiKeyHelper("CUTI_KEY_HELPER=1 '/usr/bin/node' '/opt/tools/bin/x.cjs' claude print-key")).toBe(true);
    expect(isCutiKeyHelper("CUTI_KEY_HELPER=1 CUTI_HOME='/h/.c' '/usr/bin/node' '/opt/x.cjs' claude print-key 'a1'")).toBe(true);
    expect(isCutiKeyHelper("'/usr/bin/node' '/opt/tools/bin/x.cjs' claude print-key")).toBe(false);
    expect(isCutiKeyHelper('/bin/generate_temp_api_key.sh')).toBe(false);
  });
});
