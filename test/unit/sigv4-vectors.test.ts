import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { signParts } from '../../src/accounts/connection-test/sigv4.js';
import { canonicalRequest, signature, stringToSign, verifySigV4, type ReceivedRequest } from '../helpers/sigv4-verifier.js';

/**
 * AWS's published SigV4 test suite (source named in the fixture): the signer cuti ships
 * must produce each Authorization header exactly, and the test servers' independent
 * verifier must reproduce each canonical request, string to sign and signature.
 */
interface Vector {
  name: string;
  request: { method: string; path: string; query: string; headers: Array<[string, string]>; body: string };
  creq: string;
  sts: string;
  authz: string;
}
const suite = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/aws-sigv4-test-suite.json'), 'utf8')) as {
  config: { service: string; region: string; accessKeyId: string; secretAccessKey: string; sessionToken: string; date: string };
  vectors: Vector[];
};
const { config } = suite;

function queryObject(query: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const part of query.split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    const [name, value] = eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    const existing = out[name];
    out[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return out;
}

/** Repeated header names become one comma-joined value, as an HTTP client sends them. */
function headerObject(headers: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? value : `${out[key]},${value}`;
  }
  return out;
}

describe('SigV4 against AWS test suite vectors', () => {
  expect(suite.vectors.length).toBeGreaterThanOrEqual(20);

  it.each(suite.vectors.map((v) => [v.name, v] as const))('%s: the signer produces the published Authorization', async (_name, vector) => {
    const headers = headerObject(vector.request.headers);
    const sessionToken = headers['x-amz-security-token'];
    delete headers['x-amz-security-token'];
    delete headers['x-amz-date'];
    const signed = await signParts(
      {
        method: vector.request.method,
        hostname: headers.host!,
        path: vector.request.path,
        query: queryObject(vector.request.query),
        headers,
        body: vector.request.body,
      },
      { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
      { region: config.region, service: config.service },
      new Date(config.date),
    );
    expect(signed.authorization).toBe(vector.authz);
    expect(signed['x-amz-date']).toBe('20150830T123600Z');
  });

  it.each(suite.vectors.map((v) => [v.name, v] as const))('%s: the independent verifier agrees step by step', (_name, vector) => {
    const received: ReceivedRequest = { ...vector.request, headers: vector.request.headers };
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(vector.authz)![1]!.split(';');
    const creq = canonicalRequest(received, signedHeaders);
    expect(creq).toBe(vector.creq);
    const sts = stringToSign('20150830T123600Z', '20150830/us-east-1/service/aws4_request', creq);
    expect(sts).toBe(vector.sts);
    expect(signature(config.secretAccessKey, { date: '20150830', region: 'us-east-1', service: 'service' }, sts)).toBe(/Signature=(\w+)/.exec(vector.authz)![1]);
    const withAuth: ReceivedRequest = { ...received, headers: [...received.headers, ['Authorization', vector.authz]] };
    const lookup = (id: string) => (id === config.accessKeyId ? { secretAccessKey: config.secretAccessKey } : undefined);
    expect(verifySigV4(withAuth, lookup, { service: 'service' }).ok).toBe(true);
  });

  it('the verifier refuses a wrong secret, an unknown key id, a changed path and a dropped token', () => {
    const vector = suite.vectors.find((v) => v.name === 'post-sts-header-before')!;
    const request: ReceivedRequest = { ...vector.request, headers: [...vector.request.headers, ['Authorization', vector.authz]] };
    const good = { secretAccessKey: config.secretAccessKey, sessionToken: config.sessionToken };
    expect(verifySigV4(request, () => good, { service: 'service' })).toMatchObject({ ok: true });
    expect(verifySigV4(request, () => ({ ...good, secretAccessKey: `${config.secretAccessKey}x` }), { service: 'service' })).toMatchObject({ ok: false, code: 'InvalidSignatureException' });
    expect(verifySigV4(request, () => undefined, { service: 'service' })).toMatchObject({ ok: false, code: 'UnrecognizedClientException' });
    expect(verifySigV4({ ...request, path: '/other' }, () => good, { service: 'service' })).toMatchObject({ ok: false, code: 'InvalidSignatureException' });
    const noToken = { ...request, headers: request.headers.filter(([n]) => n !== 'X-Amz-Security-Token') };
    expect(verifySigV4(noToken, () => good, { service: 'service' })).toMatchObject({ ok: false });
    expect(verifySigV4(request, () => good, { service: 'bedrock' })).toMatchObject({ ok: false, code: 'InvalidSignatureException' });
  });
});
