import { describe, expect, it } from 'vitest';

import {
  anthropicEnv,
  bedrockEnv,
  childEnvironment,
  CLAUDE_CREDENTIAL_VARS,
  defaultSource,
  displayValue,
  parseCredentialSource,
  varsToClear,
} from '../../src/domain/claude-env.js';
import { SECRETS } from '../helpers/secrets.js';

describe('credential to Claude Code environment', () => {
  it('an Anthropic key becomes ANTHROPIC_API_KEY', () => {
    expect(anthropicEnv({ api_key: SECRETS.anthropicKey, provider: 'anthropic', created: 'x' })).toEqual([
      ['ANTHROPIC_API_KEY', SECRETS.anthropicKey],
    ]);
  });

  it('Bedrock access keys switch Claude Code to Bedrock and pin the model', () => {
    const vars = bedrockEnv({
      model_id: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
      region: 'eu-west-1',
      access_key_id: SECRETS.accessKeyId,
      secret_access_key: SECRETS.secretAccessKey,
      provider: 'bedrock',
      auth_method: 'access_keys',
      created: 'x',
    });
    expect(Object.fromEntries(vars)).toEqual({
      CLAUDE_CODE_USE_BEDROCK: '1',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: SECRETS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SECRETS.secretAccessKey,
      ANTHROPIC_MODEL: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    });
  });

  it("the original tool's bearer-token form uses AWS_BEARER_TOKEN_BEDROCK and defaults the region", () => {
    const vars = Object.fromEntries(bedrockEnv({ bearer_token: SECRETS.bearerToken, provider: 'bedrock', auth_method: 'bearer_token', created: 'x' }));
    expect(vars).toEqual({ CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_BEARER_TOKEN_BEDROCK: SECRETS.bearerToken });
  });

  it('refuses an entry with a missing secret instead of exporting an empty one', () => {
    expect(() => bedrockEnv({ region: 'us-east-1', access_key_id: SECRETS.accessKeyId, provider: 'bedrock', created: 'x' })).toThrow(
      /no secret access key/,
    );
  });

  it('the child environment drops every inherited credential variable, then adds the account', () => {
    const parent = { PATH: '/bin', HOME: '/h', ANTHROPIC_AUTH_TOKEN: 'other', AWS_PROFILE: 'corp', CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: 'old' };
    const env = childEnvironment(parent, [['ANTHROPIC_API_KEY', SECRETS.anthropicKey]], varsToClear('anthropic'), { name: 'CUTI_EXEC_ACCOUNT', value: 'work' });
    expect(env).toEqual({ PATH: '/bin', HOME: '/h', ANTHROPIC_API_KEY: SECRETS.anthropicKey, CUTI_EXEC_ACCOUNT: 'work' });
    expect(parent.ANTHROPIC_AUTH_TOKEN).toBe('other');
  });

  it("clears the original tool's whole unset list and more", () => {
    for (const name of ['ANTHROPIC_API_KEY', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_SESSION_TOKEN', 'CLAUDE_CODE_USE_BEDROCK', 'ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION']) {
      expect(CLAUDE_CREDENTIAL_VARS).toContain(name);
    }
    expect(varsToClear('oauth')).toContain('CLAUDE_CONFIG_DIR');
    expect(varsToClear('anthropic')).not.toContain('CLAUDE_CONFIG_DIR');
  });

  it('picks the recorded provider, then anthropic, bedrock, the login', () => {
    const both = { anthropic: { api_key: 'k', provider: 'anthropic' as const, created: 'x' }, bedrock: { provider: 'bedrock' as const, created: 'x' } };
    expect(defaultSource(both, true)).toBe('anthropic');
    expect(defaultSource(both, true, 'bedrock')).toBe('bedrock');
    expect(defaultSource({ bedrock: both.bedrock }, true, 'anthropic')).toBe('bedrock');
    expect(defaultSource(null, true)).toBe('oauth');
    expect(defaultSource(null, false)).toBeNull();
    expect(() => parseCredentialSource('openai')).toThrow(/Invalid provider: openai/);
  });

  it('masks secret values the way show-api-key does', () => {
    expect(displayValue('ANTHROPIC_API_KEY', SECRETS.anthropicKey)).toBe('sk-ant-a...fXYZ');
    expect(displayValue('AWS_SECRET_ACCESS_KEY', SECRETS.secretAccessKey)).toBe('***');
    expect(displayValue('AWS_ACCESS_KEY_ID', SECRETS.accessKeyId)).toBe('AKIAFAKE...');
    expect(displayValue('AWS_REGION', 'us-east-1')).toBe('us-east-1');
  });
});
