import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type CliResult, type TempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import {
  refusedPort,
  startConnectProxy,
  startFakeApis,
  startHangingServer,
  TLS_CERT_FILE,
  type FakeApis,
  type FakeApisConfig,
} from '../helpers/fake-claude-apis.js';
import { python } from '../helpers/python.js';
import { assertNoSecrets, SECRETS, variantOf } from '../helpers/secrets.js';
import { anthropicEntry, bedrockEntry, seedAccount } from '../helpers/seed-accounts.js';

/**
 * `cuti claude test` as a user runs it (the built binary) against loopback servers that
 * play Anthropic's Models API and Bedrock's control plane, verify SigV4 signatures
 * independently, and answer with the documented shapes for every verdict.
 */

const PROFILE_ID = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const BASE_MODEL = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
const REVOKED_KEY = SECRETS.anthropicKey2;
const SESSION_TOKEN = variantOf(SECRETS.bearerToken, 'session');
const EXPIRED_SESSION = variantOf(SECRETS.bearerToken, 'expired-session');
const DENIED_KEY_ID = 'AKIAFAKEDENIED0KEY02';
const THROTTLED_KEY_ID = 'AKIAFAKETHROTTLEDKEY';
const SESSION_KEY_ID = 'ASIAFAKESESSION0KEY3';
const EXPIRED_KEY_ID = 'ASIAFAKEEXPIRED0KEY4';

const config: FakeApisConfig = {
  anthropicKeys: {
    [SECRETS.anthropicKey]: 'works',
    [variantOf(SECRETS.anthropicKey, 'denied')]: 'denied',
    [variantOf(SECRETS.anthropicKey, 'limited')]: 'limited',
    [variantOf(SECRETS.anthropicKey, 'overloaded')]: 'overloaded',
    [variantOf(SECRETS.anthropicKey, 'broken')]: 'server-error',
    [variantOf(SECRETS.anthropicKey, 'echo')]: 'echo',
  },
  awsKeys: {
    [SECRETS.accessKeyId]: { secretAccessKey: SECRETS.secretAccessKey, behaviour: 'works' },
    [DENIED_KEY_ID]: { secretAccessKey: SECRETS.secretAccessKey2, behaviour: 'denied' },
    [THROTTLED_KEY_ID]: { secretAccessKey: SECRETS.secretAccessKey2, behaviour: 'throttled' },
    [SESSION_KEY_ID]: { secretAccessKey: SECRETS.secretAccessKey2, sessionToken: SESSION_TOKEN, behaviour: 'works' },
    [EXPIRED_KEY_ID]: { secretAccessKey: SECRETS.secretAccessKey2, sessionToken: EXPIRED_SESSION, behaviour: 'expired' },
  },
  bedrockTokens: { [SECRETS.bearerToken]: 'works' },
  bedrockModels: { 'us-east-1': [PROFILE_ID, BASE_MODEL], 'eu-west-1': [BASE_MODEL] },
};

