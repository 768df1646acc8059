import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { testAccount } from '../../src/accounts/connection-test/index.js';
import { startFakeApis, type FakeApis } from '../helpers/fake-claude-apis.js';
import { assertNoSecrets, SECRETS } from '../helpers/secrets.js';
import { cleanupTui, KEYS, renderTui, type Tui } from '../helpers/tui.js';
import { seededStorage } from './fixtures.js';

/**
 * The `t` key against a loopback server that answers after 400 ms: a spinner while it
 * runs, the UI live meanwhile (moving, filtering, opening, quitting), then a mark with
 * its time in the list and the verdicts on the detail screen, kept for the next start.
 */

const config = {
  anthropicKeys: { [SECRETS.anthropicKey]: 'works' as const },
  awsKeys: { [SECRETS.accessKeyId]: { secretAccessKey: SECRETS.secretAccessKey, behaviour: 'works' as const } },
  bedrockTokens: {},
  bedrockModels: { 'us-east-1': ['anthropic.claude-3-5-sonnet-20241022-v2:0'] },
};
let apis: FakeApis;
// For the tests that act while a test runs: long enough for any machine's keys to land first.
let slowApis: FakeApis;
beforeAll(async () => {
  apis = await startFakeApis({ ...config, delayMs: 400 });
  slowApis = await startFakeApis({ ...config, delayMs: 2500 });
});
afterAll(async () => {
  await apis.close();
  await slowApis.close();
});
afterEach(cleanupTui);

async function open(storage?: Awaited<ReturnType<typeof seededStorage>>, server: FakeApis = apis): Promise<Tui> {
  const env = { ANTHROPIC_BASE_URL: server.url, AWS_ENDPOINT_URL_BEDROCK: server.url };
  return renderTui({
    storage: storage ?? (await seededStorage()),
    testConnections: (service) => (account) => testAccount(service, account, env),
  });
}

/** The list row of an account (not the filter line, which may name it too). */
const rowOf = (frame: string, name: string) => frame.split('\n').find((line) => line.includes(name) && /\d{4}-\d\d-\d\d/.test(line)) ?? '';

describe('t: test the selected account', () => {
  it('shows a spinner, keeps the UI live, then a mark with its time in the list', async () => {
    const tui = await open(undefined, slowApis);
    await tui.press('g');
    expect(tui.state().accounts[tui.state().selected]?.name).toBe('api-prod');
    expect(tui.frame()).not.toContain('Test');
    await tui.press('t');
    let frame = await tui.waitFor((f) => rowOf(f, 'api-prod').includes('test'));
    expect(frame).toMatch(/Test\s*$/m);
    // The test runs for 2.5 s: the list moves, filters and clears meanwhile.
    await tui.press('j');
    expect(tui.state().accounts[tui.state().selected]?.name).toBe('bedrock-us');
    await tui.press('/');
    await tui.type('multi');
    expect(tui.frame()).toContain('1/4 match');
    await tui.press(KEYS.esc, KEYS.esc);
    expect(tui.state().tests['api-prod']?.running).toBe(true);
    frame = await tui.waitFor((f) => /✓ \d\d:\d\d/.test(rowOf(f, 'api-prod')), 10_000);
    expect(tui.state().tests['api-prod']?.results?.map((r) => r.verdict)).toEqual(['works']);
    expect(frame).toContain('api-prod: anthropic works');
    assertNoSecrets(tui.frames().join('\n'), 'TUI frames');
  });

  it('on the detail screen: the verdicts, each with its detail and time; failures marked ✗ in the list', async () => {
    const tui = await open();
    await tui.press('/');
    await tui.type('multi');
    await tui.press(KEYS.enter, KEYS.enter);
    await tui.waitFor('Connection test');
    expect(tui.frame()).toContain('not tested yet: press t');
    await tui.press('t');
    await tui.waitFor('testing…');
    const frame = await tui.waitFor((f) => f.includes('rejected') && !f.includes('testing…'), 10_000);
    // multi holds a revoked Anthropic key and Bedrock keys with the wrong secret.
    expect(frame).toMatch(/✗ anthropic\s+rejected\s+the key is invalid, revoked or expired \(401\)/);
    expect(frame).toMatch(/✗ bedrock\s+rejected\s+the credentials were not accepted/);
    expect(tui.state().tests.multi?.results?.[1]?.errorCode).toBe('InvalidSignatureException');
    expect(frame).toMatch(/\(\d+ ms, \d\d:\d\d\)|\(\d\.\d s, \d\d:\d\d\)/);
    await tui.press(KEYS.esc);
    await tui.waitFor((f) => /✗ \d\d:\d\d/.test(rowOf(f, 'multi')));
    assertNoSecrets(tui.frames().join('\n'), 'TUI frames');
  });

  it('quits at once while a test runs', async () => {
    const tui = await open(undefined, slowApis);
    await tui.press('g', 't');
    expect(tui.state().tests['api-prod']?.running).toBe(true);
    await tui.press('q');
    expect(tui.state().quitRequested).toBe(true);
  });

  it('the verdict is kept in accounts.json and shown at the next start', async () => {
    const storage = await seededStorage();
    const first = await open(storage);
    await first.press('g', 't');
    await first.waitFor((f) => /✓ \d\d:\d\d/.test(rowOf(f, 'api-prod')), 10_000);
    await first.settle(50);
    await cleanupTui();
    const meta = await storage.readMetadata();
    expect(meta.accounts['api-prod']?.last_test).toMatchObject({ anthropic: { verdict: 'works' } });
    const second = await renderTui({ storage });
    expect(rowOf(second.frame(), 'api-prod')).toMatch(/✓ \d\d:\d\d/);
    expect(rowOf(second.frame(), 'bedrock-us')).not.toMatch(/[✓✗]/);
  });
});
