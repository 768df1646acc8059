import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

import { SignatureV4 } from '@smithy/signature-v4';

/** AWS credentials as SigV4 needs them. */
export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytes(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 and HMAC-SHA-256 from Node's crypto, in the shape the signer asks for. */
export class NodeSha256 {
  readonly #secret: SourceData | undefined;
  #hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.#secret = secret;
    this.#hash = this.#fresh();
  }
  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.#secret));
  }
  update(data: SourceData): void {
    this.#hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
  reset(): void {
    this.#hash = this.#fresh();
  }
}

export interface SignableRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Signs a request with AWS Signature Version 4 (smithy's implementation, the one the AWS
 * SDK uses), proven against AWS's published test suite in test/unit/sigv4-vectors.test.ts.
 * Returns the headers to send: the given ones plus host, x-amz-date, the session token
 * if any, and Authorization.
 */
export async function signRequest(
  request: SignableRequest,
  keys: AwsKeys,
  scope: { region: string; service: string },
  signingDate?: Date,
): Promise<Record<string, string>> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of request.url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return signParts(
    {
      method: request.method,
      hostname: request.url.hostname,
      path: request.url.pathname,
      query,
      headers: { host: request.url.host, ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
    },
    keys,
    scope,
    signingDate,
  );
}

/** A request as the signer sees it: the path as sent (already percent-encoded), the query decoded. */
export interface RequestParts {
  method: string;
  hostname: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: string;
}

export async function signParts(
  parts: RequestParts,
  keys: AwsKeys,
  scope: { region: string; service: string },
  signingDate?: Date,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: scope.service,
    region: scope.region,
    credentials: {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
    },
    sha256: NodeSha256,
    // No x-amz-content-sha256 header: Bedrock's control plane does not ask for one, and
    // the payload hash is in the canonical request either way.
    applyChecksum: false,
  });
  const signed = await signer.sign({ protocol: 'https:', ...parts }, signingDate === undefined ? {} : { signingDate });
  return signed.headers;
}
