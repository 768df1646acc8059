import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type CliResult, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { startFakeApis, TLS_CERT_FILE, type FakeApis, type FakeApisConfig } from '../helpers/fake-claude-apis.js';
import { leakedSecrets, SECRETS, variantOf } from '../helpers/secrets.js';

/*
 * `cuti claude test` for Microsoft Foundry and Google Vertex AI, against loopback servers
 * that answer token counting (free on both) in the providers' documented shapes.
 */

const FOUNDRY_KEY = SECRETS.anthropicKey;
const DENIED_KEY = variantOf(SECRETS.anthropicKey, 'denied');
const LIMITED_KEY = variantOf(SECRETS.anthropicKey, 'limited');
const BAD_KEY = SECRETS.anthropicKey2;

const config: FakeApisConfig = {
  anthropicKeys: {},
  awsKeys: {},
  bedrockTokens: {},
  bedrockModels: {},
  foundryKeys: { [FOUNDRY_KEY]: 'works', [DENIED_KEY]: 'denied', [LIMITED_KEY]: 'limited' },
  foundryDeployments: ['claude-sonnet-4-5', 'my-opus'],
};

interface JsonResult {
  account: string;
  provider: string;
  verdict: string;
  ok: boolean;
  detail: string;
  endpoint?: string;
  httpStatus?: number;
}

let apis: FakeApis;
let home: TempHome;
beforeAll(async () => {
  apis = await startFakeApis(config);
});
afterAll(() => apis.close());
beforeEach(() => {
  home = makeTempHome();
  apis.seen.length = 0;
});
afterEach(() => home.cleanup());

async function add(args: string[], input?: string): Promise<void> {
  const r = await runInProcess(['claude', 'add-api-key', ...args], { env: home.env, ...(input === undefined ? {} : { input }) });
  expect(r.code, r.stderr).toBe(0);
}

async function testJson(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ result: CliResult; results: JsonResult[] }> {
  // Spawned where Node must start with the setting (it reads NODE_EXTRA_CA_CERTS once).
  const run = extra.NODE_EXTRA_CA_CERTS === undefined ? runInProcess : runCli;
  const result = await run(['claude', 'test', ...args, '--json'], { env: { ...home.env, ANTHROPIC_FOUNDRY_BASE_URL: apis.url, ...extra }, timeoutMs: 30_000 });
  expect(leakedSecrets(result.stdout + result.stderr)).toEqual([]);
  return { result, results: (JSON.parse(result.stdout) as { results: JsonResult[] }).results };
}

describe('Microsoft Foundry: count_tokens with the key', () => {
  it('works: POST …/v1/messages/count_tokens with x-api-key, anthropic-version and the pinned deployment; exit 0', async () => {
    await add(['az', '-p', 'foundry', '--resource', 'my-resource', '--model', 'my-opus', '--api-key', '-'], FOUNDRY_KEY);
    const { result, results } = await testJson(['az']);
    expect(result.code).toBe(0);
    expect(results[0]).toMatchObject({ provider: 'foundry', verdict: 'works', ok: true, endpoint: `${apis.url}/v1/messages/count_tokens`, httpStatus: 200 });
    expect(results[0]?.detail).toContain("deployment 'my-opus' counted 8 tokens");
    const [seen] = apis.seen;
    expect(seen?.method).toBe('POST');
    expect(seen?.headers['x-api-key']).toBe(FOUNDRY_KEY);
    expect(seen?.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('without a pin, counts with the default deployment; a missing deployment is `not found`, not a bad key', async () => {
    await add(['az', '-p', 'foundry', '--resource', 'my-resource', '--haiku-model', 'h', '--api-key', '-'], FOUNDRY_KEY);
    const ok = await testJson(['az']);
    expect(ok.results[0]?.detail).toContain("deployment 'claude-sonnet-4-5'");
    await add(['gone', '-p', 'foundry', '--resource', 'my-resource', '--model', 'no-such-deployment', '--api-key', '-'], FOUNDRY_KEY);
    const { result, results } = await testJson(['gone']);
    expect(result.code).toBe(1);
    expect(results[0]).toMatchObject({ verdict: 'not found', httpStatus: 404 });
    expect(results[0]?.detail).toMatch(/deployment 'no-such-deployment' not found \(404\)/);
  });

  it('a bad key is rejected, a key without the role denied, a busy one limited; none is shown', async () => {
    await add(['bad', '-p', 'foundry', '--resource', 'r1', '--api-key', '-'], BAD_KEY);
    await add(['deny', '-p', 'foundry', '--resource', 'r1', '--api-key', '-'], DENIED_KEY);
    await add(['busy', '-p', 'foundry', '--resource', 'r1', '--api-key', '-'], LIMITED_KEY);
    const { result, results } = await testJson(['--all']);
    expect(result.code).toBe(1);
    const verdicts = Object.fromEntries(results.map((r) => [r.account, r.verdict]));
    expect(verdicts).toEqual({ bad: 'rejected', deny: 'denied', busy: 'limited' });
    expect(results.find((r) => r.account === 'bad')?.detail).toContain('the key is invalid, revoked or expired (401)');
  });

  it('a stored base URL (https) is the endpoint, whatever the environment says', async () => {
    const tls = await startFakeApis(config, { tls: true });
    try {
      await add(['gw', '-p', 'foundry', '--base-url', `${tls.url}/anthropic`, '--api-key', '-'], FOUNDRY_KEY);
      const { result, results } = await testJson(['gw'], { NODE_EXTRA_CA_CERTS: TLS_CERT_FILE });
      expect(result.code, result.stderr).toBe(0);
      expect(results[0]).toMatchObject({ verdict: 'works', endpoint: `${tls.url}/anthropic/v1/messages/count_tokens` });
      expect(tls.seen.map((s) => s.url)).toEqual(['/anthropic/v1/messages/count_tokens']);
      expect(apis.seen).toEqual([]);
    } finally {
      await tls.close();
    }
  });
});
