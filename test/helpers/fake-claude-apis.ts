import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { resolve } from 'node:path';

import { verifySigV4, type ReceivedRequest } from './sigv4-verifier.js';

/**
 * Loopback servers for connection tests: one plays Anthropic's Models API and Bedrock's
 * control plane with the documented response shapes and status codes (and verifies SigV4
 * signatures independently of cuti's signer); a CONNECT proxy; a server that never
 * answers; a port that refuses connections.
 */

/** A self-signed certificate for `localhost` and 127.0.0.1, for tests only (valid until 2126). */
export const TLS_CERT_FILE = resolve(import.meta.dirname, '../fixtures/tls-localhost.crt');
const TLS_KEY_FILE = resolve(import.meta.dirname, '../fixtures/tls-localhost.key');

export type AnthropicBehaviour = 'works' | 'revoked' | 'denied' | 'billing' | 'limited' | 'overloaded' | 'server-error' | 'echo';
export type AwsBehaviour = 'works' | 'denied' | 'expired' | 'throttled' | 'no-form' | 'echo';

export interface AwsCredentialSpec {
  secretAccessKey: string;
  sessionToken?: string;
  behaviour: AwsBehaviour;
}

export interface FakeApisConfig {
  anthropicKeys: Record<string, AnthropicBehaviour>;
  /** By access key id. */
  awsKeys: Record<string, AwsCredentialSpec>;
  /** Bedrock API keys (bearer), by token. */
  bedrockTokens: Record<string, AwsBehaviour>;
  /** Model ids and inference profile ids that exist, by region. */
  bedrockModels: Record<string, string[]>;
  /** Answer every request after this long (the benchmark's slow server). */
  delayMs?: number;
  /** Microsoft Foundry API keys, and the deployments every resource has. */
  foundryKeys?: Record<string, FoundryBehaviour>;
  foundryDeployments?: string[];
  /** Google service accounts (by client_email, with the public half of their key) and refresh tokens. */
  googleServiceAccounts?: Record<string, { publicKey: string; behaviour: VertexBehaviour }>;
  googleRefreshTokens?: Record<string, VertexBehaviour>;
  /** Vertex projects that exist, and the Claude models enabled in each. */
  vertexProjects?: Record<string, string[]>;
}

/** `revoked`: the token endpoint refuses the key; `denied`: the token works but lacks the permission. */
export type VertexBehaviour = 'works' | 'revoked' | 'denied';

export type FoundryBehaviour = 'works' | 'denied' | 'limited';

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: Array<[string, string]>;
  /** What the verifier concluded, for Bedrock requests signed with SigV4. */
  sigv4?: { ok: boolean; code?: string; region?: string; accessKeyId?: string };
}

export interface FakeApis {
  url: string;
  port: number;
  seen: SeenRequest[];
  /** The most requests it was answering at one time. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

function pairs(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function anthropicError(res: ServerResponse, status: number, type: string, message: string): void {
  send(res, status, { type: 'error', error: { type, message }, request_id: 'req_011CTESTfake0001' }, { 'request-id': 'req_011CTESTfake0001' });
}

function awsError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { message }, { 'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazon.coral.service/`, 'x-amzn-requestid': '6a1b2c3d-0000-4000-8000-000000000000' });
}

function handleAnthropic(config: FakeApisConfig, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
  if (req.headers['anthropic-version'] !== '2023-06-01') return anthropicError(res, 400, 'invalid_request_error', 'anthropic-version header is required');
  if (query.get('limit') !== '1') return anthropicError(res, 400, 'invalid_request_error', 'expected limit=1 in this test');
  const key = req.headers['x-api-key'];
  const behaviour = typeof key === 'string' ? config.anthropicKeys[key] : undefined;
  switch (behaviour) {
    case 'works':
      return send(res, 200, {
        data: [{ type: 'model', id: 'claude-sonnet-4-5-20250929', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' }],
        has_more: true,
        first_id: 'claude-sonnet-4-5-20250929',
        last_id: 'claude-sonnet-4-5-20250929',
      });
    case 'denied':
      return anthropicError(res, 403, 'permission_error', 'Your API key does not have permission to use the specified resource.');
    case 'billing':
      return anthropicError(res, 402, 'billing_error', 'Your credit balance is too low to access the Anthropic API.');
    case 'limited':
      return anthropicError(res, 429, 'rate_limit_error', 'Number of requests has exceeded your rate limit.');
    case 'overloaded':
      return anthropicError(res, 529, 'overloaded_error', 'Overloaded');
    case 'server-error':
      return anthropicError(res, 500, 'api_error', 'Internal server error');
    case 'echo':
      // A hostile or careless server: echoes the key it was sent, with terminal escapes.
      return anthropicError(res, 400, 'invalid_request_error', `bad key \u001b]0;pwned\u0007${String(key)} ${'x'.repeat(500)}`);
    default:
      return anthropicError(res, 401, 'authentication_error', 'invalid x-api-key');
  }
}

/** Foundry's `…/anthropic/v1/messages/count_tokens`, answered in Azure's shapes. */
function handleFoundry(config: FakeApisConfig, req: IncomingMessage, res: ServerResponse, body: string): void {
  const key = req.headers['x-api-key'];
  const behaviour = typeof key === 'string' ? config.foundryKeys?.[key] : undefined;
  if (behaviour === undefined) {
    return send(res, 401, { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } });
  }
  if (behaviour === 'denied') return send(res, 403, { error: { code: 'PermissionDenied', message: 'The principal lacks the required data action.' } });
  if (behaviour === 'limited') return anthropicError(res, 429, 'rate_limit_error', 'Number of requests has exceeded your rate limit.');
  let model: unknown;
  try {
    model = (JSON.parse(body) as { model?: unknown; messages?: unknown }).model;
  } catch {
    return anthropicError(res, 400, 'invalid_request_error', 'body is not JSON');
  }
  if (typeof model !== 'string' || !(config.foundryDeployments ?? []).includes(model)) {
    return send(res, 404, { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } });
  }
  return send(res, 200, { input_tokens: 8 });
}

