import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const SA = keyPair();
const OTHER = keyPair();
const SA_EMAIL = 'claude@my-project-123.iam.gserviceaccount.com';
const DENIED_EMAIL = 'nobody@my-project-123.iam.gserviceaccount.com';
const REFRESH_TOKEN = variantOf(SECRETS.oauthRefreshToken, 'google');
const CLIENT_SECRET = variantOf(SECRETS.secretAccessKey, 'google-client');

const config: FakeApisConfig = {
  anthropicKeys: {},
  awsKeys: {},
  bedrockTokens: {},
  bedrockModels: {},
  foundryKeys: { [FOUNDRY_KEY]: 'works', [DENIED_KEY]: 'denied', [LIMITED_KEY]: 'limited' },
  foundryDeployments: ['claude-sonnet-4-5', 'my-opus'],
  googleServiceAccounts: { [SA_EMAIL]: { publicKey: SA.publicKey, behaviour: 'works' }, [DENIED_EMAIL]: { publicKey: SA.publicKey, behaviour: 'denied' } },
  googleRefreshTokens: { [REFRESH_TOKEN]: 'works' },
  vertexProjects: { 'my-project-123': ['claude-opus-5', 'claude-sonnet-4-5@20250929'] },
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
  const result = await run(['claude', 'test', ...args, '--json'], {
    env: { ...home.env, ANTHROPIC_FOUNDRY_BASE_URL: apis.url, ANTHROPIC_VERTEX_BASE_URL: apis.url, ...extra },
    timeoutMs: 30_000,
  });
  const output = result.stdout + result.stderr;
  expect(leakedSecrets(output)).toEqual([]);
  for (const secret of [SA.privateKey, OTHER.privateKey, REFRESH_TOKEN, CLIENT_SECRET]) {
    for (const line of secret.split('\n').filter((l) => l.length > 20)) expect(output).not.toContain(line);
  }
  expect(output).not.toContain('ya29.');
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

describe('Google Vertex AI: an access token from the credentials, then a free count-tokens call', () => {
  function keyFile(name: string, email: string, privateKey: string): string {
    const path = join(home.home, name);
    const doc = { type: 'service_account', project_id: 'my-project-123', private_key_id: 'k1', private_key: privateKey, client_email: email, token_uri: `${apis.url}/token` };
    writeFileSync(path, JSON.stringify(doc), { mode: 0o600 });
    return path;
  }
  const addVertex = (name: string, extra: string[]) => add([name, '-p', 'vertex', '--project-id', 'my-project-123', '-r', 'us-east5', ...extra]);

  it('a service-account key: a signed JWT exchanged for a token, then count-tokens in the project and region with the pinned model; exit 0', async () => {
    await addVertex('sa', ['--credentials-file', keyFile('sa.json', SA_EMAIL, SA.privateKey), '--model', 'claude-opus-5']);
    const { result, results } = await testJson(['sa']);
    expect(result.code, result.stderr).toBe(0);
    expect(results[0]).toMatchObject({
      provider: 'vertex',
      verdict: 'works',
      endpoint: `${apis.url}/v1/projects/my-project-123/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict`,
    });
    expect(results[0]?.detail).toContain("model 'claude-opus-5' counted 8 tokens");
    expect(apis.seen.map((q) => `${q.method} ${q.url.split(':rawPredict')[0]?.split('/').slice(0, 2).join('/')}`)).toEqual(['POST /token', 'POST /v1']);
    expect(apis.seen[1]?.headers.authorization).toMatch(/^Bearer ya29\.fake-/);
  });

  it('a key whose signature Google cannot verify is rejected; a token without the permission is denied; a model not enabled is not found', async () => {
    await addVertex('forged', ['--credentials-file', keyFile('forged.json', SA_EMAIL, OTHER.privateKey)]);
    await addVertex('deny', ['--credentials-file', keyFile('deny.json', DENIED_EMAIL, SA.privateKey)]);
    await addVertex('nomodel', ['--credentials-file', keyFile('ok.json', SA_EMAIL, SA.privateKey), '--model', 'claude-fable-5']);
    const { result, results } = await testJson(['--all']);
    expect(result.code).toBe(1);
    const by = Object.fromEntries(results.map((r) => [r.account, r]));
    expect(by.forged).toMatchObject({ verdict: 'rejected', httpStatus: 400 });
    expect(by.forged?.detail).toBe('Google refused the credentials (invalid_grant): Invalid JWT Signature.');
    expect(by.deny).toMatchObject({ verdict: 'denied', httpStatus: 403 });
    expect(by.deny?.detail).toContain('aiplatform.endpoints.predict');
    expect(by.nomodel).toMatchObject({ verdict: 'not found', httpStatus: 404 });
  });

  it('application default credentials: gcloud’s authorized_user file (CLOUDSDK_CONFIG honoured) trades its refresh token', async () => {
    await addVertex('adc', []);
    const gcloud = join(home.home, 'gcloud-config');
    mkdirSync(gcloud);
    const adc = { type: 'authorized_user', client_id: 'cid.apps.googleusercontent.com', client_secret: CLIENT_SECRET, refresh_token: REFRESH_TOKEN, token_uri: `${apis.url}/token` };
    writeFileSync(join(gcloud, 'application_default_credentials.json'), JSON.stringify(adc), { mode: 0o600 });
    const missing = await testJson(['adc']);
    expect(missing.results[0]).toMatchObject({ verdict: 'untested' });
    expect(missing.results[0]?.detail).toMatch(/^application default credentials \(.*\.config\/gcloud\/application_default_credentials\.json\) cannot be read/);
    expect(apis.seen).toEqual([]);
    const { result, results } = await testJson(['adc'], { CLOUDSDK_CONFIG: gcloud });
    expect(result.code, result.stderr).toBe(0);
    expect(results[0]).toMatchObject({ verdict: 'works' });
    expect(results[0]?.detail).toContain("model 'claude-sonnet-4-5@20250929'");
  });

  it('credentials cuti cannot exchange (workload identity federation) are untested, with the reason; nothing is sent', async () => {
    const path = join(home.home, 'wif.json');
    writeFileSync(path, JSON.stringify({ type: 'external_account', audience: '//iam.googleapis.com/x', token_url: `${apis.url}/token` }));
    await addVertex('wif', ['--credentials-file', path]);
    const { result, results } = await testJson(['wif']);
    expect(result.code).toBe(1);
    expect(results[0]).toMatchObject({ verdict: 'untested' });
    expect(results[0]?.detail).toContain("cuti cannot test 'external_account' credentials");
    expect(apis.seen).toEqual([]);
  });
});
