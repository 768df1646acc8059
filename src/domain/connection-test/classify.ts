import { serverText } from './server-text.js';
import type { Outcome, TransportFailure } from './verdict.js';

/**
 * From an answer (status, headers, body) or a failure to get one, to a verdict. Pure, so
 * every status and error shape is tested without a network. Facts: Anthropic's error
 * types and AWS's common error codes (see the README's "Testing a credential").
 */

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function header(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The server's own words, made safe, after `prefix`; or just `prefix`. */
function withMessage(prefix: string, message: string | undefined, secrets: readonly string[]): string {
  const text = message === undefined ? '' : serverText(message, secrets);
  return text === '' ? prefix : `${prefix}: ${text}`;
}

// ---------------------------------------------------------------------------------------
// Anthropic: GET /v1/models?limit=1

export function classifyAnthropic(answer: HttpAnswer, secrets: readonly string[]): Outcome {
  const doc = parseJson(answer.body);
  const { status } = answer;
  if (status >= 200 && status < 300) {
    const data = Array.isArray(doc?.data) ? (doc.data as unknown[]) : null;
    if (data === null) return { verdict: 'unknown', httpStatus: status, detail: `HTTP ${status}, but not a model list` };
    const first = data[0] as Record<string, unknown> | undefined;
    const id = str(first?.id);
    return {
      verdict: 'works',
      httpStatus: status,
      detail: id ? `key accepted; models listed (first: ${serverText(id, secrets, 60)})` : 'key accepted; no models listed',
    };
  }
  const error = (doc?.error ?? {}) as Record<string, unknown>;
  const type = str(error.type);
  const message = str(error.message);
  const base = { httpStatus: status, ...(type ? { errorCode: type } : {}) };
  const said = (prefix: string) => withMessage(prefix, message, secrets);
  if (status === 401 || type === 'authentication_error') {
    return { ...base, verdict: 'rejected', detail: said('the key is invalid, revoked or expired (401)') };
  }
  if (status === 403 || type === 'permission_error') {
    return { ...base, verdict: 'denied', detail: said('the key is valid but lacks permission (403)') };
  }
  if (status === 402 || type === 'billing_error') {
    return { ...base, verdict: 'denied', detail: said('the key is valid but billing stops it (402)') };
  }
  if (status === 429 || status === 529 || type === 'rate_limit_error' || type === 'overloaded_error') {
    const what = status === 529 || type === 'overloaded_error' ? 'overloaded' : 'rate-limited';
    return { ...base, verdict: 'limited', detail: said(`the key is valid; ${what} (${status})`) };
  }
  return { ...base, verdict: 'unknown', detail: said(`HTTP ${status}${type ? ` ${type}` : ''}`) };
}

// ---------------------------------------------------------------------------------------
// Bedrock control plane

/** Credential problems: the request was not accepted as coming from anyone. */
const AWS_REJECTED = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'ExpiredToken',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'InvalidAccessKeyId',
  'AuthFailure',
  'TokenRefreshRequired',
  'UnauthorizedException',
]);
const AWS_LIMITED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'ServiceUnavailableException', 'ServiceQuotaExceededException']);

/** `com.amazon.coral.service#AccessDeniedException` or `AccessDeniedException:http://…` → `AccessDeniedException`. */
export function awsErrorCode(answer: HttpAnswer, doc: Record<string, unknown> | null): string | undefined {
  const raw = header(answer, 'x-amzn-errortype') ?? str(doc?.__type) ?? str(doc?.code) ?? str(doc?.Code);
  if (raw === undefined) return undefined;
  const name = raw.split(':')[0]!.split('#').pop()!.trim();
  return /^[A-Za-z][A-Za-z0-9_.-]{0,80}$/.test(name) ? name : undefined;
}

export interface BedrockProbeInfo {
  /** `inference profile us.anthropic…` or `model anthropic…`, for details. */
  what: string;
  region: string;
}

