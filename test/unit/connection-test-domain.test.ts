import { describe, expect, it } from 'vitest';

import { profileKeys } from '../../src/domain/connection-test/aws-profile.js';
import { bedrockEndpoint, bedrockProbe, isInferenceProfileId } from '../../src/domain/connection-test/bedrock-probe.js';
import { classifyAnthropic, classifyBedrock, transportFailure, unreachable } from '../../src/domain/connection-test/classify.js';
import { humanDuration, loginOutcome } from '../../src/domain/connection-test/login-verdict.js';
import { bypassesProxy, displayProxy, proxyFor } from '../../src/domain/connection-test/proxy.js';
import { redactSecrets, serverText } from '../../src/domain/connection-test/server-text.js';
import { verdictPasses } from '../../src/domain/connection-test/verdict.js';
import { assertNoSecrets, SECRETS } from '../helpers/secrets.js';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const anthropicError = (type: string, message: string) => ({ type: 'error', error: { type, message }, request_id: 'req_1' });

describe('Anthropic answers', () => {
  it.each([
    [200, { data: [{ id: 'claude-x' }], has_more: true }, 'works'],
    [401, anthropicError('authentication_error', 'invalid x-api-key'), 'rejected'],
    [403, anthropicError('permission_error', 'no'), 'denied'],
    [402, anthropicError('billing_error', 'low balance'), 'denied'],
    [429, anthropicError('rate_limit_error', 'slow down'), 'limited'],
    [529, anthropicError('overloaded_error', 'Overloaded'), 'limited'],
    [500, anthropicError('api_error', 'oops'), 'unknown'],
    [404, anthropicError('not_found_error', 'no route'), 'unknown'],
    [200, 'not json', 'unknown'],
    [502, '<html>bad gateway</html>', 'unknown'],
  ])('HTTP %i → %s', (status, body, verdict) => {
    const outcome = classifyAnthropic(answer(status, body), []);
    expect(outcome.verdict).toBe(verdict);
    expect(outcome.httpStatus).toBe(status);
    if (verdict === 'unknown') expect(outcome.detail).toContain(`HTTP ${status}`);
  });
});

