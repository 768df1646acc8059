import { parseJsonObject } from '../json-text-edit.js';
import { classifyAnthropic, type HttpAnswer } from './classify.js';
import { serverText } from './server-text.js';
import type { Outcome } from './verdict.js';

/**
 * Foundry and Vertex AI offer no free model list (the Models API is not on Foundry), but
 * both count tokens for free: one tiny count_tokens request proves the credential, the
 * endpoint and the model (a Foundry deployment, a Vertex model) at once. Pure: URLs,
 * bodies and verdicts; the testers in src/accounts/connection-test/ send them.
 */

/** The deployment (Foundry) or model (Vertex) counted with when the account pins none. */
export const FOUNDRY_DEFAULT_DEPLOYMENT = 'claude-sonnet-4-5';
export const VERTEX_DEFAULT_MODEL = 'claude-sonnet-4-5@20250929';

/** The request body: one two-letter message, the smallest count there is. */
export function countTokensBody(model: string, extra: Record<string, string> = {}): string {
  return JSON.stringify({ ...extra, model, messages: [{ role: 'user', content: 'hi' }] });
}

/**
 * `<base>/v1/messages/count_tokens` of a Foundry resource: its stored base URL, else
 * ANTHROPIC_FOUNDRY_BASE_URL (a gateway, or a test server), else the resource's own.
 */
export function foundryCountTokensUrl(entry: { resource?: string; baseUrl?: string }, env: NodeJS.ProcessEnv): string {
  const base = entry.baseUrl ?? (env.ANTHROPIC_FOUNDRY_BASE_URL?.trim() || `https://${entry.resource ?? ''}.services.ai.azure.com/anthropic`);
  return `${base.replace(/\/+$/, '')}/v1/messages/count_tokens`;
}

/**
 * Vertex's count-tokens endpoint for a project and location: ANTHROPIC_VERTEX_BASE_URL
 * when set (Claude Code's own override), else the global, multi-region or regional host.
 */
export function vertexCountTokensUrl(project: string, region: string, env: NodeJS.ProcessEnv): string {
  const override = env.ANTHROPIC_VERTEX_BASE_URL?.trim();
  const host =
    override !== undefined && override !== ''
      ? override.replace(/\/+$/, '')
      : region === 'global'
        ? 'https://aiplatform.googleapis.com'
        : region === 'us' || region === 'eu'
          ? `https://aiplatform.${region}.rep.googleapis.com`
          : `https://${region}-aiplatform.googleapis.com`;
  const path = `/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(region)}/publishers/anthropic/models/count-tokens:rawPredict`;
  return `${host}${path}`;
}

/** Google's error body: `{"error": {"code": 403, "message": "…", "status": "PERMISSION_DENIED"}}`. */
function googleError(doc: Record<string, unknown> | null): { status?: string; message?: string } {
  const error = doc?.error;
  if (typeof error !== 'object' || error === null) return {};
  const e = error as Record<string, unknown>;
  return {
    ...(typeof e.status === 'string' ? { status: e.status } : {}),
    ...(typeof e.message === 'string' ? { message: e.message } : {}),
  };
}

/** An answer to count_tokens (both providers), `what` naming the deployment or model counted with. */
export function classifyCountTokens(answer: HttpAnswer, what: string, secrets: readonly string[]): Outcome {
  const doc = parseJsonObject(answer.body);
  const { status } = answer;
  if (status >= 200 && status < 300) {
    const tokens = doc?.input_tokens;
    if (typeof tokens !== 'number') return { verdict: 'unknown', httpStatus: status, detail: `HTTP ${status}, but not a token count` };
    return { verdict: 'works', httpStatus: status, detail: `credential accepted; ${what} counted ${tokens} tokens` };
  }
  const google = googleError(doc);
  const message = google.message === undefined ? undefined : serverText(google.message, secrets);
  const said = (prefix: string) => (message ? `${prefix}: ${message}` : prefix);
  const code = google.status === undefined ? {} : { errorCode: google.status };
  if (status === 404 || google.status === 'NOT_FOUND') {
    return { verdict: 'not found', httpStatus: status, ...code, detail: said(`${what} not found (404); pin the right one with --model`) };
  }
  if (google.status === 'UNAUTHENTICATED') return { verdict: 'rejected', httpStatus: status, ...code, detail: said('the access token was refused (401)') };
  if (google.status === 'PERMISSION_DENIED') {
    return { verdict: 'denied', httpStatus: status, ...code, detail: said('the credential is valid but lacks permission (aiplatform.endpoints.predict)') };
  }
  // Foundry answers in the Anthropic API's shape (or Azure's, judged by status alone).
  return classifyAnthropic(answer, secrets);
}
