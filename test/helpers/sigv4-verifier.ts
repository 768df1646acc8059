import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * An AWS Signature Version 4 verifier written from AWS's description of the algorithm,
 * independently of the signer cuti uses (@smithy/signature-v4), so a test server can
 * check a signature the way AWS would. Proven against AWS's test suite in
 * test/unit/sigv4-vectors.test.ts.
 */

/** A request as a server received it: raw path and query, header pairs as sent. */
export interface ReceivedRequest {
  method: string;
  /** The request target up to `?`, exactly as sent. */
  path: string;
  /** After `?`, exactly as sent ('' for none). */
  query: string;
  /** Name/value pairs in the order received (Node's `rawHeaders`). */
  headers: Array<[string, string]>;
  body: string;
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding of every byte except the unreserved characters. */
export function uriEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Non-S3 services: the path normalised, then every segment encoded once more. */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  if (segments.length === 0) return '/';
  return `/${segments.map(uriEncode).join('/')}${path.endsWith('/') ? '/' : ''}`;
}

export function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs = query
    .split('&')
    .filter((p) => p !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const [name, value] = eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
      return [uriEncode(safeDecode(name)), uriEncode(safeDecode(value))] as const;
    });
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

function canonicalHeaders(headers: Array<[string, string]>, signed: string[]): string {
  return signed
    .map((name) => {
      const values = headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v.trim().replace(/\s+/g, ' '));
      return `${name}:${values.join(',')}\n`;
    })
    .join('');
}

export function canonicalRequest(request: ReceivedRequest, signed: string[]): string {
  return [
    request.method,
    canonicalUri(request.path),
    canonicalQuery(request.query),
    canonicalHeaders(request.headers, signed),
    signed.join(';'),
    sha256Hex(request.body),
  ].join('\n');
}

export function stringToSign(amzDate: string, scope: string, creq: string): string {
  return ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(creq)].join('\n');
}

export function signature(secret: string, scope: { date: string; region: string; service: string }, sts: string): string {
  const kDate = hmac(`AWS4${secret}`, scope.date);
  const kRegion = hmac(kDate, scope.region);
  const kService = hmac(kRegion, scope.service);
  const kSigning = hmac(kService, 'aws4_request');
  return createHmac('sha256', kSigning).update(sts, 'utf8').digest('hex');
}

export interface StoredAwsCredential {
  secretAccessKey: string;
  sessionToken?: string;
}

export type Verification =
  | { ok: true; accessKeyId: string; region: string; service: string; signedHeaders: string[]; creq: string }
  | { ok: false; code: string; message: string };

/** Verifies the Authorization header of `request` as AWS would, for the credentials it knows. */
export function verifySigV4(
  request: ReceivedRequest,
  lookup: (accessKeyId: string) => StoredAwsCredential | undefined,
  options: { service: string; now?: Date; maxSkewMs?: number },
): Verification {
  const header = (name: string) => request.headers.find(([n]) => n.toLowerCase() === name)?.[1];
  const authorization = header('authorization');
  if (!authorization) return { ok: false, code: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  const match = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match) return { ok: false, code: 'IncompleteSignatureException', message: 'Authorization header requires Credential, SignedHeaders and Signature' };
  const [, accessKeyId, date, region, service, signedList, given] = match as unknown as [string, string, string, string, string, string, string];
  const amzDate = header('x-amz-date');
  if (!amzDate || !amzDate.startsWith(date)) return { ok: false, code: 'IncompleteSignatureException', message: 'X-Amz-Date is missing or does not match the credential scope' };
  if (service !== options.service) return { ok: false, code: 'InvalidSignatureException', message: `Credential should be scoped to correct service: '${options.service}'` };
  const signed = signedList.split(';');
  if (!signed.includes('host')) return { ok: false, code: 'InvalidSignatureException', message: "'Host' must be a signed header" };
  if (options.maxSkewMs !== undefined) {
    const at = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    if (!Number.isFinite(at) || Math.abs((options.now ?? new Date()).getTime() - at) > options.maxSkewMs) {
      return { ok: false, code: 'InvalidSignatureException', message: 'Signature expired: the request time is too far from the server time' };
    }
  }
  const stored = lookup(accessKeyId);
  if (!stored) return { ok: false, code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  const token = header('x-amz-security-token');
  if (stored.sessionToken !== undefined && (token !== stored.sessionToken || !signed.includes('x-amz-security-token'))) {
    return { ok: false, code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  }
  const creq = canonicalRequest(request, signed);
  const sts = stringToSign(amzDate, `${date}/${region}/${service}/aws4_request`, creq);
  const expected = signature(stored.secretAccessKey, { date, region, service }, sts);
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(given))) {
    return {
      ok: false,
      code: 'InvalidSignatureException',
      message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    };
  }
  return { ok: true, accessKeyId, region, service, signedHeaders: signed, creq };
}
