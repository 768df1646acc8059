import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type CliResult, type TempHome } from '../helpers/cli.js';
import { SECRETS, variantOf } from '../helpers/secrets.js';
import { leftovers, modeProblems, parseJson } from './support.js';

/*
 * Many real cuti processes at once against one store. Without the per-file lock the
 * read-modify-write of `.api_keys.json` and `accounts.json` loses updates: two writers
 * read the same old document and the second rename drops the first one's change.
 */

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => home.cleanup());

const SHARED = 'shared-acct';
const anthropicKey = (i: number) => variantOf(SECRETS.anthropicKey, i);
const bedrockSecret = (i: number) => variantOf(SECRETS.secretAccessKey, i);

function addArgs(account: string, provider: 'anthropic' | 'bedrock', i: number): string[] {
  if (provider === 'anthropic') return ['claude', 'add-api-key', account, '--api-key', anthropicKey(i)];
  return [
    'claude', 'add-api-key', account, '--provider', 'bedrock',
    '--api-key', 'anthropic.claude-3-5-sonnet-20241022-v2:0', '--region', 'us-east-1',
    '--access-key', SECRETS.accessKeyId, '--secret-key', bedrockSecret(i),
  ];
}

type Doc = Record<string, Record<string, string>>;
const readKeys = (account: string) =>
  parseJson(readFileSync(join(home.accountsRoot, account, '.api_keys.json'), 'utf8')) as Doc;
const readMeta = () =>
  parseJson(readFileSync(join(home.accountsRoot, 'accounts.json'), 'utf8')) as { accounts: Record<string, unknown> };

function expectAllSucceeded(results: CliResult[]): void {
  const failures = results.filter((r) => r.code !== 0).map((r) => r.stderr.trim());
  expect(failures).toEqual([]);
}

function expectStoreIsClean(): void {
  expect(modeProblems(home.cutiHome)).toEqual([]);
  expect(leftovers(home.accountsRoot)).toEqual([]);
}

describe('100 concurrent add-api-key processes', () => {
  it('keeps every write: half on one account (alternating providers), half on distinct accounts', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0
          ? runCli(addArgs(SHARED, i % 4 === 0 ? 'anthropic' : 'bedrock', i), { env: home.env, timeoutMs: 60_000 })
          : runCli(addArgs(`acct-${i}`, 'anthropic', i), { env: home.env, timeoutMs: 60_000 }),
      ),
    );
    expectAllSucceeded(results);

    // Every distinct account holds exactly the key written to it.
    for (let i = 1; i < 100; i += 2) {
      expect(readKeys(`acct-${i}`)).toEqual({ anthropic: expect.objectContaining({ api_key: anthropicKey(i) }) as unknown });
    }
    // The shared account kept both providers, each with one of the values written to it.
    const shared = readKeys(SHARED);
    expect(Object.keys(shared).sort()).toEqual(['anthropic', 'bedrock']);
    const anthropicWritten = Array.from({ length: 25 }, (_, k) => anthropicKey(k * 4));
    const bedrockWritten = Array.from({ length: 25 }, (_, k) => bedrockSecret(k * 4 + 2));
    expect(anthropicWritten).toContain(shared.anthropic?.api_key);
    expect(bedrockWritten).toContain(shared.bedrock?.secret_access_key);

    // accounts.json lost no account either.
    const expected = [SHARED, ...Array.from({ length: 50 }, (_, k) => `acct-${k * 2 + 1}`)].sort();
    expect(Object.keys(readMeta().accounts).sort()).toEqual(expected);
    expectStoreIsClean();
    // How long 100 writers take is measured by the benchmark's lock waits, not asserted here.
  }, 90_000);

  it('adds racing deletes end in the only state both orders agree on', async () => {
    // Accounts "both-i" hold anthropic+bedrock; "solo-i" hold anthropic only.
    const N = 20;
    const setup = [];
    for (let i = 0; i < N; i++) {
      setup.push(runCli(addArgs(`both-${i}`, 'anthropic', 1000 + i), { env: home.env }));
      setup.push(runCli(addArgs(`solo-${i}`, 'anthropic', 2000 + i), { env: home.env }));
    }
    expectAllSucceeded(await Promise.all(setup));
    expectAllSucceeded(
      await Promise.all(Array.from({ length: N }, (_, i) => runCli(addArgs(`both-${i}`, 'bedrock', 3000 + i), { env: home.env }))),
    );

    const opts = { env: home.env, timeoutMs: 60_000 };
    const race: Array<Promise<CliResult>> = [];
    for (let i = 0; i < N; i++) {
      // Replace anthropic while bedrock is deleted: either order leaves the new anthropic key only.
      race.push(runCli(addArgs(`both-${i}`, 'anthropic', 4000 + i), opts));
      race.push(runCli(['claude', 'delete-api-key', `both-${i}`, '-p', 'bedrock', '--force'], opts));
      // Delete the last provider (removing the file) while another is added: bedrock only survives.
      race.push(runCli(addArgs(`solo-${i}`, 'bedrock', 5000 + i), opts));
      race.push(runCli(['claude', 'delete-api-key', `solo-${i}`, '-p', 'anthropic', '--force'], opts));
    }
    const results = await Promise.all(race);
    expectAllSucceeded(results);

    for (let i = 0; i < N; i++) {
      const both = readKeys(`both-${i}`);
      expect(Object.keys(both)).toEqual(['anthropic']);
      expect(both.anthropic?.api_key).toBe(anthropicKey(4000 + i));
      const solo = readKeys(`solo-${i}`);
      expect(Object.keys(solo)).toEqual(['bedrock']);
      expect(solo.bedrock?.secret_access_key).toBe(bedrockSecret(5000 + i));
    }
    expectStoreIsClean();
  }, 120_000);

  it('two deletes of the same key race: exactly one succeeds, the other reports it gone', async () => {
    const N = 10;
    const seedOne = async (i: number) => [
      await runCli(addArgs(`dd-${i}`, 'anthropic', 6000 + i), { env: home.env }),
      await runCli(addArgs(`dd-${i}`, 'bedrock', 7000 + i), { env: home.env }),
    ];
    expectAllSucceeded((await Promise.all(Array.from({ length: N }, (_, i) => seedOne(i)))).flat());
    const opts = { env: home.env, timeoutMs: 60_000 };
    const results = await Promise.all(
      Array.from({ length: N * 2 }, (_, k) =>
        runCli(['claude', 'delete-api-key', `dd-${Math.floor(k / 2)}`, '-p', 'anthropic', '--force'], opts),
      ),
    );
    for (let i = 0; i < N; i++) {
      const pair = [results[i * 2], results[i * 2 + 1]].map((r) => r?.code).sort();
      expect(pair).toEqual([0, 1]);
      expect(Object.keys(readKeys(`dd-${i}`))).toEqual(['bedrock']);
    }
    const loser = results.find((r) => r.code === 1);
    expect(loser?.stderr).toContain('No anthropic API key found for account: dd-');
    expect(existsSync(join(home.accountsRoot, 'accounts.json'))).toBe(true);
    expectStoreIsClean();
  }, 120_000);
});
