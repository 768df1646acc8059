import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { textWidth } from '../../src/domain/text-width.js';
import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { writePythonJson } from '../helpers/cli-expect.js';
import { SECRETS } from '../helpers/secrets.js';

let home: TempHome;
beforeAll(() => {
  home = makeTempHome();
  // Files as the original tool writes them, with the spec's timestamps.
  writePythonJson(
    join(home.accountsRoot, 'prod-api', '.api_keys.json'),
    `{"anthropic": {"api_key": "${SECRETS.anthropicKey}", "provider": "anthropic", "created": "2025-10-01T00:31:34.953588"}}`,
  );
  writePythonJson(
    join(home.accountsRoot, 'bedrock-prod', '.api_keys.json'),
    `{"bedrock": {"model_id": "anthropic.claude-3-5-sonnet-20241022-v2:0", "region": "us-east-1", "access_key_id": "${SECRETS.accessKeyId}", "secret_access_key": "${SECRETS.secretAccessKey}", "provider": "bedrock", "created": "2025-10-01T00:31:55.556156"}}`,
  );
});
afterAll(() => home.cleanup());

const cuti = (args: string[], revealsSecrets = false) => runInProcess(['claude', ...args], { env: home.env, revealsSecrets });

/** The spec's panel: 80 columns, rounded corners, title centred in the top border. */
function expectPanel(stdout: string, title: string, body: string[]) {
  const lines = stdout.replace(/\n$/, '').split('\n');
  const width = Math.max(80, ...body.map((l) => textWidth(l) + 4));
  for (const line of lines) expect(textWidth(line)).toBe(width);
  const top = lines[0]!;
  expect(top).toMatch(new RegExp(`^╭─+ ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ─+╮$`));
  const [left, right] = top.slice(1, -1).split(` ${title} `).map((dashes) => dashes.length);
  expect(Math.abs(left! - right!)).toBeLessThanOrEqual(1);
  expect(lines.slice(1, -1)).toEqual(body.map((text) => `│ ${text.padEnd(width - 4)} │`));
  expect(lines.at(-1)).toBe(`╰${'─'.repeat(width - 2)}╯`);
}

describe('cuti claude show-api-key', () => {
  it('shows an Anthropic key masked, in the spec panel (default provider)', async () => {
    const result = await cuti(['show-api-key', 'prod-api']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expectPanel(result.stdout, 'Anthropic API Key - prod-api', [
      'Provider: anthropic',
      'Created: 2025-10-01T00:31:34.953588',
      'API Key: sk-ant-a...fXYZ',
      '',
      'Use --show-secret to reveal full credentials',
    ]);
  });

  it('takes the provider as --provider or -p', async () => {
    const long = await cuti(['show-api-key', 'prod-api', '--provider', 'anthropic']);
    const short = await cuti(['show-api-key', 'prod-api', '-p', 'anthropic']);
    const implicit = await cuti(['show-api-key', 'prod-api']);
    expect(long.stdout).toBe(implicit.stdout);
    expect(short.stdout).toBe(implicit.stdout);
  });

  it('reveals the full key with --show-secret, unwrapped, and drops the hint', async () => {
    const result = await cuti(['show-api-key', 'prod-api', '--show-secret'], true);
    expect(result.code).toBe(0);
    expectPanel(result.stdout, 'Anthropic API Key - prod-api', [
      'Provider: anthropic',
      'Created: 2025-10-01T00:31:34.953588',
      `API Key: ${SECRETS.anthropicKey}`,
    ]);
  });

  it('shows Bedrock credentials masked (spec example)', async () => {
    const result = await cuti(['show-api-key', 'bedrock-prod', '--provider', 'bedrock']);
    expect(result.code).toBe(0);
    expectPanel(result.stdout, 'Bedrock API Key - bedrock-prod', [
      'Provider: bedrock',
      'Created: 2025-10-01T00:31:55.556156',
      'Auth Method: access_keys',
      'Region: us-east-1',
      'Model ID: anthropic.claude-3-5-sonnet-20241022-v2:0',
      'Access Key ID: AKIAFAKE...',
      'Secret Access Key: ***',
      '',
      'Use --show-secret to reveal full credentials',
    ]);
  });

  it('reveals Bedrock credentials with --show-secret', async () => {
    const result = await cuti(['show-api-key', 'bedrock-prod', '-p', 'bedrock', '--show-secret'], true);
    expect(result.stdout).toContain(`│ Access Key ID: ${SECRETS.accessKeyId} `);
    expect(result.stdout).toContain(`│ Secret Access Key: ${SECRETS.secretAccessKey} `);
    expect(result.stdout).not.toContain('Use --show-secret');
  });

  it('shows a key that was just added with the add-api-key command', async () => {
    const added = await cuti(['add-api-key', 'dev', '--api-key', SECRETS.anthropicKey2]);
    expect(added.code).toBe(0);
    const result = await cuti(['show-api-key', 'dev']);
    expect(result.stdout).toContain('│ API Key: sk-ant-a...uQRS ');
    expect(result.stdout).toMatch(/│ Created: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})? /);
  });

  it('warns about a key file others can read, and still shows it', async () => {
    const { chmodSync } = await import('node:fs');
    const path = join(home.accountsRoot, 'prod-api', '.api_keys.json');
    chmodSync(path, 0o644);
    try {
      const result = await cuti(['show-api-key', 'prod-api']);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(`⚠  ${path} is accessible by others (mode 0644); fix with: chmod 600 ${path}\n`);
    } finally {
      chmodSync(path, 0o600);
    }
  });
});
