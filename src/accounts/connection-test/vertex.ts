import { createSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { classifyCountTokens, countTokensBody, VERTEX_DEFAULT_MODEL, vertexCountTokensUrl } from '../../domain/connection-test/count-tokens-probe.js';
import {
  adcFilePath,
  classifyGoogleToken,
  credentialSecrets,
  jwtSigningInput,
  parseGoogleCredentials,
  signedJwt,
  tokenRequestBody,
  type GoogleCredentials,
} from '../../domain/connection-test/google-token.js';
import { errorMessage } from '../../domain/errors.js';
import { shown } from '../../domain/safe-text.js';
import { str, untested, type Probe, type ProviderTester, type TestEnvironment } from './tester.js';

/**
 * Vertex AI, as Claude Code would authenticate: the account's service-account key file,
 * else gcloud's application default credentials. An access token is obtained from
 * Google's token endpoint (see google-token.ts), then one free count-tokens call in the
 * account's project and region proves the token, the permission
 * (`aiplatform.endpoints.predict`) and the model (the pinned one, else a default).
 */
export const testVertex: ProviderTester = async (entry, t) => {
  const project = str(entry.project_id);
  const region = str(entry.region);
  if (project === undefined || region === undefined) return untested('no project id or region stored');
  const file = str(entry.credentials_file) ?? adcFilePath(t.env, process.platform, t.env.HOME ?? t.env.USERPROFILE ?? '');
  const where = entry.credentials_file === undefined ? `application default credentials (${shown(file)})` : `key file ${shown(file)}`;
  let json: string;
  try {
    json = await readFile(file, 'utf8');
  } catch (error) {
    return untested(`${where} cannot be read: ${errorMessage(error)}`);
  }
  const credentials = parseGoogleCredentials(json);
  if ('problem' in credentials) return untested(`${where}: ${credentials.problem}`);
  if (credentials.kind === 'unsupported') return untested(`${where}: cuti cannot test '${shown(credentials.type)}' credentials (only service-account keys and gcloud user logins)`);
  const secrets = credentialSecrets(credentials);
  const token = await accessToken(credentials, t, secrets);
  if ('verdict' in token) return token;
  const url = URL.parse(vertexCountTokensUrl(project, region, t.env));
  if (url === null || !/^https?:$/.test(url.protocol)) return untested('ANTHROPIC_VERTEX_BASE_URL is not an http(s) URL');
  const model = str(entry.model) ?? VERTEX_DEFAULT_MODEL;
  const headers = { authorization: `Bearer ${token.accessToken}`, 'content-type': 'application/json', accept: 'application/json' };
  const sent = await t.transport.post(url, headers, countTokensBody(model));
  const outcome = 'failed' in sent ? sent.failed : classifyCountTokens(sent.answer, `model '${model}'`, [...secrets, token.accessToken]);
  return { kind: 'network', endpoint: sent.endpoint, proxy: sent.proxy, ...outcome };
};

/** The token endpoint's access token, or the verdict of the exchange. */
async function accessToken(credentials: Exclude<GoogleCredentials, { kind: 'unsupported' }>, t: TestEnvironment, secrets: string[]): Promise<{ accessToken: string } | Probe> {
  const url = URL.parse(credentials.tokenUri);
  if (url === null || !/^https?:$/.test(url.protocol)) return untested('the credentials name a token_uri that is not an http(s) URL');
  let assertion: string | undefined;
  if (credentials.kind === 'service_account') {
    const input = jwtSigningInput(credentials, Math.floor(t.nowMs() / 1000));
    try {
      assertion = signedJwt(input, createSign('RSA-SHA256').update(input).sign(credentials.privateKey));
    } catch {
      // The message of a key parse error may quote the key; it is not repeated.
      return { kind: 'local', verdict: 'rejected', detail: "the service-account key's private_key is not a usable RSA key" };
    }
  }
  const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const sent = await t.transport.post(url, headers, tokenRequestBody(credentials, assertion));
  if ('failed' in sent) return { kind: 'network', endpoint: sent.endpoint, proxy: sent.proxy, ...sent.failed };
  const answer = classifyGoogleToken(sent.answer, assertion === undefined ? secrets : [...secrets, assertion]);
  return 'accessToken' in answer ? answer : { kind: 'network', endpoint: sent.endpoint, proxy: sent.proxy, ...answer };
}
