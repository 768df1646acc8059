import { shown } from '../safe-text.js';

/**
 * A Bedrock credential stored as an AWS profile name. Without the AWS SDK, cuti can test
 * a profile only when it holds static keys; for SSO, assumed roles and credential
 * processes it says so instead of guessing. Pure: file texts in, a decision out.
 */

export type ProfileKeys =
  | { kind: 'static'; accessKeyId: string; secretAccessKey: string; sessionToken?: string; source: 'credentials' | 'config'; region?: string }
  | { kind: 'untestable'; reason: string };

/** `[section]` → key → value, as the AWS CLI reads its INI files (comments `#`/`;`, `key = value`). */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | null = null;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = sections.get(header[1]!) ?? new Map<string, string>();
      sections.set(header[1]!, current);
      continue;
    }
    const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    // Indented lines are sub-settings (`s3 =` blocks); they never hold credentials.
    if (pair && current && !/^\s/.test(rawLine)) current.set(pair[1]!.toLowerCase(), pair[2]!);
  }
  return sections;
}

export function profileKeys(profile: string, credentialsText: string | null, configText: string | null): ProfileKeys {
  const credentials = credentialsText === null ? undefined : parseIni(credentialsText).get(profile);
  const configSections = configText === null ? undefined : parseIni(configText);
  const config = configSections?.get(profile === 'default' ? 'default' : `profile ${profile}`) ?? configSections?.get(profile);
  for (const [section, source] of [
    [credentials, 'credentials'],
    [config, 'config'],
  ] as const) {
    const id = section?.get('aws_access_key_id');
    const secret = section?.get('aws_secret_access_key');
    if (id && secret) {
      const token = section?.get('aws_session_token');
      // The profile's own region, used when the account stores none (as Claude Code would).
      const region = config?.get('region') ?? credentials?.get('region');
      return { kind: 'static', accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}), source, ...(region ? { region } : {}) };
    }
  }
  const settings = new Map([...(config ?? new Map<string, string>()), ...(credentials ?? new Map<string, string>())]);
  const sdk = `cuti cannot test it without the AWS SDK; try: aws sts get-caller-identity --profile ${shown(profile)}`;
  if (settings.has('sso_session') || settings.has('sso_start_url')) return { kind: 'untestable', reason: `an SSO profile: ${sdk}` };
  if (settings.has('role_arn')) return { kind: 'untestable', reason: `a profile that assumes a role: ${sdk}` };
  if (settings.has('credential_process')) return { kind: 'untestable', reason: `a profile with credential_process: ${sdk}` };
  if (settings.has('web_identity_token_file')) return { kind: 'untestable', reason: `a web-identity profile: ${sdk}` };
  if (credentials === undefined && config === undefined) {
    return { kind: 'untestable', reason: 'no such profile in the AWS credentials or config file' };
  }
  return { kind: 'untestable', reason: 'the profile holds no access keys cuti can read' };
}
