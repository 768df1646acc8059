import { classifyBedrock } from '../../domain/connection-test/classify.js';
import { bedrockEndpoint, bedrockProbe } from '../../domain/connection-test/bedrock-probe.js';
import { readProfileKeys } from './aws-files.js';
import { signRequest, type AwsKeys } from './sigv4.js';
import { str, untested, type Probe, type ProviderTester, type TestEnvironment } from './tester.js';
import { shown } from '../../domain/safe-text.js';

/** The region the original tool assumes when an entry names none. */
const DEFAULT_REGION = 'us-east-1';

/** How a Bedrock entry authenticates, with what it needs; one tester path per stored form. */
type BedrockAuth = { form: 'bearer'; token: string } | { form: 'keys'; keys: AwsKeys; from: string; region?: string } | { form: 'none'; why: string };

async function bedrockAuth(entry: Record<string, unknown>, env: NodeJS.ProcessEnv): Promise<BedrockAuth> {
  const method = str(entry.auth_method) ?? (entry.bearer_token !== undefined ? 'bearer_token' : entry.profile !== undefined ? 'profile' : 'access_keys');
  if (method === 'bearer_token') {
    const token = str(entry.bearer_token);
    return token ? { form: 'bearer', token } : { form: 'none', why: 'no Bedrock API key stored' };
  }
  if (method === 'profile') {
    const profile = str(entry.profile);
    if (!profile) return { form: 'none', why: 'no AWS profile name stored' };
    const found = await readProfileKeys(profile, env);
    if (found.kind === 'untestable') return { form: 'none', why: `profile ${shown(profile)}: ${found.reason}` };
    const { accessKeyId, secretAccessKey, sessionToken, region } = found;
    return {
      form: 'keys',
      keys: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
      from: `profile ${shown(profile)}`,
      ...(region ? { region } : {}),
    };
  }
  if (method === 'access_keys') {
    const accessKeyId = str(entry.access_key_id);
    const secretAccessKey = str(entry.secret_access_key);
    if (!accessKeyId || !secretAccessKey) return { form: 'none', why: 'access key id or secret access key missing' };
    const sessionToken = str(entry.session_token);
    return { form: 'keys', keys: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }, from: sessionToken ? 'access keys with session token' : 'access keys' };
  }
  return { form: 'none', why: `cuti cannot test the '${shown(method)}' sign-in form` };
}

/**
 * A signed control-plane GET in the stored region that also proves the model id:
 * GetInferenceProfile or GetFoundationModel. Access keys (and keys read from a profile)
 * sign with SigV4; a Bedrock API key goes as `Authorization: Bearer`.
 */
export const testBedrock: ProviderTester = async (entry, t: TestEnvironment): Promise<Probe> => {
  const auth = await bedrockAuth(entry, t.env);
  if (auth.form === 'none') return untested(auth.why);
  const region = str(entry.region) ?? (auth.form === 'keys' ? auth.region : undefined) ?? DEFAULT_REGION;
  // A region goes into the host name: anything but a plain region name could send the signed request elsewhere.
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return untested(`the stored region ${JSON.stringify(shown(region).slice(0, 40))} is not an AWS region name`);
  const modelId = str(entry.model_id);
  const probe = bedrockProbe(modelId);
  const url = URL.parse(`${bedrockEndpoint(region, t.env)}${probe.path}`);
  if (url === null || !/^https?:$/.test(url.protocol)) return untested('the Bedrock endpoint (AWS_ENDPOINT_URL_BEDROCK, AWS_ENDPOINT_URL or the region) is not an http(s) URL');
  let headers: Record<string, string>;
  let secrets: string[];
  if (auth.form === 'bearer') {
    headers = { authorization: `Bearer ${auth.token}`, accept: 'application/json' };
    secrets = [auth.token];
  } else {
    headers = await signRequest({ method: 'GET', url, headers: { accept: 'application/json' } }, auth.keys, { region, service: 'bedrock' });
    secrets = [auth.keys.accessKeyId, auth.keys.secretAccessKey, ...(auth.keys.sessionToken ? [auth.keys.sessionToken] : []), headers.authorization ?? ''];
  }
  const sent = await t.transport.get(url, headers);
  const what = shown(probe.what);
  const outcome = 'failed' in sent ? sent.failed : classifyBedrock(sent.answer, { what, region: shown(region) }, secrets);
  return { kind: 'network', endpoint: sent.endpoint, proxy: sent.proxy, ...outcome };
};