describe('Bedrock answers', () => {
  const probe = { what: 'model m', region: 'us-east-1' };
  const aws = (status: number, code: string, where: 'header' | 'body' = 'header') =>
    where === 'header'
      ? answer(status, { message: 'msg' }, { 'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazon.coral.service/` })
      : answer(status, { __type: `com.amazon.coral.service#${code}`, message: 'msg' });
  it.each([
    ['UnrecognizedClientException', 403, 'rejected'],
    ['InvalidSignatureException', 400, 'rejected'],
    ['ExpiredTokenException', 403, 'rejected'],
    ['IncompleteSignature', 400, 'rejected'],
    ['AccessDeniedException', 403, 'denied'],
    ['FTUFormNotFilled', 404, 'denied'],
    ['ResourceNotFoundException', 404, 'not found'],
    ['ThrottlingException', 429, 'limited'],
    ['ServiceUnavailableException', 503, 'limited'],
    ['ValidationException', 400, 'unknown'],
  ])('%s (%i) → %s, from the header or the body', (code, status, verdict) => {
    expect(classifyBedrock(aws(status, code), probe, [])).toMatchObject({ verdict, errorCode: code, httpStatus: status });
    expect(classifyBedrock(aws(status, code, 'body'), probe, [])).toMatchObject({ verdict, errorCode: code });
  });

  it('a 2xx says what it proved', () => {
    expect(classifyBedrock(answer(200, { modelDetails: { modelLifecycle: { status: 'ACTIVE' } } }), probe, []).detail).toBe('model m in us-east-1 exists and the credentials may read it (ACTIVE)');
    expect(classifyBedrock(answer(200, { status: 'ACTIVE', models: [{}, {}] }), { what: 'inference profile p', region: 'eu-west-1' }, []).detail).toContain('(ACTIVE, 2 regional model(s))');
  });
});

describe('transport failures', () => {
  const ctx = { host: 'h.example', proxy: null, timeoutMs: 10_000 };
  it.each([
    [[{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND h', timedOut: false }], 'dns'],
    [[{ code: 'ERR_X', message: 'x', timedOut: false }, { code: 'ECONNREFUSED', message: 'y', timedOut: false }], 'connect'],
    [[{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate', timedOut: false }], 'tls'],
    [[{ code: 'ABORT_ERR', message: 'The operation was aborted', timedOut: true }], 'timeout'],
    [[{ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT', timedOut: false }], 'timeout'],
    [[{ message: 'proxy response (407) to CONNECT', timedOut: false }], 'proxy'],
  ])('%j → %s', (chain, failure) => {
    expect(transportFailure(chain).failure).toBe(failure);
  });

  it('names the proxy in use, or says there is none', () => {
    expect(unreachable([{ code: 'ECONNREFUSED', message: '', timedOut: false }], ctx).detail).toBe('connect: no connection to h.example (ECONNREFUSED); no proxy');
    expect(unreachable([{ message: '', timedOut: true }], { ...ctx, proxy: 'http://p:8080', timeoutMs: 2500 }).detail).toBe('timeout: no answer from h.example within 2.5 s; via proxy http://p:8080');
  });
});

describe('proxies from the environment', () => {
  const https = new URL('https://api.anthropic.com/v1/models');
  const http = new URL('http://127.0.0.1:8080/v1/models');
  it('HTTPS_PROXY for https, HTTP_PROXY for http and as the fallback; lower case wins', () => {
    expect(proxyFor(https, { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://h:2' })).toBe('http://s:1');
    expect(proxyFor(http, { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://h:2' })).toBe('http://h:2');
    expect(proxyFor(https, { HTTP_PROXY: 'http://h:2' })).toBe('http://h:2');
    expect(proxyFor(https, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' })).toBe('http://lower:1');
    expect(proxyFor(https, { HTTPS_PROXY: 'proxy.corp:3128' })).toBe('http://proxy.corp:3128');
    expect(proxyFor(https, {})).toBeNull();
  });

  it.each([
    ['*', true],
    ['anthropic.com', true],
    ['.anthropic.com', true],
    ['*.anthropic.com', true],
    ['api.anthropic.com:443', true],
    ['api.anthropic.com:8443', false],
    ['thropic.com', false],
    ['other.com, api.anthropic.com', true],
    ['', false],
  ])('NO_PROXY=%j bypasses api.anthropic.com: %s', (noProxy, bypass) => {
    expect(bypassesProxy(https, noProxy)).toBe(bypass);
  });

  it('shows a proxy without its password', () => {
    expect(displayProxy('http://user:pw@proxy:3128')).toBe('http://***@proxy:3128');
    expect(displayProxy('http://proxy:3128/')).toBe('http://proxy:3128');
  });
});

describe('Bedrock probes', () => {
  it.each([
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'GetInferenceProfile', '/inference-profiles/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0'],
    ['eu.anthropic.claude-x', 'GetInferenceProfile', '/inference-profiles/eu.anthropic.claude-x'],
    ['apac.anthropic.claude-x', 'GetInferenceProfile', '/inference-profiles/apac.anthropic.claude-x'],
    ['global.anthropic.claude-x', 'GetInferenceProfile', '/inference-profiles/global.anthropic.claude-x'],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'GetFoundationModel', '/foundation-models/anthropic.claude-3-5-sonnet-20241022-v2%3A0'],
    ['arn:aws:bedrock:us-east-1:1:application-inference-profile/abc', 'GetInferenceProfile', '/inference-profiles/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Aapplication-inference-profile%2Fabc'],
    [undefined, 'ListFoundationModels', '/foundation-models?byProvider=anthropic'],
  ])('%s → %s', (id, operation, path) => {
    expect(bedrockProbe(id)).toMatchObject({ operation, path });
  });

  it('the endpoint: AWS_ENDPOINT_URL_BEDROCK, then AWS_ENDPOINT_URL, then the region', () => {
    expect(bedrockEndpoint('eu-west-1', {})).toBe('https://bedrock.eu-west-1.amazonaws.com');
    expect(bedrockEndpoint('eu-west-1', { AWS_ENDPOINT_URL: 'http://a/' })).toBe('http://a');
    expect(bedrockEndpoint('eu-west-1', { AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_BEDROCK: 'http://b' })).toBe('http://b');
    expect(isInferenceProfileId('usa.thing')).toBe(false);
  });
});

describe('Claude Code logins, locally', () => {
  const now = Date.UTC(2026, 0, 1);
  const creds = (oauth: Record<string, unknown>) => JSON.stringify({ claudeAiOauth: { accessToken: SECRETS.oauthAccessToken, refreshToken: SECRETS.oauthRefreshToken, scopes: ['user:inference'], subscriptionType: 'pro', ...oauth } });
  it('expiry in words, with Claude Code’s five-minute margin', () => {
    expect(loginOutcome(creds({ expiresAt: now + 3 * 86_400_000 + 3_600_000 }), now)).toEqual({ verdict: 'login ok', detail: 'Pro subscription; scopes user:inference; expires in 3 days' });
    expect(loginOutcome(creds({ expiresAt: now + 4 * 60_000 }), now).verdict).toBe('login expired');
    expect(loginOutcome(creds({ expiresAt: now - 1 }), now).detail).toContain('expired: Claude Code renews it at its next start');
    expect(loginOutcome(creds({ expiresAt: now - 1, refreshToken: '' }), now).verdict).toBe('login unusable');
    expect(loginOutcome('{', now).verdict).toBe('login unusable');
    expect(loginOutcome(undefined, now).verdict).toBe('login unusable');
    expect(humanDuration(90_000)).toBe('1 minute');
    expect(humanDuration(5 * 3_600_000)).toBe('5 hours');
    for (const text of [creds({ expiresAt: now + 1e9 }), creds({ expiresAt: now - 1, refreshToken: '' })]) assertNoSecrets(JSON.stringify(loginOutcome(text, now)));
  });

  it('which verdicts let the command exit 0', () => {
    expect(['works', 'login ok', 'login expired'].every((v) => verdictPasses(v as never))).toBe(true);
    expect(['rejected', 'denied', 'not found', 'limited', 'unreachable', 'unknown', 'untested', 'login unusable'].some((v) => verdictPasses(v as never))).toBe(false);
  });
});

describe("a server's text", () => {
  it('hides any 8-character run of a secret sent, key and signature shapes, escapes and truncates', () => {
    const text = `key ${SECRETS.anthropicKey.slice(3, 30)} sig Signature=${'a'.repeat(64)} other sk-ant-oat01-zzzzzzzzzzzz \u001b[31mred ${'x'.repeat(400)}`;
    const shown = serverText(text, [SECRETS.anthropicKey]);
    assertNoSecrets(shown);
    expect(shown).not.toContain('\u001b');
    expect(shown).toContain('\\x1b');
    expect(shown).toContain('Signature=[redacted]');
    expect(shown).toContain('sk-ant-[redacted]');
    expect([...shown].length).toBeLessThanOrEqual(160);
    expect(redactSecrets('abc', [SECRETS.secretAccessKey])).toBe('abc');
  });
});

describe('AWS profiles without the SDK', () => {
  it('static keys from credentials or config; SSO, roles and processes are named, not guessed', () => {
    expect(profileKeys('w', `[w]\naws_access_key_id = AKIAX\naws_secret_access_key = s\naws_session_token = t\n`, null)).toEqual({ kind: 'static', accessKeyId: 'AKIAX', secretAccessKey: 's', sessionToken: 't', source: 'credentials' });
    expect(profileKeys('w', null, `[profile w]\naws_access_key_id=AKIAY\naws_secret_access_key=s2\n`)).toMatchObject({ kind: 'static', accessKeyId: 'AKIAY', source: 'config' });
    expect(profileKeys('default', null, `[default]\naws_access_key_id=AKIAZ\naws_secret_access_key=s3\n`)).toMatchObject({ accessKeyId: 'AKIAZ' });
    expect(profileKeys('s', null, '[profile s]\nsso_start_url = https://x\n')).toMatchObject({ kind: 'untestable', reason: expect.stringContaining('SSO') as string });
    expect(profileKeys('r', null, '[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = w\n')).toMatchObject({ reason: expect.stringContaining('assumes a role') as string });
    expect(profileKeys('p', null, '[profile p]\ncredential_process = /bin/x\n')).toMatchObject({ reason: expect.stringContaining('credential_process') as string });
    expect(profileKeys('missing', '', '')).toMatchObject({ reason: expect.stringContaining('no such profile') as string });
  });
});
