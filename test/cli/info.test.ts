import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { writePythonJson } from '../helpers/cli-expect.js';
import { SECRETS } from '../helpers/secrets.js';

let home: TempHome;
beforeAll(() => {
  home = makeTempHome();
  writePythonJson(
    join(home.accountsRoot, 'api-prod', '.api_keys.json'),
    `{"anthropic": {"api_key": "${SECRETS.anthropicKey}", "provider": "anthropic", "created": "2025-10-01T00:31:34.953588"}, ` +
      `"bedrock": {"model_id": "anthropic.claude-3-5-sonnet-20241022-v2:0", "region": "us-east-1", "access_key_id": "${SECRETS.accessKeyId}", "secret_access_key": "${SECRETS.secretAccessKey}", "provider": "bedrock", "auth_method": "access_keys", "created": "2025-10-01T00:35:02.123456"}}`,
  );
  writePythonJson(
    join(home.accountsRoot, 'default', '.credentials.json'),
    `{"claudeAiOauth": {"accessToken": "${SECRETS.oauthAccessToken}", "refreshToken": "${SECRETS.oauthRefreshToken}", "subscriptionType": "max", "email": "dev@example.com"}}`,
  );
  writePythonJson(
    join(home.accountsRoot, 'accounts.json'),
    '{"accounts": {"api-prod": {"created": "2025-10-01T00:31:34.953588", "last_used": "never", "type": "API", "credential_type": "bedrock_api"}, ' +
      '"default": {"created": "2025-09-30T21:10:05.000123", "last_used": "2025-10-01T07:24:41.224466", "type": "Max"}}, "active": "default"}',
  );
});
afterAll(() => home.cleanup());

const cuti = (...args: string[]) => runInProcess(['claude', ...args], { env: home.env });

/** Text lines inside a panel, without its borders. */
const panelBody = (stdout: string) =>
  stdout
    .replace(/\n$/, '')
    .split('\n')
    .slice(1, -1)
    .map((line) => line.slice(2, -2).trimEnd());

describe('cuti claude info', () => {
  it('shows everything about an API account, secrets masked (spec example)', async () => {
    const result = await cuti('info', 'api-prod');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')[0]).toMatch(/^╭─+ Account: api-prod ─+╮$/);
    expect(panelBody(result.stdout)).toEqual([
      'Name: api-prod',
      'Type: API (Anthropic+Bedrock)',
      'Created: 2025-10-01T00:31:34.953588',
      'Last Used: never',
      'Has Credentials: Yes',
      'Active: No',
      '',
      'Anthropic API key:',
      '  Created: 2025-10-01T00:31:34.953588',
      '  API Key: sk-ant-a...fXYZ',
      '',
      'Bedrock API key:',
      '  Created: 2025-10-01T00:35:02.123456',
      '  Auth Method: access_keys',
      '  Region: us-east-1',
      '  Model ID: anthropic.claude-3-5-sonnet-20241022-v2:0',
      '  Access Key ID: AKIAFAKE...',
      '  Secret Access Key: ***',
      '',
      'Reveal a key with: cuti claude show-api-key <account> --provider <p> --show-secret',
      '',
      `Path: ${join(home.accountsRoot, 'api-prod')}`,
    ]);
  });

  it('shows a Claude Code login: subscription, email, active, last use', async () => {
    const result = await cuti('info', 'default');
    expect(result.code).toBe(0);
    expect(panelBody(result.stdout)).toEqual([
      'Name: default',
      'Type: Max',
      'Created: 2025-09-30T21:10:05.000123',
      'Last Used: 2025-10-01T07:24:41.224466',
      'Has Credentials: Yes',
      'Active: Yes',
      'Subscription: Max',
      'Email: dev@example.com',
      '',
      `Path: ${join(home.accountsRoot, 'default')}`,
    ]);
  });
});

describe('cuti claude info of an account whose key file does not parse', () => {
  it('does not call its credentials usable, and names the file', async () => {
    mkdirSync(join(home.accountsRoot, 'broken'), { recursive: true, mode: 0o700 });
    writeFileSync(join(home.accountsRoot, 'broken', '.api_keys.json'), '{bad', { mode: 0o600 });
    const result = await cuti('info', 'broken');
    expect(result.code).toBe(0);
    expect(panelBody(result.stdout)).toContain('Has Credentials: Yes, but they cannot be read (see the warning)');
    expect(result.stderr).toContain(`${join(home.accountsRoot, 'broken', '.api_keys.json')}: not valid JSON`);
    expect(panelBody((await cuti('info', 'api-prod')).stdout)).toContain('Has Credentials: Yes');
  });
});
