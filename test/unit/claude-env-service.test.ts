import { describe, expect, it } from 'vitest';

import { ClaudeCodeService } from '../../src/accounts/claude-code-service.js';
import { AccountService } from '../../src/accounts/service.js';
import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { SECRETS } from '../helpers/secrets.js';

function services(): { s: AccountService; cc: ClaudeCodeService } {
  let tick = 0;
  const s = new AccountService(new MemoryStorage(), () => `2025-10-01T00:00:${String(tick++).padStart(2, '0')}.000001`);
  return { s, cc: new ClaudeCodeService(s) };
}

const bedrock = { provider: 'bedrock' as const, modelId: 'm', region: 'us-east-1', accessKeyId: SECRETS.accessKeyId, secretAccessKey: SECRETS.secretAccessKey };

describe('ClaudeCodeService: credentials as environment (what exec and env use)', () => {
  it('resolves the active account when none is named, and refuses when there is none', async () => {
    const { s, cc } = services();
    await s.addCredential('work', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    await expect(cc.credentialEnv(undefined)).rejects.toThrow('No active account');
    await cc.use('work');
    const env = await cc.credentialEnv(undefined);
    expect(env).toMatchObject({ account: 'work', source: 'anthropic', vars: [['ANTHROPIC_API_KEY', SECRETS.anthropicKey]] });
    expect(env.clear).toContain('ANTHROPIC_AUTH_TOKEN');
  });

  it("defaults to the provider recorded last; use -p changes it; a missing one is refused", async () => {
    const { s, cc } = services();
    await s.addCredential('both', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    await s.addCredential('both', bedrock);
    expect((await cc.credentialEnv('both')).source).toBe('bedrock');
    await cc.use('both', { provider: 'anthropic' });
    expect((await cc.credentialEnv('both')).source).toBe('anthropic');
    expect((await s.storage.readMetadata()).accounts.both?.credential_type).toBe('anthropic_api');
    await s.addCredential('only-key', { provider: 'anthropic', apiKey: SECRETS.anthropicKey2 });
    await expect(cc.use('only-key', { provider: 'bedrock' })).rejects.toThrow('No bedrock API key found for account: only-key');
    await expect(cc.credentialEnv('only-key', 'oauth')).rejects.toThrow("Account 'only-key' holds no Claude Code login");
  });

  it('print-key material: the Anthropic key only', async () => {
    const { s, cc } = services();
    await s.addCredential('bed', bedrock);
    await expect(cc.anthropicKey('bed')).rejects.toThrow('No anthropic API key found for account: bed');
    await s.addCredential('bed', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    expect(await cc.anthropicKey('bed')).toEqual({ account: 'bed', key: SECRETS.anthropicKey });
  });

  it('use marks active and records last use; delete clears it', async () => {
    const { s, cc } = services();
    await s.addCredential('work', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
    const result = await cc.use('work');
    expect(result).toEqual({ account: 'work', login: null, previous: null });
    const meta = await s.storage.readMetadata();
    expect(meta.active).toBe('work');
    expect(meta.accounts.work?.last_used).not.toBe('never');
    expect(await s.deleteAccount('work')).toEqual({ wasActive: true });
    expect((await s.storage.readMetadata()).active).toBeNull();
  });
});
