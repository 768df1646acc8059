import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { lookalikeKey, validateAccountName } from '../../src/domain/validation.js';
import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';

/*
 * Names cannot mislead (two accounts that look the same in every listing) or break the
 * store (prototype names in accounts.json), and the original tool's accounts, whose
 * names cuti would not create today, stay usable without opening a path out of the store.
 */

let t: TempHome;
beforeEach(() => {
  t = makeTempHome();
});
afterEach(() => t.cleanup());

const add = (name: string) => runCli(['claude', 'add-api-key', name, '-k', '-'], { env: t.env, input: SECRETS.anthropicKey });
const meta = () => JSON.parse(readFileSync(join(t.accountsRoot, 'accounts.json'), 'utf8')) as { accounts: Record<string, Record<string, string>>; active: string | null };
const tree = () => JSON.stringify(snapshotTree(t.home));

describe('names that only look different are refused at creation', () => {
  const invisible = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\u180e', '\u034f', '\u{e0041}', '\u061c', '\u200e', '\u00a0', '\u3000', '\ufeff', '\u3164'];

  it.each(invisible.map((ch) => [`U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`, ch]))('%s inside a name', async (_label, ch) => {
    expect((await add('work')).code).toBe(0);
    const before = tree();
    const r = await add(`wo${ch}rk`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invisible or look-alike character|control characters/);
    // The message shows the difference: the character as an escape, never raw.
    expect(r.stderr).not.toContain(ch);
    expect(tree()).toBe(before);
  });

  it('NFD (decomposed) is refused; NFC is accepted, and its NFD twin cannot follow', async () => {
    const nfc = 'caf\u00e9';
    const nfd = 'cafe\u0301';
    const decomposed = await add(nfd);
    expect(decomposed.code).toBe(1);
    expect(decomposed.stderr).toContain('not in composed Unicode form (NFC)');
    expect((await add(nfc)).code).toBe(0);
    expect(readdirSync(t.accountsRoot).filter((n) => n !== 'accounts.json')).toEqual([nfc]);
  });

  it('a name that differs only in case or in width from an existing one', async () => {
    expect((await add('work')).code).toBe(0);
    for (const twin of ['Work', 'WORK', '\uff57\uff4f\uff52\uff4b']) {
      const r = await add(twin);
      expect(r.code, twin).toBe(1);
      expect(r.stderr).toContain("looks the same as the existing account 'work'");
    }
    // Adding to the existing account itself is of course fine.
    expect((await add('work')).code).toBe(0);
  });

  it('a name spelt with Cyrillic or Greek letters that look Latin (homoglyphs)', async () => {
    expect((await add('paypal')).code).toBe(0);
    const before = tree();
    // Cyrillic р, а, у (mixed into Latin) and Greek ο in 'paypal'-like and 'work'-like names.
    for (const twin of ['p\u0430ypal', '\u0440\u0430\u0443\u0440\u0430l', 'PAYP\u0391L']) {
      const r = await add(twin);
      expect(r.code, twin).toBe(1);
      expect(r.stderr).toContain("looks the same as the existing account 'paypal'");
    }
    expect(tree()).toBe(before);
    // Cyrillic and Greek names of their own stay welcome.
    expect((await add('\u0440\u0430\u0431\u043e\u0442\u0430')).code).toBe(0);
    expect((await add('\u03b1\u03b8\u03ae\u03bd\u03b1')).code).toBe(0);
  });

  it('lookalikeKey folds what a listing cannot tell apart', () => {
    expect(lookalikeKey('W\u200bork')).toBe('work');
    expect(lookalikeKey('cafe\u0301')).toBe(lookalikeKey('caf\u00e9'));
    expect(() => validateAccountName('a\u2066b')).toThrow();
    expect(() => validateAccountName('team 😀 中文')).not.toThrow();
  });
});

