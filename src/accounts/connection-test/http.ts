import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';

import { type ErrorFacts, type HttpAnswer, unreachable } from '../../domain/connection-test/classify.js';
import { displayProxy, proxyFor } from '../../domain/connection-test/proxy.js';
import { sanitizeForDisplay } from '../../domain/sanitize.js';
import type { Outcome } from '../../domain/connection-test/verdict.js';

/** A server's body is read only this far: verdicts show a short excerpt at most. */
const BODY_LIMIT = 64 * 1024;

export interface Exchange {
  endpoint: string;
  /** The proxy used, as shown to people (credentials removed), or null. */
  proxy: string | null;
}

export type SendResult = (Exchange & { answer: HttpAnswer }) | (Exchange & { failed: Outcome });

/**
 * One GET per credential, no retries (a retry would hide the first answer), one deadline
 * per request that covers connecting, the proxy, TLS, headers and body. Proxies come from
 * the environment (src/domain/connection-test/proxy.ts), through undici's ProxyAgent,
 * which tunnels with CONNECT.
 */
export class Transport {
  readonly #dispatchers = new Map<string, Dispatcher>();

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly timeoutMs: number,
  ) {}

  #dispatcher(proxy: string | null): Dispatcher {
    const key = proxy ?? '';
    let dispatcher = this.#dispatchers.get(key);
    if (!dispatcher) {
      const timeouts = { headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs, connect: { timeout: this.timeoutMs } };
      dispatcher = proxy === null ? new Agent(timeouts) : new ProxyAgent({ uri: proxy, ...timeouts });
      this.#dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  async get(url: URL, headers: Record<string, string>): Promise<SendResult> {
    const rawProxy = proxyFor(url, this.env);
    const proxy = rawProxy === null ? null : displayProxy(rawProxy);
    const endpoint = `${url.origin}${url.pathname}${url.search}`;
    const exchange = { endpoint, proxy };
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, this.timeoutMs);
    try {
      const response = await request(url, { method: 'GET', headers, dispatcher: this.#dispatcher(rawProxy), signal: deadline.signal });
      const body = await readLimited(response.body);
      return { ...exchange, answer: { status: response.statusCode, headers: response.headers, body } };
    } catch (error) {
      const failed = unreachable(errorChain(error, timedOut), {
        host: sanitizeForDisplay(url.host),
        proxy: proxy === null ? null : sanitizeForDisplay(proxy),
        timeoutMs: this.timeoutMs,
      });
      return { ...exchange, failed };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drops kept-alive connections, so the process can exit at once. */
  async close(): Promise<void> {
    await Promise.all([...this.#dispatchers.values()].map((d) => d.destroy()));
    this.#dispatchers.clear();
  }
}

async function readLimited(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
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