export function classifyBedrock(answer: HttpAnswer, probe: BedrockProbeInfo, secrets: readonly string[]): Outcome {
  const doc = parseJson(answer.body);
  const { status } = answer;
  const where = `${probe.what} in ${probe.region}`;
  if (status >= 200 && status < 300) return { verdict: 'works', httpStatus: status, detail: provedByBedrock(doc, where, secrets) };
  const code = awsErrorCode(answer, doc);
  const message = str(doc?.message) ?? str(doc?.Message);
  const base = { httpStatus: status, ...(code ? { errorCode: code } : {}) };
  const said = (prefix: string) => withMessage(prefix, message, secrets);
  const named = code ? ` (${code})` : ` (${status})`;
  if (code === 'ExpiredTokenException' || code === 'ExpiredToken') {
    return { ...base, verdict: 'rejected', detail: said(`the credentials have expired${named}`) };
  }
  if ((code !== undefined && AWS_REJECTED.has(code)) || (code === undefined && status === 401)) {
    return { ...base, verdict: 'rejected', detail: said(`the credentials were not accepted${named}`) };
  }
  if (code === 'AccessDeniedException' || code === 'AccessDenied') {
    return { ...base, verdict: 'denied', detail: said(`the credentials are valid but lack access to ${where}${named}`) };
  }
  if (code === 'FTUFormNotFilled') {
    return { ...base, verdict: 'denied', detail: said(`Anthropic models need the use-case form submitted first${named}`) };
  }
  if (code === 'ResourceNotFoundException' || (code === undefined && status === 404)) {
    return { ...base, verdict: 'not found', detail: said(`no ${where}${named}`) };
  }
  if ((code !== undefined && AWS_LIMITED.has(code)) || status === 429 || status === 529) {
    return { ...base, verdict: 'limited', detail: said(`the credentials are valid; rate-limited or overloaded${named}`) };
  }
  return { ...base, verdict: 'unknown', detail: said(`HTTP ${status}${code ? ` ${code}` : ''}`) };
}

/** What a 2xx from GetInferenceProfile / GetFoundationModel / ListFoundationModels proved. */
function provedByBedrock(doc: Record<string, unknown> | null, where: string, secrets: readonly string[]): string {
  const safe = (v: string | undefined) => (v === undefined ? undefined : serverText(v, secrets, 40));
  if (doc && Array.isArray(doc.modelSummaries)) return `credentials accepted; ${doc.modelSummaries.length} Anthropic model(s) listed in ${where.split(' in ').pop()}`;
  const details = (doc?.modelDetails ?? null) as Record<string, unknown> | null;
  const lifecycle = (details?.modelLifecycle ?? null) as Record<string, unknown> | null;
  const status = safe(str(doc?.status) ?? str(lifecycle?.status));
  const models = Array.isArray(doc?.models) ? `, ${doc.models.length} regional model(s)` : '';
  return `${where} exists and the credentials may read it${status ? ` (${status}${models})` : models ? ` (${models.slice(2)})` : ''}`;
}

// ---------------------------------------------------------------------------------------
// No answer at all

/** What an error from the HTTP client tells about where the request failed. */
export interface ErrorFacts {
  code?: string;
  message: string;
  /** The per-request deadline passed. */
  timedOut: boolean;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'EPIPE',
  'ECONNABORTED',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** The first failure kind any error in a cause chain points at. */
export function transportFailure(chain: readonly ErrorFacts[]): { failure: TransportFailure; code?: string } {
  if (chain.some((e) => e.timedOut)) return { failure: 'timeout' };
  for (const e of chain) {
    if (/proxy response \(\d+\)/i.test(e.message)) return { failure: 'proxy', ...(e.code ? { code: e.code } : {}) };
    if (e.code === undefined) continue;
    if (DNS_CODES.has(e.code)) return { failure: 'dns', code: e.code };
    if (TIMEOUT_CODES.has(e.code)) return { failure: 'timeout', code: e.code };
    if (isTlsCode(e.code)) return { failure: 'tls', code: e.code };
    if (CONNECT_CODES.has(e.code)) return { failure: 'connect', code: e.code };
  }
  const tlsWords = chain.some((e) => /\b(tls|ssl|certificate)\b/i.test(e.message));
  const code = chain.map((e) => e.code).find((c) => c !== undefined);
  return { failure: tlsWords ? 'tls' : 'connect', ...(code ? { code } : {}) };
}

function isTlsCode(code: string): boolean {
  return (
    /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_)/.test(code) ||
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'HOSTNAME_MISMATCH', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER'].includes(code)
  );
}

/** The `unreachable` verdict, naming where it failed and the proxy in use. */
export function unreachable(
  chain: readonly ErrorFacts[],
  context: { host: string; proxy: string | null; timeoutMs: number },
): Outcome {
  const { failure, code } = transportFailure(chain);
  const via = context.proxy === null ? 'no proxy' : `via proxy ${context.proxy}`;
  const why = code ? ` (${code})` : '';
  const proxyStatus = chain.map((e) => /proxy response \((\d+)\)/i.exec(e.message)?.[1]).find((s) => s !== undefined);
  const text: Record<TransportFailure, string> = {
    dns: `DNS: cannot resolve ${context.proxy === null ? context.host : 'the proxy or host'}${why}`,
    connect: `connect: no connection to ${context.proxy === null ? context.host : 'the proxy'}${why}`,
    tls: `TLS: the secure connection to ${context.host} failed${why}`,
    timeout: `timeout: no answer from ${context.host} within ${formatSeconds(context.timeoutMs)}`,
    proxy: `proxy: the proxy refused to connect to ${context.host}${proxyStatus ? ` (it answered ${proxyStatus})` : ''}`,
  };
  return { verdict: 'unreachable', failure, ...(code ? { errorCode: code } : {}), detail: `${text[failure]}; ${via}` };
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