describe('prototype names', () => {
  it('__proto__, constructor and toString are stored, listed, used and deleted like any name', async () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    for (const name of names) expect((await add(name)).code).toBe(0);
    expect(Object.keys(meta().accounts).sort()).toEqual([...names].sort());
    for (const name of names) expect(meta().accounts[name]?.credential_type).toBe('anthropic_api');

    const list = await runCli(['claude', 'list', '--json'], { env: t.env });
    const listed = (JSON.parse(list.stdout) as { accounts: Array<{ name: string; type: string }> }).accounts;
    expect(listed.map((a) => [a.name, a.type])).toEqual([...names].sort().map((n) => [n, 'API (Anthropic)']));

    expect((await runCli(['claude', 'use', '__proto__'], { env: t.env })).code).toBe(0);
    expect(meta().active).toBe('__proto__');
    expect(meta().accounts.__proto__?.last_used).not.toBe('never');
    expect((await runCli(['claude', 'delete', 'constructor', '--force'], { env: t.env })).code).toBe(0);
    expect(Object.keys(meta().accounts).sort()).toEqual(['__proto__', 'hasOwnProperty', 'toString']);
  });

  it('a store whose accounts.json holds a __proto__ entry written by another tool keeps it', async () => {
    mkdirSync(join(t.accountsRoot, '__proto__'), { recursive: true, mode: 0o700 });
    writeFileSync(
      join(t.accountsRoot, 'accounts.json'),
      '{\n  "accounts": {\n    "__proto__": {\n      "created": "2025-01-01T00:00:00.000000",\n      "last_used": "never",\n      "type": "Max"\n    }\n  },\n  "active": null\n}',
      { mode: 0o600 },
    );
    expect((await add('other')).code).toBe(0);
    expect(meta().accounts.__proto__).toEqual({ created: '2025-01-01T00:00:00.000000', last_used: 'never', type: 'Max' });
  });
});

describe("the original tool's names", () => {
  const LEGACY = ['a..b', 'trailing ', 'x'.repeat(70), 'team (old)'];

  beforeEach(() => {
    // As the original leaves them: a directory, its key file, an accounts.json entry.
    const accounts: Record<string, unknown> = {};
    for (const name of LEGACY) {
      mkdirSync(join(t.accountsRoot, name), { recursive: true, mode: 0o700 });
      writeFileSync(join(t.accountsRoot, name, '.api_keys.json'), JSON.stringify({ anthropic: { api_key: SECRETS.anthropicKey2, provider: 'anthropic', created: '2025-10-01T00:31:34.953588' } }, null, 2), { mode: 0o600 });
      accounts[name] = { created: '2025-10-01T00:31:34.953588', last_used: 'never', type: 'API', credential_type: 'anthropic_api' };
    }
    writeFileSync(join(t.accountsRoot, 'accounts.json'), JSON.stringify({ accounts, active: null }, null, 2), { mode: 0o600 });
  });

  it.each(LEGACY.map((n) => [JSON.stringify(n), n]))('%s can be shown, used and deleted', async (_label, name) => {
    const list = await runCli(['claude', 'list', '--json'], { env: t.env });
    expect((JSON.parse(list.stdout) as { accounts: Array<{ name: string }> }).accounts.map((a) => a.name)).toContain(name);
    for (const args of [['info', name], ['show-api-key', name], ['list-api-keys', name], ['use', name]]) {
      const r = await runCli(['claude', ...args], { env: t.env });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    expect(meta().active).toBe(name);
    const env = await runCli(['claude', 'env', name, '--export'], { env: t.env, revealsSecrets: true });
    expect(env.stdout).toContain(SECRETS.anthropicKey2);
    // Adding a key to it works too; the name is only strict for a new account.
    expect((await add(name)).code).toBe(0);
    const deleted = await runCli(['claude', 'delete', name, '--force'], { env: t.env });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(existsSync(join(t.accountsRoot, name))).toBe(false);
    expect(Object.keys(meta().accounts)).not.toContain(name);
  });

  it('a new account with such a name is still refused', async () => {
    for (const name of ['c..d', 'new ', 'y'.repeat(70)]) expect((await add(name)).code, name).toBe(1);
  });

  it('no name addresses anything outside the store', async () => {
    mkdirSync(join(t.home, 'outside'), { mode: 0o700 });
    writeFileSync(join(t.home, 'outside', '.api_keys.json'), '{"anthropic": {"api_key": "x"}}', { mode: 0o600 });
    const before = tree();
    for (const name of ['..', '.', '../outside', '../../outside', 'a/../../outside', '/etc', '.hidden', 'accounts.json', 'x.lock', 'a\\b']) {
      for (const args of [['delete', name, '--force'], ['show-api-key', name], ['info', name], ['use', name]]) {
        const r = await runCli(['claude', ...args], { env: t.env });
        expect(r.code, `${args.join(' ')}`).not.toBe(0);
      }
    }
    expect(tree()).toBe(before);
  });
});

describe('list -v / --verbose, as the original accepts them', () => {
  it('prints the same table', async () => {
    expect((await add('work')).code).toBe(0);
    const plain = await runCli(['claude', 'list'], { env: t.env });
    for (const flag of ['-v', '--verbose']) {
      const r = await runCli(['claude', 'list', flag], { env: t.env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(plain.stdout);
    }
  });
});