function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  send(res, status, { error, error_description: description });
}

/**
 * Google's token endpoint: a JWT bearer assertion (its RS256 signature verified with the
 * service account's public key, its audience and expiry checked) or a refresh token.
 */
function handleGoogleToken(config: FakeApisConfig, res: ServerResponse, body: string, issued: Map<string, VertexBehaviour>, tokenUrl: string): void {
  const form = new URLSearchParams(body);
  let behaviour: VertexBehaviour | undefined;
  if (form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    const [header = '', claims = '', signature = ''] = (form.get('assertion') ?? '').split('.');
    const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8') || '{}') as { iss?: string; aud?: string; exp?: number; iat?: number; scope?: string };
    const account = config.googleServiceAccounts?.[decoded.iss ?? ''];
    if (!account) return oauthError(res, 400, 'invalid_grant', 'Invalid grant: account not found');
    const valid = verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), account.publicKey, Buffer.from(signature, 'base64url'));
    if (!valid) return oauthError(res, 400, 'invalid_grant', 'Invalid JWT Signature.');
    const now = Date.now() / 1000;
    if (decoded.aud !== tokenUrl || (decoded.exp ?? 0) < now || (decoded.exp ?? 0) - (decoded.iat ?? 0) > 3600 || !decoded.scope?.includes('cloud-platform')) {
      return oauthError(res, 400, 'invalid_grant', 'Invalid JWT: audience, expiry or scope');
    }
    behaviour = account.behaviour;
  } else if (form.get('grant_type') === 'refresh_token') {
    behaviour = config.googleRefreshTokens?.[form.get('refresh_token') ?? ''];
    if (behaviour === undefined) return oauthError(res, 400, 'invalid_grant', 'Bad Request');
  } else {
    return oauthError(res, 400, 'unsupported_grant_type', 'Invalid grant_type');
  }
  if (behaviour === 'revoked') return oauthError(res, 400, 'invalid_grant', 'Invalid grant: account not found');
  const token = `ya29.fake-${issued.size}-${Math.random().toString(36).slice(2)}`;
  issued.set(token, behaviour);
  return send(res, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
}

const VERTEX_COUNT = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/count-tokens:rawPredict$/;

function googleError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { error: { code: status, message, status: code } });
}

