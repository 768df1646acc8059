import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { textWidth } from '../../src/domain/text-width.js';
import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { tableCells, writePythonJson } from '../helpers/cli-expect.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';

// The spec's `cuti claude list` example, verbatim.
const SPEC_TABLE = `                               Claude Accounts                                
╭──────────────┬─────────────────┬────────────┬──────────────────┬───────────╮
│ Name         │ Type            │ Created    │ Last Used        │ Status    │
├──────────────┼─────────────────┼────────────┼──────────────────┼───────────┤
│ api-prod     │ API (Anthropic) │ 2025-10-01 │ never            │           │
│ bedrock-us   │ API (Bedrock)   │ 2025-10-01 │ never            │           │
│ default      │ Max             │ 2025-09-30 │ 2025-10-01 07:24 │ 🟢 Active │
╰──────────────┴─────────────────┴────────────┴──────────────────┴───────────╯`;

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => home.cleanup());

const cuti = (...args: string[]) => runInProcess(['claude', ...args], { env: home.env });

/** The spec example's three accounts, in files as the original tool writes them. */
function seedSpecAccounts() {
  const root = home.accountsRoot;
  writePythonJson(
    join(root, 'api-prod', '.api_keys.json'),
    `{"anthropic": {"api_key": "${SECRETS.anthropicKey}", "provider": "anthropic", "created": "2025-10-01T00:31:34.953588"}}`,
  );
  writePythonJson(
    join(root, 'bedrock-us', '.api_keys.json'),
    `{"bedrock": {"model_id": "anthropic.claude-3-5-sonnet-20241022-v2:0", "region": "us-east-1", "access_key_id": "${SECRETS.accessKeyId}", "secret_access_key": "${SECRETS.secretAccessKey}", "provider": "bedrock", "created": "2025-10-01T00:31:55.556156"}}`,
  );
  writePythonJson(
    join(root, 'default', '.credentials.json'),
    `{"claudeAiOauth": {"accessToken": "${SECRETS.oauthAccessToken}", "refreshToken": "${SECRETS.oauthRefreshToken}", "expiresAt": 1759312800000, "scopes": ["user:inference"], "subscriptionType": "max"}}`,
  );
  writePythonJson(join(root, 'default', '.claude.json'), '{"numStartups": 12}');
  writePythonJson(join(root, 'default', 'settings.json'), '{"model": "opus"}');
  writePythonJson(
    join(root, 'accounts.json'),
    '{"accounts": {' +
      '"default": {"created": "2025-09-30T21:10:05.000123", "last_used": "2025-10-01T07:24:41.224466", "type": "Max"}, ' +
      '"api-prod": {"created": "2025-10-01T00:31:34.953588", "last_used": "never", "type": "API", "credential_type": "anthropic_api"}, ' +
      '"bedrock-us": {"created": "2025-10-01T00:31:55.556156", "last_used": "never", "type": "API", "credential_type": "bedrock_api"}}, ' +
      '"active": "default", "last_updated": "2025-10-01T07:24:41.224466"}',
  );
}

/** Checks the box drawing of a table and returns its header and body rows as cells. */
function parseTable(text: string): { title: string; header: string[]; rows: string[][] } {
  const lines = text.split('\n');
  const width = textWidth(lines[1]!);
  for (const line of lines) expect(textWidth(line)).toBe(width);
  expect(lines[1]).toMatch(/^╭[─┬]+╮$/);
  expect(lines[3]).toMatch(/^├[─┼]+┤$/);
  expect(lines.at(-1)).toMatch(/^╰[─┴]+╯$/);
  // Column separators line up on every row.
  const columns = (line: string) => [...line].flatMap((ch, i) => ('┬┼┴│'.includes(ch) ? [i] : []));
  expect(columns(lines[2]!).slice(1, -1)).toEqual(columns(lines[1]!));
  return {
    title: lines[0]!.trim(),
    header: tableCells(lines[2]!),
    rows: lines.slice(4, -1).map(tableCells),
  };
}

