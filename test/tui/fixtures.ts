import { AccountService } from '../../src/accounts/service.js';
import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { SECRETS } from '../helpers/secrets.js';

let tick = 0;
/** Distinct, ordered timestamps in the original tool's format. */
export const fakeNow = (): string => `2025-10-01T00:31:${String(10 + (tick++ % 49)).padStart(2, '0')}.953588`;

/**
 * A home as a person who uses every kind of credential has it: an OAuth login (active),
 * an Anthropic key, a Bedrock key, and an account holding both.
 */
export async function seededStorage(): Promise<MemoryStorage> {
  const storage = new MemoryStorage();
  const service = new AccountService(storage, fakeNow);
  storage.seedOAuthAccount(
    'default',
    { subscription: 'Max', email: 'me@example.com' },
    { created: '2025-09-30T10:00:00.000000', last_used: '2025-10-01T07:24:00.000000', type: 'Max' },
  );
  storage.seedActive('default');
  await service.addCredential('api-prod', { provider: 'anthropic', apiKey: SECRETS.anthropicKey });
  await service.addCredential('bedrock-us', {
    provider: 'bedrock',
    modelId: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    region: 'us-east-1',
    accessKeyId: SECRETS.accessKeyId,
    secretAccessKey: SECRETS.secretAccessKey,
  });
  await service.addCredential('multi', { provider: 'anthropic', apiKey: SECRETS.anthropicKey2 });
  await service.addCredential('multi', {
    provider: 'bedrock',
    modelId: 'anthropic.claude-sonnet-4-6',
    region: 'eu-west-1',
    accessKeyId: SECRETS.accessKeyId,
    secretAccessKey: SECRETS.secretAccessKey2,
  });
  return storage;
}
