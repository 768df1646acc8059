import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes accounts in the original tool's layout directly (accounts.json entry, 0700
 * directory, 0600 `.api_keys.json` / `.credentials.json`): for credential forms the CLI
 * may not create, and for many accounts at once without a process per account.
 */
export function seedAccount(
  accountsRoot: string,
  name: string,
  files: { apiKeys?: Record<string, unknown>; credentials?: Record<string, unknown> },
  options: { active?: boolean } = {},
): void {
  mkdirSync(join(accountsRoot, name), { recursive: true, mode: 0o700 });
  if (files.apiKeys) writeFileSync(join(accountsRoot, name, '.api_keys.json'), JSON.stringify(files.apiKeys, null, 2), { mode: 0o600 });
  if (files.credentials) writeFileSync(join(accountsRoot, name, '.credentials.json'), JSON.stringify(files.credentials, null, 2), { mode: 0o600 });
  const metaPath = join(accountsRoot, 'accounts.json');
  let meta: { accounts: Record<string, unknown>; active: string | null } = { accounts: {}, active: null };
  try {
    meta = JSON.parse(readFileSync(metaPath, 'utf8')) as typeof meta;
  } catch {
    // First account.
  }
  meta.accounts[name] = { created: '2026-01-01T00:00:00.000000', last_used: 'never', type: files.credentials ? 'Max' : 'API' };
  if (options.active) meta.active = name;
  writeFileSync(metaPath, JSON.stringify(meta, null, 2), { mode: 0o600 });
}

export const anthropicEntry = (apiKey: string) => ({ anthropic: { api_key: apiKey, provider: 'anthropic', created: '2026-01-01T00:00:00.000000' } });

export const bedrockEntry = (fields: Record<string, string>) => ({
  bedrock: { region: 'us-east-1', provider: 'bedrock', created: '2026-01-01T00:00:00.000000', ...fields },
});