/** Vertex AI's count-tokens for Claude, in Google's error shapes. */
function handleVertex(config: FakeApisConfig, req: IncomingMessage, res: ServerResponse, path: string, body: string, issued: Map<string, VertexBehaviour>): void {
  const [, project = '', location = ''] = VERTEX_COUNT.exec(path) ?? [];
  const authorization = req.headers.authorization ?? '';
  const behaviour = authorization.startsWith('Bearer ') ? issued.get(authorization.slice('Bearer '.length)) : undefined;
  if (behaviour === undefined) return googleError(res, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.');
  const models = config.vertexProjects?.[decodeURIComponent(project)];
  if (behaviour === 'denied' || models === undefined) {
    return googleError(res, 403, 'PERMISSION_DENIED', `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/${project}/locations/${location}/publishers/anthropic/models/count-tokens' (or it may not exist).`);
  }
  const model = (JSON.parse(body) as { model?: string }).model ?? '';
  if (!models.includes(model)) return googleError(res, 404, 'NOT_FOUND', `Publisher Model \`projects/${project}/locations/${location}/publishers/anthropic/models/${model}\` was not found or your project does not have access to it.`);
  return send(res, 200, { input_tokens: 8 });
}

function bedrockTarget(path: string): { kind: 'profile' | 'model' | 'list'; id?: string } | null {
  const profile = /^\/inference-profiles\/([^/]+)$/.exec(path);
  if (profile) return { kind: 'profile', id: decodeURIComponent(profile[1]!) };
  const model = /^\/foundation-models\/([^/]+)$/.exec(path);
  if (model) return { kind: 'model', id: decodeURIComponent(model[1]!) };
  if (path === '/foundation-models') return { kind: 'list' };
  return null;
}

function handleBedrock(config: FakeApisConfig, req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string, seen: SeenRequest): void {
  const target = bedrockTarget(path)!;
  const received: ReceivedRequest = { method: req.method ?? 'GET', path, query: rawQuery, headers: pairs(req.rawHeaders), body: '' };
  const authorization = req.headers.authorization ?? '';
  let behaviour: AwsBehaviour | undefined;
  let region: string;
  let echo: string;
  if (authorization.startsWith('Bearer ')) {
    const token = authorization.slice('Bearer '.length);
    behaviour = config.bedrockTokens[token];
    if (behaviour === undefined) return awsError(res, 403, 'UnrecognizedClientException', 'Invalid API Key format: Must start with pre-defined prefix');
    // A Bedrock API key is region-bound; the test server takes the region from the Host it was sent to.
    region = (req.headers['x-test-region'] as string | undefined) ?? Object.keys(config.bedrockModels)[0]!;
    echo = token;
  } else {
    const verdict = verifySigV4(received, (id) => config.awsKeys[id], { service: 'bedrock', maxSkewMs: 15 * 60 * 1000 });
    seen.sigv4 = verdict.ok ? { ok: true, region: verdict.region, accessKeyId: verdict.accessKeyId } : { ok: false, code: verdict.code };
    if (!verdict.ok) return awsError(res, verdict.code === 'IncompleteSignatureException' ? 400 : 403, verdict.code, verdict.message);
    const spec = config.awsKeys[verdict.accessKeyId]!;
    behaviour = spec.behaviour;
    region = verdict.region;
    echo = spec.secretAccessKey;
  }
  const action = target.kind === 'profile' ? 'GetInferenceProfile' : target.kind === 'model' ? 'GetFoundationModel' : 'ListFoundationModels';
  switch (behaviour) {
    case 'expired':
      return awsError(res, 403, 'ExpiredTokenException', 'The security token included in the request is expired');
    case 'denied':
      return awsError(res, 403, 'AccessDeniedException', `User: arn:aws:iam::123456789012:user/tester is not authorized to perform: bedrock:${action} because no identity-based policy allows the bedrock:${action} action`);
    case 'throttled':
      return awsError(res, 429, 'ThrottlingException', 'Too many requests, please wait before trying again.');
    case 'no-form':
      return awsError(res, 404, 'FTUFormNotFilled', 'Model use case details have not been submitted for this account.');
    case 'echo':
      return awsError(res, 400, 'ValidationException', `signature ${echo} rejected: ${authorization}`);
    default:
      break;
  }
  const models = config.bedrockModels[region] ?? [];
  if (target.kind === 'list') {
    return send(res, 200, { modelSummaries: models.filter((m) => m.startsWith('anthropic.')).map((modelId) => ({ modelId, providerName: 'Anthropic' })) });
  }
  if (!models.includes(target.id!)) {
    const what = target.kind === 'profile' ? 'Inference profile' : 'Model';
    return awsError(res, 404, 'ResourceNotFoundException', `${what} ${target.id} not found in ${region}.`);
  }
  if (target.kind === 'profile') {
    return send(res, 200, {
      inferenceProfileId: target.id,
      inferenceProfileName: `US ${target.id}`,
      inferenceProfileArn: `arn:aws:bedrock:${region}:123456789012:inference-profile/${target.id}`,
      models: [{ modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${target.id!.split('.').slice(1).join('.')}` }, { modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/x' }],
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
    });
  }
  return send(res, 200, {
    modelDetails: { modelId: target.id, modelArn: `arn:aws:bedrock:${region}::foundation-model/${target.id}`, providerName: 'Anthropic', modelLifecycle: { status: 'ACTIVE' } },
  });
}

function handler(config: FakeApisConfig, seen: SeenRequest[], load: { inFlight: number; max: number }, origin: () => string) {
  const issued = new Map<string, VertexBehaviour>();
  return (req: IncomingMessage, res: ServerResponse) => {
    load.inFlight += 1;
    load.max = Math.max(load.max, load.inFlight);
    res.on('close', () => (load.inFlight -= 1));
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);
    const entry: SeenRequest = { method: req.method ?? '', url: rawUrl, headers: req.headers, rawHeaders: pairs(req.rawHeaders) };
    seen.push(entry);
    let body = '';
    const respond = () => {
      if (req.method === 'POST' && path.endsWith('/v1/messages/count_tokens') && config.foundryKeys) return handleFoundry(config, req, res, body);
      if (req.method === 'POST' && path === '/token') return handleGoogleToken(config, res, body, issued, `${origin()}/token`);
      if (req.method === 'POST' && VERTEX_COUNT.test(path)) return handleVertex(config, req, res, path, body, issued);
      if (req.method !== 'GET') return send(res, 405, { message: 'GET only' });
      if (path === '/v1/models') return handleAnthropic(config, req, res, new URLSearchParams(rawQuery));
      if (bedrockTarget(path)) return handleBedrock(config, req, res, path, rawQuery, entry);
      return send(res, 404, { message: `no route ${path}` });
    };
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (config.delayMs) setTimeout(respond, config.delayMs);
      else respond();
    });
  };
}

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  return new Promise((resolvePort) => server.listen(0, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port)));
}

function closer(server: Server | ReturnType<typeof createTcpServer>, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise((done) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => done());
    });
}

function track(server: Server | ReturnType<typeof createTcpServer>): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

/** Both APIs on one loopback port, over HTTP, or HTTPS with the test certificate. */
export async function startFakeApis(config: FakeApisConfig, options: { tls?: boolean } = {}): Promise<FakeApis> {
  const seen: SeenRequest[] = [];
  const load = { inFlight: 0, max: 0 };
  let url = '';
  const handle = handler(config, seen, load, () => url);
  const server = options.tls ? createHttpsServer({ cert: readFileSync(TLS_CERT_FILE), key: readFileSync(TLS_KEY_FILE) }, handle) : createHttpServer(handle);
  const sockets = track(server);
  const port = await listen(server);
  url = `${options.tls ? 'https' : 'http'}://${options.tls ? 'localhost' : '127.0.0.1'}:${port}`;
  return {
    url,
    port,
    seen,
    get maxInFlight() {
      return load.max;
    },
    close: closer(server, sockets),
  };
}

export interface FakeProxy {
  url: string;
  /** `host:port` of every CONNECT, and the absolute URL of every forwarded request. */
  tunnels: string[];
  /** Proxy-Authorization headers received. */
  auth: string[];
  close(): Promise<void>;
}

/** An HTTP proxy: CONNECT tunnels (for HTTPS) and requests in absolute form (plain HTTP), forwarded. */
export async function startConnectProxy(options: { refuse?: number } = {}): Promise<FakeProxy> {
  const tunnels: string[] = [];
  const auth: string[] = [];
  const server = createHttpServer((req, res) => {
    tunnels.push(req.url ?? '');
    const header = req.headers['proxy-authorization'];
    if (header) auth.push(header);
    if (options.refuse) {
      res.writeHead(options.refuse).end();
      return;
    }
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const header = req.headers['proxy-authorization'];
    if (header) auth.push(header);
    if (options.refuse) {
      client.end(`HTTP/1.1 ${options.refuse} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const sockets = track(server);
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, tunnels, auth, close: closer(server, sockets) };
}

/** A server that accepts connections and never says a word. */
export async function startHangingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createTcpServer(() => undefined);
  const sockets = track(server);
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: closer(server, sockets) };
}

/** A loopback port nothing listens on (bound, then released). */
export async function refusedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
