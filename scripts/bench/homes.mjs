// Throw-away CUTI_HOMEs filled with many accounts, written straight to disk in the layout
// cuti (and the original tool) reads: adding 10,000 accounts through the CLI would take minutes.
// Every key and token here is a placeholder; the homes live under the system temp folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CREATED = '2025-10-01T00:31:34.953588';

/** `bench-00000`, …: zero-padded so names sort the way cuti lists them. */
export const accountName = (i) => `bench-${String(i).padStart(5, '0')}`;

/** The kind of account `i` is; `i % 3` mixes all three through every home. */
export const kindOf = (i) => ['anthropic', 'bedrock', 'oauth'][i % 3];

/** The first Anthropic account, for `show-api-key` and `list-api-keys`. */
export const ANTHROPIC_ACCOUNT = accountName(0);

// Placeholders as long as the real thing (an Anthropic key is 108 characters, an AWS secret
// access key 40), so that documents weigh what real ones do: with keys a third of their
// length, `list` over 10 accounts measured 1 to 2 ms less CPU, which made the keychain
// store's references (longer than such keys) look slower than the file store.
const padded = (text, length) => text.padEnd(length, 'x');

/** Account `i`'s Anthropic key (placeholder) and Bedrock secret access key. */
export const anthropicKey = (i) => padded(`sk-ant-api03-bench-placeholder-${i}-`, 108);
const awsSecretKey = (i) => padded(`bench-placeholder-${i}-`, 40);

// Written as cuti writes them: JSON.stringify(doc, null, 2) is byte for byte what the original
// tool's json.dumps(indent=2) gives for ASCII text (no trailing newline), mode 0600.
const writeDoc = (path, doc) => writeFileSync(path, JSON.stringify(doc, null, 2), { mode: 0o600 });

// accounts.json entries, as cuti writes them (shapes as in src/storage/schemas.ts). A saved
// Claude Code login records the subscription as its type and no credential_type (saveLogin
// in claude-code-service.ts); `credential_type` values are CREDENTIAL_TYPE in src/domain/types.ts.
const ENTRIES = {
  anthropic: { created: CREATED, last_used: 'never', type: 'API', credential_type: 'anthropic_api' },
  bedrock: { created: CREATED, last_used: 'never', type: 'API', credential_type: 'bedrock_api' },
  oauth: { created: CREATED, last_used: 'never', type: 'Max' },
};

/** Account `i`'s own `.api_keys.json` (placeholders), or null for a saved login. */
function ownApiKeys(i) {
  const kind = kindOf(i);
  if (kind === 'anthropic') {
    return { anthropic: { api_key: anthropicKey(i), provider: 'anthropic', created: CREATED } };
  }
  if (kind === 'bedrock') {
    // Field order and names as AccountService.buildEntry writes them (the model id lives in `model_id`).
    return {
      bedrock: {
        model_id: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
        region: 'us-east-1',
        access_key_id: 'AKIABENCHPLACEHOLDER',
        secret_access_key: awsSecretKey(i),
        provider: 'bedrock',
        auth_method: 'access_keys',
        created: CREATED,
      },
    };
  }
  return null;
}

/**
 * The files of account `i`. `apiKeysText`, when given, is written as its `.api_keys.json`
 * in place of its own keys (the keychain homes copy documents a real move wrote).
 */
function writeAccount(root, i, apiKeysText) {
  const dir = join(root, accountName(i));
  mkdirSync(dir, { mode: 0o700 });
  const keys = ownApiKeys(i);
  if (keys !== null) {
    const path = join(dir, '.api_keys.json');
    if (apiKeysText === undefined) writeDoc(path, keys);
    else writeFileSync(path, apiKeysText, { mode: 0o600 });
    return;
  }
  // A saved Claude Code login, as `cuti claude save` leaves it.
  writeDoc(join(dir, '.credentials.json'), {
    claudeAiOauth: {
      accessToken: `sk-ant-oat01-bench-${i}`,
      refreshToken: `sk-ant-ort01-bench-${i}`,
      expiresAt: 1790000000000,
      scopes: ['user:inference'],
      subscriptionType: 'max',
    },
  });
  writeDoc(join(dir, '.claude.json'), { oauthAccount: { emailAddress: `bench-${i}@example.com` } });
}

/** accounts.json for accounts 0..count-1, `bench-00001` active (a Bedrock account) so the list marks one row. */
function writeMetadata(root, count) {
  const accounts = {};
  for (let i = 0; i < count; i += 1) accounts[accountName(i)] = ENTRIES[kindOf(i)];
  writeDoc(join(root, 'accounts.json'), { accounts, active: accountName(Math.min(1, count - 1)), last_updated: CREATED });
}

/**
 * Makes a home with `count` accounts. Returns { home, cutiHome, root, count, cleanup }; the
 * caller removes it (cleanup) in a `finally`, and bench.mjs also on SIGINT.
 */
export function makeHome(count) {
  const home = mkdtempSync(join(tmpdir(), `cuti-bench-${count}-`));
  const cutiHome = join(home, '.cuti');
  const root = join(cutiHome, 'claude-accounts');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  for (let i = 0; i < count; i += 1) writeAccount(root, i);
  writeMetadata(root, count);
  return { home, cutiHome, root, count, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/**
 * Grows `home` to `count` accounts: the new ones get `apiKeysOf(i)` as their `.api_keys.json`
 * text (accounts that keep a saved login instead get their own files), and accounts.json lists all.
 */
export function extendHome(home, count, apiKeysOf) {
  for (let i = home.count; i < count; i += 1) writeAccount(home.root, i, ownApiKeys(i) === null ? undefined : apiKeysOf(i));
  writeMetadata(home.root, count);
  home.count = count;
}

/**
 * `cuti claude list` once: exit 0, every name exactly once, nothing on stderr. A warning
 * on stderr would mean the generated files are not what cuti expects, so the bench stops.
 */
export function checkHome(cli, home, env) {
  const result = spawnSync(process.execPath, [cli, 'claude', 'list'], { env, encoding: 'utf8', maxBuffer: 256 << 20 });
  const problem = (what) => new Error(`sanity check of the ${home.count}-account home failed: ${what}`);
  if (result.status !== 0) throw problem(`cuti claude list exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  if (result.stderr !== '') throw problem(`cuti claude list wrote to stderr: ${result.stderr.slice(0, 500)}`);
  // Count the table rows only: the footer names the active account once more.
  const seen = new Map();
  const rows = result.stdout.split('\n').filter((line) => line.startsWith('│'));
  for (const match of rows.join('\n').matchAll(/\bbench-\d{5}\b/g)) seen.set(match[0], (seen.get(match[0]) ?? 0) + 1);
  for (let i = 0; i < home.count; i += 1) {
    const n = seen.get(accountName(i)) ?? 0;
    if (n !== 1) throw problem(`${accountName(i)} is listed ${n} times`);
  }
  if (seen.size !== home.count) throw problem(`${seen.size} names listed, expected ${home.count}`);
}
