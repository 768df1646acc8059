import { describe, expect, it } from 'vitest';

import { classifyCountTokens, foundryCountTokensUrl, vertexCountTokensUrl } from '../../src/domain/connection-test/count-tokens-probe.js';
import { adcFilePath, classifyGoogleToken } from '../../src/domain/connection-test/google-token.js';

const path = '/v1/projects/p-123456/locations/LOC/publishers/anthropic/models/count-tokens:rawPredict';

describe('where the free token count goes', () => {
  it('Vertex: the global host, the multi-region hosts, a regional host, or ANTHROPIC_VERTEX_BASE_URL', () => {
    expect(vertexCountTokensUrl('p-123456', 'global', {})).toBe(`https://aiplatform.googleapis.com${path.replace('LOC', 'global')}`);
    expect(vertexCountTokensUrl('p-123456', 'eu', {})).toBe(`https://aiplatform.eu.rep.googleapis.com${path.replace('LOC', 'eu')}`);
    expect(vertexCountTokensUrl('p-123456', 'us-east5', {})).toBe(`https://us-east5-aiplatform.googleapis.com${path.replace('LOC', 'us-east5')}`);
    expect(vertexCountTokensUrl('p-123456', 'us-east5', { ANTHROPIC_VERTEX_BASE_URL: 'http://127.0.0.1:9/' })).toBe(`http://127.0.0.1:9${path.replace('LOC', 'us-east5')}`);
  });

  it('Foundry: the stored base URL first, then ANTHROPIC_FOUNDRY_BASE_URL, then the resource', () => {
    expect(foundryCountTokensUrl({ resource: 'r1' }, {})).toBe('https://r1.services.ai.azure.com/anthropic/v1/messages/count_tokens');
    expect(foundryCountTokensUrl({ resource: 'r1' }, { ANTHROPIC_FOUNDRY_BASE_URL: 'http://gw/x/' })).toBe('http://gw/x/v1/messages/count_tokens');
    expect(foundryCountTokensUrl({ baseUrl: 'https://b/anthropic' }, { ANTHROPIC_FOUNDRY_BASE_URL: 'http://gw' })).toBe('https://b/anthropic/v1/messages/count_tokens');
  });

  it('application default credentials: CLOUDSDK_CONFIG, else ~/.config/gcloud, else %APPDATA%\\gcloud on Windows', () => {
    expect(adcFilePath({}, 'linux', '/home/u')).toBe('/home/u/.config/gcloud/application_default_credentials.json');
    expect(adcFilePath({ CLOUDSDK_CONFIG: '/etc/g' }, 'linux', '/home/u')).toBe('/etc/g/application_default_credentials.json');
    expect(adcFilePath({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\gcloud\\application_default_credentials.json');
  });
});

describe('verdicts', () => {
  const answer = (status: number, body: unknown) => ({ status, headers: {}, body: JSON.stringify(body) });
  it('a token count works; Google and Azure errors map to rejected, denied, not found', () => {
    expect(classifyCountTokens(answer(200, { input_tokens: 8 }), "model 'm'", []).verdict).toBe('works');
    expect(classifyCountTokens(answer(200, { nope: 1 }), "model 'm'", []).verdict).toBe('unknown');
    expect(classifyCountTokens(answer(401, { error: { code: 401, status: 'UNAUTHENTICATED', message: 'x' } }), 'm', []).verdict).toBe('rejected');
    expect(classifyCountTokens(answer(403, { error: { code: 403, status: 'PERMISSION_DENIED', message: 'x' } }), 'm', []).verdict).toBe('denied');
    expect(classifyCountTokens(answer(404, { error: { code: 'DeploymentNotFound', message: 'x' } }), 'm', []).verdict).toBe('not found');
    expect(classifyCountTokens(answer(401, { error: { code: '401', message: 'Access denied' } }), 'm', []).verdict).toBe('rejected');
  });

  it('the token endpoint: a token, or its OAuth error, the secrets it may echo cut out', () => {
    expect(classifyGoogleToken(answer(200, { access_token: 'ya29.t' }), [])).toEqual({ accessToken: 'ya29.t' });
    const refused = classifyGoogleToken(answer(400, { error: 'invalid_grant', error_description: 'bad refresh-token-SECRET-value' }), ['refresh-token-SECRET-value']);
    expect(refused).toMatchObject({ verdict: 'rejected', errorCode: 'invalid_grant' });
    expect(JSON.stringify(refused)).not.toContain('refresh-token-SECRET-value');
    expect(classifyGoogleToken(answer(503, {}), [])).toMatchObject({ verdict: 'unknown', httpStatus: 503 });
  });
});