describe('cuti claude list', () => {
  it('shows the spec example: types, dates, last use and the active account', async () => {
    seedSpecAccounts();
    const before = snapshotTree(home.home);
    const result = await cuti('list');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');

    const [table, footer] = result.stdout.split('\n\n');
    const ours = parseTable(table!);
    const spec = parseTable(SPEC_TABLE);
    expect(ours).toEqual(spec);
    // The title is centred over the table, as in the spec.
    const titleLine = table!.split('\n')[0]!;
    const lead = titleLine.length - titleLine.trimStart().length;
    const trail = textWidth(titleLine) - lead - 'Claude Accounts'.length;
    expect(Math.abs(lead - trail)).toBeLessThanOrEqual(1);
    expect(footer).toBe('Active Account: default\n');
    // Listing reads; it changes nothing, not even the OAuth login's files.
    expect(snapshotTree(home.home)).toEqual(before);
  });

  it('lists accounts added by add-api-key, with no active account', async () => {
    expect((await cuti('add-api-key', 'dev', '--api-key', SECRETS.anthropicKey)).code).toBe(0);
    expect((await cuti('add-api-key', 'prod', '-k', SECRETS.anthropicKey2)).code).toBe(0);
    const result = await cuti('list');
    expect(result.code).toBe(0);
    const [table, ...rest] = result.stdout.split('\n\n');
    const parsed = parseTable(table!);
    expect(parsed.header).toEqual(['Name', 'Type', 'Created', 'Last Used', 'Status']);
    const today = /^\d{4}-\d{2}-\d{2}$/;
    expect(parsed.rows.map((r) => [r[0], r[1], today.test(r[2]!), r[3], r[4]])).toEqual([
      ['dev', 'API (Anthropic)', true, 'never', ''],
      ['prod', 'API (Anthropic)', true, 'never', ''],
    ]);
    expect(rest.join('\n\n')).toBe("No active account\nUse 'cuti claude use <account>' to activate an account\n");
  });

  it('shows an account holding both providers as such', async () => {
    await cuti('add-api-key', 'multi', '-k', SECRETS.anthropicKey);
    await cuti(
      'add-api-key', 'multi', '-k', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '-p', 'bedrock', '-r', 'us-east-1',
      '--access-key', SECRETS.accessKeyId, '--secret-key', SECRETS.secretAccessKey,
    );
    const rows = parseTable((await cuti('list')).stdout.split('\n\n')[0]!).rows;
    expect(rows.map((r) => r[1])).toEqual(['API (Anthropic+Bedrock)']);
  });

  it('marks an empty account directory, and hides backups with a note', async () => {
    mkdirSync(join(home.accountsRoot, 'empty'), { recursive: true });
    writePythonJson(join(home.accountsRoot, 'backup_20251001_120000', '.credentials.json'), '{"claudeAiOauth": {"subscriptionType": "pro"}}');
    const result = await cuti('list');
    expect(result.code).toBe(0);
    const [table, note] = result.stdout.split('\n\n');
    expect(parseTable(table!).rows).toEqual([['empty', 'unknown', 'unknown', 'never', '⚠️  No Credentials']]);
    expect(note).toBe('Note: 1 backup account(s) hidden. Use --backups to show them.');

    const all = await cuti('list', '--backups');
    expect(parseTable(all.stdout.split('\n\n')[0]!).rows.map((r) => [r[0], r[1]])).toEqual([
      ['backup_20251001_120000', 'Pro'],
      ['empty', 'unknown'],
    ]);
  });

  it('says how to start when there are no accounts, without creating anything', async () => {
    const result = await cuti('list');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('No Claude accounts found.');
    expect(result.stdout).toContain('cuti claude add-api-key <account>  (asks for the key)');
    // A hint never suggests putting a key on the command line.
    expect(result.stdout).not.toContain('--api-key');
    expect(snapshotTree(home.cutiHome)).toEqual({});
  });
});