interface JsonResult {
  account: string;
  provider: string;
  kind: string;
  verdict: string;
  ok: boolean;
  detail: string;
  endpoint?: string;
  proxy?: string | null;
  failure?: string;
  httpStatus?: number;
  errorCode?: string;
  ms: number;
  testedAt: string;
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

const envFor = (extra: NodeJS.ProcessEnv = {}) => ({ ...home.env, ANTHROPIC_BASE_URL: apis.url, AWS_ENDPOINT_URL_BEDROCK: apis.url, ...extra });

async function test(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  // In-process, except where Node itself must start with the setting: it reads
  // NODE_EXTRA_CA_CERTS once, at start-up.
  const run = extra.NODE_EXTRA_CA_CERTS === undefined ? runInProcess : runCli;
  return run(['claude', 'test', ...args], { env: envFor(extra), timeoutMs: 30_000 });
}

async function testJson(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ result: CliResult; results: JsonResult[]; doc: Record<string, unknown> }> {
  const result = await test([...args, '--json'], extra);
  const doc = JSON.parse(result.stdout) as Record<string, unknown>;
  expect(doc.schemaVersion).toBe(1);
  return { result, results: doc.results as JsonResult[], doc };
}

function seed(name: string, files: Parameters<typeof seedAccount>[2], active = false) {
  seedAccount(home.accountsRoot, name, files, { active });
}

describe('Anthropic API keys', () => {
  it('a good key works: GET /v1/models?limit=1 with x-api-key and anthropic-version; exit 0', async () => {
    seed('good', { apiKeys: anthropicEntry(SECRETS.anthropicKey) }, true);
    const result = await test([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/good\s+│ anthropic │ works/);
    expect(result.stdout).toContain('claude-sonnet-4-5-20250929');
    expect(apis.seen).toHaveLength(1);
    const request = apis.seen[0]!;
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/v1/models?limit=1');
    expect(request.headers['x-api-key']).toBe(SECRETS.anthropicKey);
    expect(request.headers['anthropic-version']).toBe('2023-06-01');
  });

  it.each([
    ['revoked', 'rejected', 401, REVOKED_KEY, 'invalid x-api-key'],
    ['denied', 'denied', 403, variantOf(SECRETS.anthropicKey, 'denied'), 'permission'],
    ['limited', 'limited', 429, variantOf(SECRETS.anthropicKey, 'limited'), 'rate-limited'],
    ['overloaded', 'limited', 529, variantOf(SECRETS.anthropicKey, 'overloaded'), 'overloaded'],
    ['broken', 'unknown', 500, variantOf(SECRETS.anthropicKey, 'broken'), 'HTTP 500'],
  ])('%s key → %s (HTTP %i), exit 1', async (name, verdict, status, key, words) => {
    seed(name, { apiKeys: anthropicEntry(key) });
    const { result, results } = await testJson([name]);
    expect(result.code).toBe(1);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ account: name, provider: 'anthropic', verdict, ok: false, httpStatus: status, kind: 'network' });
    expect(results[0]!.detail).toContain(words);
  });

  it('a server that echoes the key back: its text is shown redacted, escaped and cut short', async () => {
    const key = variantOf(SECRETS.anthropicKey, 'echo');
    seed('echo', { apiKeys: anthropicEntry(key) });
    const plain = await test(['echo']);
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toContain('\u001b');
    expect(plain.stdout).toContain('[redacted]');
    const { results } = await testJson(['echo']);
    expect(results[0]!.verdict).toBe('unknown');
    expect(results[0]!.detail.length).toBeLessThanOrEqual(200);
    assertNoSecrets(JSON.stringify(results), 'json');
  });
});

