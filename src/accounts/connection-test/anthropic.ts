import { classifyAnthropic } from '../../domain/connection-test/classify.js';
import { anthropicModelsUrl } from '../../domain/connection-test/bedrock-probe.js';
import { str, untested, type ProviderTester } from './tester.js';

/** The API version header every Anthropic request carries. */
export const ANTHROPIC_VERSION = '2023-06-01';

/** `GET /v1/models?limit=1`: spends no tokens, and answers 401 for a bad key. */
export const testAnthropic: ProviderTester = async (entry, t) => {
  const key = str(entry.api_key);
  if (key === undefined) return untested('no API key stored');
  const url = URL.parse(anthropicModelsUrl(t.env));
  if (url === null || !/^https?:$/.test(url.protocol)) return untested('ANTHROPIC_BASE_URL is not an http(s) URL');
  const sent = await t.transport.get(url, { 'x-api-key': key, 'anthropic-version': ANTHROPIC_VERSION, accept: 'application/json' });
  const outcome = 'failed' in sent ? sent.failed : classifyAnthropic(sent.answer, [key]);
  return { kind: 'network', endpoint: sent.endpoint, proxy: sent.proxy, ...outcome };
};
