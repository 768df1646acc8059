import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { writePythonJson } from '../helpers/cli-expect.js';
import { SECRETS } from '../helpers/secrets.js';

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => home.cleanup());

const cuti = (...args: string[]) => runInProcess(['claude', ...args], { env: home.env });

describe('cuti claude list-api-keys', () => {
  it('prints the spec output for an account with both providers', async () => {
    writePythonJson(
      join(home.accountsRoot, 'multi-provider', '.api_keys.json'),
      `{"anthropic": {"api_key": "${SECRETS.anthropicKey}", "provider": "anthropic", "created": "2025-10-01T00:31:34.953588"},` +
        ` "bedrock": {"model_id": "m", "region": "us-east-1", "access_key_id": "${SECRETS.accessKeyId}", "secret_access_key": "${SECRETS.secretAccessKey}", "provider": "bedrock", "created": "2025-10-01T00:35:02.123456"}}`,
    );
    const result = await cuti('list-api-keys', 'multi-provider');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'API Keys for account: multi-provider\n\n  • anthropic - Added: 2025-10-01 00:31\n  • bedrock - Added: 2025-10-01 00:35\n',
    );
  });

  it('lists what add-api-key stored (spec: "multi" example)', async () => {
    expect((await cuti('add-api-key', 'multi', '--api-key', SECRETS.anthropicKey)).code).toBe(0);
    const bedrock = await cuti(
      'add-api-key', 'multi', '--api-key', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '--provider', 'bedrock',
      '--region', 'us-east-1', '--access-key', 'AKIATEST', '--secret-key', SECRETS.secretAccessKey,
    );
    expect(bedrock.code).toBe(0);
    const result = await cuti('list-api-keys', 'multi');
    expect(result.stdout).toMatch(
      /^API Keys for account: multi\n\n {2}• anthropic - Added: \d{4}-\d{2}-\d{2} \d{2}:\d{2}\n {2}• bedrock - Added: \d{4}-\d{2}-\d{2} \d{2}:\d{2}\n$/,
    );
  });

  it('says so, with the add hint, for an account without keys', async () => {
    mkdirSync(join(home.accountsRoot, 'empty'), { recursive: true });
    const result = await cuti('list-api-keys', 'empty');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'No API keys found for account: empty\n\nAdd an API key with:\n  cuti claude add-api-key empty --provider anthropic\n',
    );
  });

  it('lists an account that holds only a Claude Code login as having no API keys', async () => {
    writePythonJson(join(home.accountsRoot, 'default', '.credentials.json'), '{"claudeAiOauth": {"subscriptionType": "max"}}');
    const result = await cuti('list-api-keys', 'default');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('No API keys found for account: default');
  });
});
