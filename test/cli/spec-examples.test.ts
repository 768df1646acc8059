import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { tableCells } from '../helpers/cli-expect.js';
import { SECRETS } from '../helpers/secrets.js';

/**
 * The spec's examples run one after another in one fresh home, as a new user would
 * type them (with the fake secrets in place of the spec's placeholders).
 */
const MODEL = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
const KEY = SECRETS.anthropicKey;
const bedrock = (account: string, region: string, accessKey: string, secret: string) => [
  'add-api-key', account, '--api-key', MODEL, '--provider', 'bedrock', '--region', region,
  '--access-key', accessKey, '--secret-key', secret,
];

let home: TempHome;
beforeAll(() => {
  home = makeTempHome();
});
afterAll(() => home.cleanup());

async function cuti(args: string[], revealsSecrets = false) {
  const result = await runInProcess(['claude', ...args], { env: home.env, revealsSecrets });
  expect(result.stderr.split('\n').filter((l) => l.startsWith('✗'))).toEqual([]);
  expect(result.code).toBe(0);
  return result.stdout;
}

const masked = 'sk-ant-a...fXYZ';

describe('the spec, example by example', () => {
  it('Quick Start: adding an Anthropic API key', async () => {
    expect(await cuti(['add-api-key', 'my-api-account', '--api-key', KEY, '--provider', 'anthropic'])).toContain(
      '✓ Added anthropic API key to account: my-api-account',
    );
    expect(await cuti(['list-api-keys', 'my-api-account'])).toMatch(
      /^API Keys for account: my-api-account\n\n {2}• anthropic - Added: \d{4}-\d{2}-\d{2} \d{2}:\d{2}\n$/,
    );
    expect(await cuti(['show-api-key', 'my-api-account', '--provider', 'anthropic'])).toContain(`│ API Key: ${masked} `);
  });

  it('Quick Start: adding AWS Bedrock credentials', async () => {
    await cuti(bedrock('bedrock-prod', 'us-east-1', SECRETS.accessKeyId, SECRETS.secretAccessKey));
    const shown = await cuti(['show-api-key', 'bedrock-prod', '--provider', 'bedrock']);
    expect(shown).toContain('│ Access Key ID: AKIAFAKE... ');
    expect(shown).toContain('│ Secret Access Key: *** ');
  });

  it('Commands: add-api-key, show-api-key (masked and --show-secret)', async () => {
    await cuti(['add-api-key', 'prod-api', '--api-key', KEY]);
    await cuti(bedrock('bedrock-us', 'us-east-1', SECRETS.accessKeyId, SECRETS.secretAccessKey));
    expect(await cuti(['show-api-key', 'prod-api'])).toContain('│ Use --show-secret to reveal full credentials ');
    expect(await cuti(['show-api-key', 'prod-api', '--show-secret'], true)).toContain(`│ API Key: ${KEY} `);
  });

  it('Multiple providers per account, then delete-api-key with --force', async () => {
    await cuti(['add-api-key', 'multi', '--api-key', KEY]);
    await cuti(bedrock('multi', 'us-east-1', 'AKIATEST', SECRETS.secretAccessKey));
    expect(await cuti(['list-api-keys', 'multi'])).toMatch(/• anthropic - Added: .*\n {2}• bedrock - Added: /);

    await cuti(['add-api-key', 'old-account', '--api-key', KEY]);
    await cuti(bedrock('old-account', 'us-east-1', SECRETS.accessKeyId, SECRETS.secretAccessKey));
    expect(await cuti(['delete-api-key', 'old-account', '--provider', 'bedrock', '--force'])).toBe(
      '✓ Deleted bedrock API key from account: old-account\n',
    );
  });

  it('Best practices, use cases: dev/prod, multi-region Bedrock, team sharing', async () => {
    for (const account of ['dev-api', 'prod-api', 'dev', 'prod', 'alice', 'bob']) {
      await cuti(['add-api-key', account, '--api-key', SECRETS.anthropicKey2]);
    }
    await cuti(bedrock('bedrock-us-east', 'us-east-1', 'AKIAEAST', SECRETS.secretAccessKey));
    await cuti(bedrock('bedrock-eu-west', 'eu-west-1', 'AKIAWEST', SECRETS.secretAccessKey2));
    expect(await cuti(['show-api-key', 'dev'])).toContain('│ API Key: sk-ant-a...uQRS ');
    expect(await cuti(['show-api-key', 'alice'])).toContain('Anthropic API Key - alice');
    expect(await cuti(['show-api-key', 'bedrock-eu-west', '-p', 'bedrock'])).toContain('│ Region: eu-west-1 ');
  });

  it('Account management: list shows every account with its type; info one of them', async () => {
    const table = (await cuti(['list'])).split('\n\n')[0]!.split('\n');
    const rows = table.slice(4, -1).map(tableCells);
    expect(rows.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ['alice', 'API (Anthropic)', 'never', ''],
      ['bedrock-eu-west', 'API (Bedrock)', 'never', ''],
      ['bedrock-prod', 'API (Bedrock)', 'never', ''],
      ['bedrock-us', 'API (Bedrock)', 'never', ''],
      ['bedrock-us-east', 'API (Bedrock)', 'never', ''],
      ['bob', 'API (Anthropic)', 'never', ''],
      ['dev', 'API (Anthropic)', 'never', ''],
      ['dev-api', 'API (Anthropic)', 'never', ''],
      ['multi', 'API (Anthropic+Bedrock)', 'never', ''],
      ['my-api-account', 'API (Anthropic)', 'never', ''],
      ['old-account', 'API (Anthropic)', 'never', ''],
      ['prod', 'API (Anthropic)', 'never', ''],
      ['prod-api', 'API (Anthropic)', 'never', ''],
    ]);
    const info = await cuti(['info', 'prod-api']);
    expect(info).toContain('│ Name: prod-api ');
    expect(info).toContain('│ Type: API (Anthropic) ');
  });

  it('Directory structure and security: the layout and modes of the spec', () => {
    const root = home.accountsRoot;
    expect(statSync(root).mode & 0o777).toBe(0o700);
    for (const account of ['my-api-account', 'bedrock-prod', 'multi', 'alice']) {
      expect(statSync(join(root, account)).mode & 0o777).toBe(0o700);
      expect(statSync(join(root, account, '.api_keys.json')).mode & 0o777).toBe(0o600);
    }
    const doc = JSON.parse(readFileSync(join(root, 'bedrock-prod', '.api_keys.json'), 'utf8')) as Record<string, object>;
    expect(Object.keys(doc.bedrock!)).toEqual([
      'model_id', 'region', 'access_key_id', 'secret_access_key', 'provider', 'auth_method', 'created',
    ]);
  });
});
