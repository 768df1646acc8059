import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { SECRETS } from '../helpers/secrets.js';

/*
 * Reading is tolerant where writing is strict: one odd value in one account's entry
 * (from a hand edit or another tool) is a warning on that account, every other account
 * stays usable, and the odd value is written back exactly as it was.
 */

let t: TempHome;
const metaFile = () => join(t.accountsRoot, 'accounts.json');

beforeEach(() => {
  t = makeTempHome();
  for (const name of ['odd', 'good', 'weird']) {
    mkdirSync(join(t.accountsRoot, name), { recursive: true, mode: 0o700 });
    writeFileSync(
      join(t.accountsRoot, name, '.api_keys.json'),
      JSON.stringify({ anthropic: { api_key: SECRETS.anthropicKey, provider: 'anthropic', created: '2025-10-01T00:31:34.953588' } }, null, 2),
      { mode: 0o600 },
    );
  }
  // Python's json.dumps(indent=2) layout, as the original writes it.
  writeFileSync(
    metaFile(),
    `{
  "accounts": {
    "odd": {
      "created": "2025-10-01T00:31:34.953588",
      "last_used": null,
      "type": 5,
      "credential_type": "anthropic_api",
      "note": [1.5, {"x": null}]
    },
    "good": {
      "created": "2025-10-01T00:31:34.953588",
      "last_used": "never",
      "type": "API",
      "credential_type": "anthropic_api"
    },
    "weird": 7
  },
  "active": null,
  "last_updated": "2025-10-01T00:31:34.953588"
}`,
    { mode: 0o600 },
  );
});
afterEach(() => t.cleanup());

const meta = () => JSON.parse(readFileSync(metaFile(), 'utf8')) as { accounts: Record<string, unknown>; active: string | null };

describe('one odd value in one account', () => {
  it('list shows every account and names the odd fields in a warning', async () => {
    const r = await runCli(['claude', 'list'], { env: t.env });
    expect(r.code, r.stderr).toBe(0);
    for (const name of ['odd', 'good', 'weird']) expect(r.stdout).toContain(name);
    expect(r.stderr).toContain("account 'odd' has an unexpected null in 'last_used'");
    expect(r.stderr).toContain("account 'odd' has an unexpected number in 'type'");
    expect(r.stderr).toContain("the entry for account 'weird' is not an object");
    expect(r.stderr).not.toContain("'good'");
  });

  it('the other accounts stay usable, and writes keep the odd values exactly', async () => {
    const oddBefore = meta().accounts.odd;
    for (const args of [['show-api-key', 'good'], ['info', 'odd'], ['use', 'good']]) {
      const r = await runCli(['claude', ...args], { env: t.env });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    const add = await runCli(['claude', 'add-api-key', 'fresh', '-k', '-'], { env: t.env, input: SECRETS.anthropicKey2 });
    expect(add.code, add.stderr).toBe(0);
    const after = meta();
    expect(after.active).toBe('good');
    expect(after.accounts.odd).toEqual(oddBefore);
    expect(after.accounts.weird).toBe(7);
    const text = readFileSync(metaFile(), 'utf8');
    expect(text).toContain('"last_used": null,\n      "type": 5,');
    expect(text).toContain('"note": [\n        1.5,\n        {\n          "x": null\n        }\n      ]');
  });

  it('a write that would lose the odd entry is refused, and changes nothing', async () => {
    const before = readFileSync(metaFile(), 'utf8');
    const r = await runCli(['claude', 'use', 'weird'], { env: t.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the entry for account 'weird' is not an object");
    expect(readFileSync(metaFile(), 'utf8')).toBe(before);
  });
});
