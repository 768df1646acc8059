import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

import { type ErrorFacts, type HttpAnswer, unreachable } from '../../domain/connection-test/classify.js';
import { displayProxy, proxyFor } from '../../domain/connection-test/proxy.js';
import { shown } from '../../domain/safe-text.js';
import type { Outcome } from '../../domain/connection-test/verdict.js';

/** A server's body is read only this far: verdicts show a short excerpt at most. */
const BODY_LIMIT = 64 * 1024;

export interface Exchange {
  endpoint: string;
  /** The proxy used, as shown to people (credentials removed), or null. */
  proxy: string | null;
}

export type SendResult = (Exchange & { answer: HttpAnswer }) | (Exchange & { failed: Outcome });

/** A proxy that answered CONNECT with anything but 200; the message is what classify.ts looks for. */
class ProxyRefusal extends Error {
  constructor(readonly status: number) {
    super(`proxy response (${status}) to CONNECT`);
  }
}

/**
 * One request per credential (a GET; a POST where the only free check is one) over Node's own http/https, no retries (a retry would hide the
 * first answer), one deadline per request that covers the proxy, connecting, TLS, headers
 * and body. Proxies come from the environment (src/domain/connection-test/proxy.ts): an
 * HTTPS target goes through a CONNECT tunnel, an http:// one is forwarded to the proxy in
 * absolute form, as curl does. Node's http was chosen over undici's ProxyAgent because it
 * tested 50 keys three to five times faster (no WebAssembly parser to warm up, nothing to
 * import), which is most of what `--all` costs.
 */
export class Transport {
  readonly #http = new HttpAgent({ keepAlive: true });
  readonly #https = new HttpsAgent({ keepAlive: true });
  /** CONNECT tunnels are one request each; a TLS socket over one does not close it. */
  readonly #tunnels = new Set<Socket>();

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly timeoutMs: number,
  ) {}

  get(url: URL, headers: Record<string, string>): Promise<SendResult> {
    return this.request('GET', url, headers);
  }

  /** A POST of a small body (Vertex's and Foundry's token counting, Google's token exchange), otherwise as `get`. */
  post(url: URL, headers: Record<string, string>, body: string): Promise<SendResult> {
    return this.request('POST', url, { ...headers, 'content-length': String(Buffer.byteLength(body)) }, body);
  }

  private async request(method: 'GET' | 'POST', url: URL, headers: Record<string, string>, body?: string): Promise<SendResult> {
    const rawProxy = proxyFor(url, this.env);
    const proxy = rawProxy === null ? null : displayProxy(rawProxy);
    const exchange = { endpoint: `${url.origin}${url.pathname}${url.search}`, proxy };
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, this.timeoutMs);
    try {
      const response = await this.#send({ method, body }, url, headers, rawProxy === null ? null : new URL(rawProxy), deadline.signal);
      const text = await readLimited(response);
      return { ...exchange, answer: { status: response.statusCode ?? 0, headers: response.headers, body: text } };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN') {
        // Refused before anything was sent: no valid key holds a line break or a control character.
        const failed: Outcome = { verdict: 'rejected', errorCode: code, detail: 'the stored credential holds characters an HTTP header cannot carry (a stray line break?)' };
        return { ...exchange, failed };
      }
      const failed = unreachable(errorChain(error, timedOut), {
        host: shown(url.host),
        proxy: proxy === null ? null : shown(proxy),
        timeoutMs: this.timeoutMs,
      });
      return { ...exchange, failed };
    } finally {
      clearTimeout(timer);
    }
  }

  async #send(what: { method: string; body: string | undefined }, url: URL, headers: Record<string, string>, proxy: URL | null, signal: AbortSignal): Promise<IncomingMessage> {
    const secure = url.protocol === 'https:';
    const { method, body } = what;
    if (proxy === null) {
      return exchange(secure, url, { method, headers, signal, agent: secure ? this.#https : this.#http }, body);
    }
    const proxyAuth = proxyAuthorization(proxy);
    if (!secure) {
      // Plain HTTP through a proxy: the request goes to the proxy, naming the whole URL.
      const options: RequestOptions = {
        method,
        host: proxy.hostname.replace(/^\[|\]$/g, ''),
        port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
        path: url.href,
        headers: { ...headers, host: url.host, ...proxyAuth },
        signal,
        agent: false,
      };
      return exchange(proxy.protocol === 'https:', null, options, body);
    }
    const tunnel = await openTunnel(proxy, url, proxyAuth, signal);
    this.#tunnels.add(tunnel);
    tunnel.once('close', () => this.#tunnels.delete(tunnel));
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    return exchange(
      true,
      url,
      {
        method,
        headers,
        signal,
        agent: false,
        createConnection: () => tlsConnect({ socket: tunnel, host: hostname, ...(isIP(hostname) ? {} : { servername: hostname }) }),
      },
      body,
    );
  }

  /** Drops kept-alive connections, so the process can exit at once. */
  close(): Promise<void> {
    this.#http.destroy();
    this.#https.destroy();
    for (const tunnel of this.#tunnels) tunnel.destroy();
    this.#tunnels.clear();
    return Promise.resolve();
  }
}

function exchange(secure: boolean, url: URL | null, options: RequestOptions, body?: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = secure ? (url ? httpsRequest(url, options) : httpsRequest(options)) : url ? httpRequest(url, options) : httpRequest(options);
    request.on('response', resolve);
    request.on('error', reject);
    request.end(body);
  });
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (proxy.username === '' && proxy.password === '') return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** A CONNECT tunnel through `proxy` to the target's host and port. */
function openTunnel(proxy: URL, target: URL, auth: Record<string, string>, signal: AbortSignal): Promise<Socket> {
  const authority = `${target.hostname}:${target.port || '443'}`;
  return new Promise((resolve, reject) => {
    const options: RequestOptions = {
      method: 'CONNECT',
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      path: authority,
      headers: { host: authority, ...auth },
      signal,
      agent: false,
    };
    const request = proxy.protocol === 'https:' ? httpsRequest(options) : httpRequest(options);
    request.on('connect', (response: IncomingMessage, socket: Socket) => {
      if (response.statusCode === 200) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(new ProxyRefusal(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

async function readLimited(body: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    size += buffer.length;
    if (size >= BODY_LIMIT) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8');
}

/** Codes and messages along an error's causes (and an AggregateError's members). */
function errorChain(error: unknown, timedOut: boolean): ErrorFacts[] {
  const facts: ErrorFacts[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 5 || typeof value !== 'object' || value === null) return;
    const e = value as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    facts.push({ ...(typeof e.code === 'string' ? { code: e.code } : {}), message: typeof e.message === 'string' ? e.message : '', timedOut });
    if (Array.isArray(e.errors)) for (const member of e.errors) visit(member, depth + 1);
    visit(e.cause, depth + 1);
  };
  visit(error, 0);
  return facts.length > 0 ? facts : [{ message: String(error), timedOut }];
}
