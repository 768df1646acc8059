import { classifyCountTokens, countTokensBody, FOUNDRY_DEFAULT_DEPLOYMENT, foundryCountTokensUrl } from '../../domain/connection-test/count-tokens-probe.js';
import { ANTHROPIC_VERSION } from './anthropic.js';
import { str, untested, type ProviderTester } from './tester.js';

/**
 * `POST <resource>/anthropic/v1/messages/count_tokens` with the key as `x-api-key` (as
 * Claude Code sends it): token counting is free and supported on Foundry, where the
 * Models API is not. It counts with the account's pinned deployment, else the default
 * one, so a wrong deployment name shows as `not found` rather than as a bad key.
 */
export const testFoundry: ProviderTester = async (entry, t) => {
  const key = str(entry.api_key);
  if (key === undefined) return untested('no API key stored');
  const resource = str(entry.resource);
  const baseUrl = str(entry.base_url);
  if (resource === undefined && baseUrl === undefined) return untested('no resource or base URL stored');
  const url = URL.parse(foundryCountTokensUrl({ ...(resource ? { resource } : {}), ...(baseUrl ? { baseUrl } : {}) }, t.env));
  if (url === null || !/^https?:$/.test(url.protocol)) return untested('the Foundry endpoint is not an http(s) URL');
  const deployment = str(entry.model) ?? FOUNDRY_DEFAULT_DEPLOYMENT;
  const headers = { 'x-api-key': key, 'anthropic-version': ANTHROPIC_VERSION, 'content-type': 'application/json', accept: 'application/json' };
  const sent = await t.transport.post(url, headers, countTokensBody(deployment));
  const outcome = 'failed' in sent ? sent.failed : classifyCountTokens(sent.answer, `deployment '${deployment}'`, [key]);
  return { kind: 'network', endpoint: sent.endpoint, proxy: sent.proxy, ...outcome };
};