describe('Bedrock', () => {
  it('access keys with an inference profile: GetInferenceProfile, signed for the stored region, verified independently', async () => {
    seed('bed', { apiKeys: bedrockEntry({ model_id: PROFILE_ID, access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey, auth_method: 'access_keys' }) });
    const { result, results } = await testJson(['bed']);
    expect(result.code).toBe(0);
    expect(results[0]).toMatchObject({ verdict: 'works', ok: true, provider: 'bedrock' });
    expect(results[0]!.detail).toContain(`inference profile ${PROFILE_ID} in us-east-1`);
    const request = apis.seen[0]!;
    expect(request.url).toBe('/inference-profiles/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0');
    expect(request.sigv4).toEqual({ ok: true, region: 'us-east-1', accessKeyId: SECRETS.accessKeyId });
    expect(String(request.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFAKEACCESS0KEY01\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
  });

  it('a base model id: GetFoundationModel in the stored region', async () => {
    seed('eu', { apiKeys: bedrockEntry({ region: 'eu-west-1', model_id: BASE_MODEL, access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey }) });
    const { result, results } = await testJson(['eu']);
    expect(result.code).toBe(0);
    expect(results[0]!.detail).toContain(`model ${BASE_MODEL} in eu-west-1`);
    expect(apis.seen[0]!.url).toBe('/foundation-models/anthropic.claude-3-5-sonnet-20241022-v2%3A0');
    expect(apis.seen[0]!.sigv4).toMatchObject({ ok: true, region: 'eu-west-1' });
  });

  it.each([
    ['wrong-secret', 'rejected', 'InvalidSignatureException', { access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey2 }],
    ['unknown-key', 'rejected', 'UnrecognizedClientException', { access_key_id: 'AKIAFAKEUNKNOWN00KEY', secret_access_key: SECRETS.secretAccessKey }],
    ['expired', 'rejected', 'ExpiredTokenException', { access_key_id: EXPIRED_KEY_ID, secret_access_key: SECRETS.secretAccessKey2, session_token: EXPIRED_SESSION }],
    ['denied', 'denied', 'AccessDeniedException', { access_key_id: DENIED_KEY_ID, secret_access_key: SECRETS.secretAccessKey2 }],
    ['throttled', 'limited', 'ThrottlingException', { access_key_id: THROTTLED_KEY_ID, secret_access_key: SECRETS.secretAccessKey2 }],
  ])('%s → %s (%s)', async (name, verdict, code, keys) => {
    seed(name, { apiKeys: bedrockEntry({ model_id: PROFILE_ID, ...keys }) });
    const { result, results } = await testJson([name]);
    expect(result.code).toBe(1);
    expect(results[0]).toMatchObject({ verdict, errorCode: code, ok: false });
  });

  it('a model id that does not exist in the region → not found', async () => {
    seed('nomodel', { apiKeys: bedrockEntry({ region: 'eu-west-1', model_id: PROFILE_ID.replace('us.', 'eu.'), access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey }) });
    const { result, results } = await testJson(['nomodel']);
    expect(result.code).toBe(1);
    expect(results[0]).toMatchObject({ verdict: 'not found', httpStatus: 404, errorCode: 'ResourceNotFoundException' });
    expect(results[0]!.detail).toContain('eu-west-1');
  });

  it('a session token is sent as x-amz-security-token and signed', async () => {
    seed('sts', { apiKeys: bedrockEntry({ model_id: PROFILE_ID, access_key_id: SESSION_KEY_ID, secret_access_key: SECRETS.secretAccessKey2, session_token: SESSION_TOKEN }) });
    const { result, results } = await testJson(['sts']);
    expect(result.code).toBe(0);
    expect(results[0]!.verdict).toBe('works');
    expect(apis.seen[0]!.headers['x-amz-security-token']).toBe(SESSION_TOKEN);
    expect(String(apis.seen[0]!.headers.authorization)).toContain('x-amz-security-token');
  });

  it('a Bedrock API key goes as Authorization: Bearer; an unknown one is rejected', async () => {
    seed('bearer', { apiKeys: bedrockEntry({ model_id: PROFILE_ID, bearer_token: SECRETS.bearerToken, auth_method: 'bearer_token' }) });
    seed('bad-bearer', { apiKeys: bedrockEntry({ model_id: PROFILE_ID, bearer_token: variantOf(SECRETS.bearerToken, 'bad'), auth_method: 'bearer_token' }) });
    const { results } = await testJson(['bearer']);
    expect(results[0]!.verdict).toBe('works');
    expect(apis.seen[0]!.headers.authorization).toBe(`Bearer ${SECRETS.bearerToken}`);
    const bad = await testJson(['bad-bearer']);
    expect(bad.results[0]).toMatchObject({ verdict: 'rejected', errorCode: 'UnrecognizedClientException' });
  });

  it('a profile: static keys from the shared credentials file are signed; an SSO profile is reported untested', async () => {
    const credentials = join(home.home, 'aws-credentials');
    const awsConfig = join(home.home, 'aws-config');
    writeFileSync(credentials, `[work]\naws_access_key_id = ${SECRETS.accessKeyId}\naws_secret_access_key = ${SECRETS.secretAccessKey}\n`);
    writeFileSync(awsConfig, '[profile corp]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n');
    seed('prof', { apiKeys: bedrockEntry({ model_id: PROFILE_ID, profile: 'work', auth_method: 'profile' }) });
    seed('sso', { apiKeys: bedrockEntry({ model_id: PROFILE_ID, profile: 'corp', auth_method: 'profile' }) });
    const env = { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: awsConfig };
    const { results } = await testJson(['prof'], env);
    expect(results[0]!.verdict).toBe('works');
    expect(apis.seen[0]!.sigv4).toMatchObject({ ok: true, accessKeyId: SECRETS.accessKeyId });
    const sso = await testJson(['sso'], env);
    expect(sso.result.code).toBe(1);
    expect(sso.results[0]).toMatchObject({ verdict: 'untested', kind: 'local' });
    expect(sso.results[0]!.detail).toMatch(/SSO.*without the AWS SDK/);
    expect(apis.seen).toHaveLength(1);
  });

  it('AWS_ENDPOINT_URL_BEDROCK wins over AWS_ENDPOINT_URL', async () => {
    seed('bed', { apiKeys: bedrockEntry({ model_id: PROFILE_ID, access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey }) });
    const dead = await refusedPort();
    const viaGeneral = await testJson(['bed'], { AWS_ENDPOINT_URL_BEDROCK: '', AWS_ENDPOINT_URL: apis.url });
    expect(viaGeneral.results[0]!.verdict).toBe('works');
    const both = await testJson(['bed'], { AWS_ENDPOINT_URL: `http://127.0.0.1:${dead}` });
    expect(both.results[0]!.verdict).toBe('works');
  });
});

describe('Claude Code logins: judged locally, no network call', () => {
  const login = (expiresAt: number, extra: Record<string, unknown> = {}) => ({
    claudeAiOauth: {
      accessToken: SECRETS.oauthAccessToken,
      refreshToken: SECRETS.oauthRefreshToken,
      expiresAt,
      scopes: ['user:inference', 'user:profile'],
      subscriptionType: 'max',
      ...extra,
    },
  });

  it('valid for three more days, expired, and unusable', async () => {
    const day = 24 * 3600 * 1000;
    seed('fresh', { credentials: login(Date.now() + 3 * day + 3600 * 1000) });
    seed('stale', { credentials: login(Date.now() - day) });
    seed('broken', { credentials: login(Date.now() - day, { refreshToken: '' }) });
    const fresh = await testJson(['fresh']);
    expect(fresh.result.code).toBe(0);
    expect(fresh.results[0]).toMatchObject({ provider: 'claude-code', kind: 'local', verdict: 'login ok', ok: true });
    expect(fresh.results[0]!.detail).toBe('Max subscription; scopes user:inference user:profile; expires in 3 days');
    const stale = await testJson(['stale']);
    expect(stale.result.code).toBe(0);
    expect(stale.results[0]).toMatchObject({ verdict: 'login expired', ok: true });
    expect(stale.results[0]!.detail).toContain('expired: Claude Code renews it at its next start');
    const broken = await testJson(['broken']);
    expect(broken.result.code).toBe(1);
    expect(broken.results[0]!.verdict).toBe('login unusable');
    expect(apis.seen).toEqual([]);
  });
});

describe('unreachable: naming DNS, connect, TLS, timeout and the proxy', () => {
  beforeEach(() => seed('k', { apiKeys: anthropicEntry(SECRETS.anthropicKey) }, true));

  it('a port that refuses connections', async () => {
    const port = await refusedPort();
    const { result, results } = await testJson([], { ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(results[0]).toMatchObject({ verdict: 'unreachable', failure: 'connect', errorCode: 'ECONNREFUSED', proxy: null });
    expect(results[0]!.detail).toMatch(/^connect: .*ECONNREFUSED.*; no proxy$/);
  });

  it('a server that never answers: timeout after --timeout, no retry', async () => {
    const hanging = await startHangingServer();
    try {
      // A run that hung would end at the harness's time limit with no JSON, and fail.
      const { results } = await testJson(['--timeout', '0.5'], { ANTHROPIC_BASE_URL: hanging.url });
      expect(results[0]).toMatchObject({ verdict: 'unreachable', failure: 'timeout' });
      expect(results[0]!.detail).toContain('within 0.5 s');
      expect(results[0]!.ms).toBeGreaterThanOrEqual(450);
      expect(results[0]!.ms).toBeLessThan(5000);
    } finally {
      await hanging.close();
    }
  });

  it('a name that does not resolve (.invalid)', async () => {
    const { results } = await testJson([], { ANTHROPIC_BASE_URL: 'http://cuti-test.invalid' });
    expect(results[0]).toMatchObject({ verdict: 'unreachable', failure: 'dns' });
    expect(results[0]!.detail).toContain('cuti-test.invalid');
  });

  describe('over HTTPS, through a CONNECT proxy', () => {
    let tls: FakeApis;
    beforeAll(async () => {
      tls = await startFakeApis(config, { tls: true });
    });
    afterAll(() => tls.close());

    it('HTTPS_PROXY is used: the proxy sees the CONNECT, the verdict names the proxy', async () => {
      const proxy = await startConnectProxy();
      try {
        const { result, results } = await testJson([], { ANTHROPIC_BASE_URL: tls.url, NODE_EXTRA_CA_CERTS: TLS_CERT_FILE, HTTPS_PROXY: proxy.url });
        expect(result.code).toBe(0);
        expect(results[0]).toMatchObject({ verdict: 'works', proxy: proxy.url });
        expect(proxy.tunnels).toEqual([`localhost:${tls.port}`]);
        expect(tls.seen).toHaveLength(1);
      } finally {
        await proxy.close();
      }
    });

    it('NO_PROXY bypasses it; a proxy URL with a password is shown without it', async () => {
      const proxy = await startConnectProxy();
      try {
        const withAuth = proxy.url.replace('http://', 'http://user:hunter2@');
        const direct = await testJson([], { ANTHROPIC_BASE_URL: tls.url, NODE_EXTRA_CA_CERTS: TLS_CERT_FILE, HTTPS_PROXY: withAuth, NO_PROXY: 'example.com,localhost' });
        expect(direct.results[0]).toMatchObject({ verdict: 'works', proxy: null });
        expect(proxy.tunnels).toEqual([]);
        const via = await testJson([], { ANTHROPIC_BASE_URL: tls.url, NODE_EXTRA_CA_CERTS: TLS_CERT_FILE, https_proxy: withAuth });
        expect(via.results[0]!.proxy).toBe(proxy.url.replace('http://', 'http://***@'));
        expect(via.result.stdout).not.toContain('hunter2');
        expect(proxy.auth).toEqual([`Basic ${Buffer.from('user:hunter2').toString('base64')}`]);
      } finally {
        await proxy.close();
      }
    });

    it('a certificate cuti cannot trust → unreachable (TLS)', async () => {
      const { results } = await testJson([], { ANTHROPIC_BASE_URL: tls.url });
      expect(results[0]).toMatchObject({ verdict: 'unreachable', failure: 'tls' });
      expect(results[0]!.detail).toMatch(/^TLS: /);
    });

    it('a proxy that refuses the tunnel → unreachable (proxy), naming it', async () => {
      const proxy = await startConnectProxy({ refuse: 403 });
      try {
        const { results } = await testJson([], { ANTHROPIC_BASE_URL: tls.url, NODE_EXTRA_CA_CERTS: TLS_CERT_FILE, HTTPS_PROXY: proxy.url });
        expect(results[0]).toMatchObject({ verdict: 'unreachable', failure: 'proxy', proxy: proxy.url });
        expect(results[0]!.detail).toContain(`via proxy ${proxy.url}`);
      } finally {
        await proxy.close();
      }
    });

    it('a dead proxy → unreachable (connect to the proxy)', async () => {
      const port = await refusedPort();
      const { results } = await testJson([], { ANTHROPIC_BASE_URL: tls.url, NODE_EXTRA_CA_CERTS: TLS_CERT_FILE, HTTPS_PROXY: `http://127.0.0.1:${port}` });
      expect(results[0]).toMatchObject({ verdict: 'unreachable', failure: 'connect' });
      expect(results[0]!.detail).toContain('the proxy');
    });
  });

  it('HTTP_PROXY for an http:// base URL', async () => {
    const proxy = await startConnectProxy();
    try {
      const { results } = await testJson([], { HTTP_PROXY: proxy.url });
      expect(results[0]).toMatchObject({ verdict: 'works', proxy: proxy.url });
      expect(proxy.tunnels).toEqual([`${apis.url}/v1/models?limit=1`]);
      expect(apis.seen[0]!.headers['x-api-key']).toBe(SECRETS.anthropicKey);
    } finally {
      await proxy.close();
    }
  });
});

describe('choosing what to test', () => {
  it('--all: every account and provider in one table; --json the same; exit 1 when any fails', async () => {
    seed('a-good', { apiKeys: { ...anthropicEntry(SECRETS.anthropicKey), ...bedrockEntry({ model_id: PROFILE_ID, access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey }) } });
    seed('b-revoked', { apiKeys: anthropicEntry(REVOKED_KEY) });
    seed('c-empty', {});
    const plain = await test(['--all']);
    expect(plain.code).toBe(1);
    const header = plain.stdout.split('\n').find((l) => l.includes('Account'))!;
    expect(header).toMatch(/Account\s+│ Provider\s+│ Verdict\s+│ Detail\s+│ Time/);
    expect(plain.stdout).toMatch(/a-good\s+│ anthropic │ works/);
    expect(plain.stdout).toMatch(/a-good\s+│ bedrock\s+│ works/);
    expect(plain.stdout).toMatch(/b-revoked │ anthropic │ rejected/);
    expect(plain.stdout).toContain('c-empty');
    const { results, doc } = await testJson(['--all']);
    expect(results.map((r) => [r.account, r.provider, r.verdict])).toEqual([
      ['a-good', 'anthropic', 'works'],
      ['a-good', 'bedrock', 'works'],
      ['b-revoked', 'anthropic', 'rejected'],
    ]);
    expect(doc.summary).toEqual({ tested: 3, ok: 2, failed: 1 });
    expect(doc.skipped).toEqual(['c-empty']);
  });

  it('--all passes over an account no command can address (a hand-made name with a bidi mark), with a warning, and tests the others', async () => {
    seed('b\u202eevil', { apiKeys: anthropicEntry(REVOKED_KEY) });
    seed('plain', { apiKeys: anthropicEntry(SECRETS.anthropicKey) });
    const { result, results, doc } = await testJson(['--all']);
    expect(result.code).toBe(0);
    expect(results.map((r) => [r.account, r.verdict])).toEqual([['plain', 'works']]);
    expect(doc.warnings).toEqual([expect.stringMatching(/^b\\u202eevil: .*control characters/)]);
  });

  it('--all runs many at once (a bounded pool), each request answered once', async () => {
    const slow = await startFakeApis({ ...config, delayMs: 300 });
    try {
      for (let i = 0; i < 30; i += 1) seed(`acct-${String(i).padStart(2, '0')}`, { apiKeys: anthropicEntry(SECRETS.anthropicKey) });
      const { result, results } = await testJson(['--all'], { ANTHROPIC_BASE_URL: slow.url });
      expect(result.code).toBe(0);
      expect(results).toHaveLength(30);
      expect(slow.seen).toHaveLength(30);
      // Many at once: the server, which takes 300 ms over each, had several in hand together.
      // (How long --all takes is the benchmark's connection-test case.)
      expect(slow.maxInFlight).toBeGreaterThan(1);
    } finally {
      await slow.close();
    }
  });

  it('default is the active account; none active is one clear line and exit 1', async () => {
    seed('x', { apiKeys: anthropicEntry(SECRETS.anthropicKey) });
    const none = await test([]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No active account to test');
    expect(apis.seen).toEqual([]);
  });

  it('-p picks one provider; a provider the account lacks, an unknown provider, --all with an account and a bad --timeout are refused', async () => {
    seed('both', { apiKeys: { ...anthropicEntry(REVOKED_KEY), ...bedrockEntry({ model_id: PROFILE_ID, access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey }) } });
    const only = await testJson(['both', '-p', 'bedrock']);
    expect(only.result.code).toBe(0);
    expect(only.results.map((r) => r.provider)).toEqual(['bedrock']);
    seed('anth', { apiKeys: anthropicEntry(SECRETS.anthropicKey) });
    expect((await test(['anth', '-p', 'bedrock'])).code).toBe(1);
    expect((await test(['anth', '-p', 'vertexx'])).code).toBe(1);
    expect((await test(['anth', '--all'])).code).toBe(2);
    for (const bad of ['0', '-1', 'abc', '1e9']) expect((await test(['anth', '--timeout', bad])).code).toBe(2);
    expect((await test(['nobody'])).code).toBe(1);
  });
});

describe('the last verdict is kept in accounts.json', () => {
  it('as an extra field the original tool reads and carries along', async () => {
    seed('keep', { apiKeys: anthropicEntry(SECRETS.anthropicKey) }, true);
    expect((await test([])).code).toBe(0);
    const metaPath = join(home.accountsRoot, 'accounts.json');
    const text = readFileSync(metaPath, 'utf8');
    const meta = JSON.parse(text) as { accounts: Record<string, { last_test?: Record<string, { verdict: string; at: string }> }> };
    expect(meta.accounts.keep!.last_test!.anthropic).toMatchObject({ verdict: 'works' });
    expect(meta.accounts.keep!.last_test!.anthropic!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    assertNoSecrets(text, 'accounts.json');
    // The original loads accounts.json with json.load, lists and switches accounts, and
    // rewrites it with json.dump(indent=2): the extra field must survive all of it.
    const out = python(
      [
        'import json, sys',
        'doc = json.loads(sys.stdin.read())',
        "names = [n for n, info in doc['accounts'].items() if not n.startswith('backup_')]",
        "info = doc['accounts']['keep']",
        "print(names, doc['active'], info.get('type'), info.get('last_used'))",
        "info['last_used'] = '2026-02-02T00:00:00.000000'",
        'print(json.dumps(doc, indent=2))',
      ].join('\n'),
      text,
    );
    expect(out.split('\n')[0]).toBe("['keep'] keep API never");
    const rewritten = JSON.parse(out.slice(out.indexOf('\n') + 1)) as typeof meta;
    expect(rewritten.accounts.keep!.last_test!.anthropic!.verdict).toBe('works');
  });
});

describe('stored values and settings that cannot make a request', () => {
  it('a key with a line break is rejected before sending; a bad base URL or region is untested; nothing is sent', async () => {
    seed('newline', { apiKeys: anthropicEntry(`${SECRETS.anthropicKey}\r\nX-Evil: 1`) });
    seed('badregion', { apiKeys: bedrockEntry({ region: 'evil.example.com#', model_id: PROFILE_ID, access_key_id: SECRETS.accessKeyId, secret_access_key: SECRETS.secretAccessKey }) });
    seed('good', { apiKeys: anthropicEntry(SECRETS.anthropicKey) });
    const newline = await testJson(['newline']);
    expect(newline.results[0]).toMatchObject({ verdict: 'rejected', errorCode: 'ERR_INVALID_CHAR' });
    const region = await testJson(['badregion']);
    expect(region.results[0]).toMatchObject({ verdict: 'untested' });
    expect(region.results[0]!.detail).toContain('is not an AWS region name');
    const url = await testJson(['good'], { ANTHROPIC_BASE_URL: 'not a url' });
    expect(url.results[0]).toMatchObject({ verdict: 'untested', detail: 'ANTHROPIC_BASE_URL is not an http(s) URL' });
    expect(apis.seen).toEqual([]);
  });

  it('a key kept in a keychain cuti cannot reach: untested, with the reason, and the others still tested', async () => {
    seed('kc', { apiKeys: anthropicEntry('cuti-keychain:0123456789abcdef/abcdef0123#sk-ant-a...XYZ') });
    seed('plain', { apiKeys: anthropicEntry(SECRETS.anthropicKey) });
    const { results } = await testJson(['--all']);
    expect(results.map((r) => [r.account, r.verdict])).toEqual([
      ['kc', 'untested'],
      ['plain', 'works'],
    ]);
    expect(results[0]!.detail).toMatch(/^its secrets are out of reach: /);
    expect(apis.seen.map((r) => r.headers['x-api-key'])).toEqual([SECRETS.anthropicKey]);
  });
});

describe('every Bedrock form the CLI stores', () => {
  async function add(args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
    const result = await runCli(['claude', 'add-api-key', ...args], { env: envFor(env) });
    expect(result.code, result.stderr).toBe(0);
  }

  it('access keys with a session token, a Bedrock API key, and a profile (its region from the AWS config)', async () => {
    await add(['sts', '-p', 'bedrock', '-k', PROFILE_ID, '-r', 'us-east-1', '--access-key', SESSION_KEY_ID, '--secret-key-env', 'SK', '--session-token-env', 'ST'], {
      SK: SECRETS.secretAccessKey2,
      ST: SESSION_TOKEN,
    });
    await add(['bearer', '-p', 'bedrock', '--bearer', '--api-key-env', 'BT', '-r', 'us-east-1'], { BT: SECRETS.bearerToken });
    await add(['prof', '-p', 'bedrock', '--profile', 'work']);
    const credentials = join(home.home, 'aws-credentials');
    const awsConfig = join(home.home, 'aws-config');
    writeFileSync(credentials, `[work]\naws_access_key_id = ${SECRETS.accessKeyId}\naws_secret_access_key = ${SECRETS.secretAccessKey}\n`);
    writeFileSync(awsConfig, '[profile work]\nregion = eu-west-1\n');
    const { result, results } = await testJson(['--all'], { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: awsConfig });
    expect(results.map((r) => [r.account, r.verdict])).toEqual([
      ['bearer', 'works'],
      ['prof', 'works'],
      ['sts', 'works'],
    ]);
    expect(result.code).toBe(0);
    const byAuth = (prefix: string) => apis.seen.find((r) => String(r.headers.authorization).startsWith(prefix))!;
    expect(byAuth('Bearer').headers.authorization).toBe(`Bearer ${SECRETS.bearerToken}`);
    // No model stored with the profile or the API key: they are proved by listing Anthropic models, in the profile's region.
    const listed = apis.seen.filter((r) => r.url === '/foundation-models?byProvider=anthropic');
    expect(listed.map((r) => String(r.headers.authorization).split(' ')[0])).toEqual(expect.arrayContaining(['Bearer', 'AWS4-HMAC-SHA256']));
    expect(listed.find((r) => r.sigv4)?.sigv4).toMatchObject({ ok: true, region: 'eu-west-1' });
    expect(apis.seen.find((r) => r.headers['x-amz-security-token'] === SESSION_TOKEN)?.sigv4).toMatchObject({ ok: true, accessKeyId: SESSION_KEY_ID });
  }, 60_000);
});
