import { BEDROCK_MODELS, BEDROCK_REGIONS } from '../bedrock-catalog.js';
import { ValidationError } from '../errors.js';
import { maskAccessKeyId, maskBearerToken, maskSecretAccessKey } from '../masking.js';
import { looksLikeCredential, looksLikePastedSecret, looksLikeSecret, shownValue } from '../redact.js';
import { validateValue } from '../validation.js';
import { plainField, requireStored, secretField, stored } from './fields.js';
import { once, pinEntry, validateModelId, pinEnv, pinFields, PIN_OPTIONS, pinsFromCli, pinSummary, pinWizardFields, validatePins } from './pins.js';
import type { CliInput, CredentialValues, EnvVars, ProviderEntry, ProviderModule, WizardField } from './types.js';

/**
 * AWS Bedrock in the three forms Claude Code's own Bedrock sign-in offers: static
 * access keys (plus a session token for temporary credentials), a Bedrock API key
 * (bearer token; the original tool's `--bearer` form), or an AWS profile, which keeps
 * SSO and `credential_process` working through the AWS chain and stores no secret.
 */

export const BEDROCK_FORMS = ['access_keys', 'bearer_token', 'profile'] as const;
export type BedrockForm = (typeof BEDROCK_FORMS)[number];

export const BEDROCK_MISSING_FIELDS = 'Bedrock requires --region, --access-key, and --secret-key';
const DEFAULT_REGION = 'us-east-1';

/** How an entry authenticates: as recorded, else by which credential it holds (the original's forms). */
export function bedrockAuthMethod(entry: ProviderEntry): string {
  if (typeof entry.auth_method === 'string') return entry.auth_method;
  if (entry.bearer_token !== undefined) return 'bearer_token';
  if (entry.profile !== undefined && entry.access_key_id === undefined) return 'profile';
  return 'access_keys';
}

const given = (value: unknown) => value !== undefined && value !== false;

/**
 * Which form the options ask for. `--access-key`/`--secret-key` mean access keys, as in
 * the spec's examples; `--bearer` and `--profile` choose the other two; two at once is refused.
 */
export function bedrockFormOf(options: Record<string, unknown>): BedrockForm {
  const keyFlags = ['accessKey', 'secretKey', 'secretKeyEnv', 'sessionToken', 'sessionTokenEnv'].filter((k) => given(options[k]));
  const chosen: BedrockForm[] = [];
  if (given(options.accessKeys) || keyFlags.length > 0) chosen.push('access_keys');
  if (given(options.bearer)) chosen.push('bearer_token');
  if (given(options.profile)) chosen.push('profile');
  if (chosen.length > 1) {
    const flag = { access_keys: '--access-keys/--access-key/--secret-key', bearer_token: '--bearer', profile: '--profile' };
    throw new ValidationError(`Bedrock takes one form of credentials; got ${chosen.map((f) => flag[f]).join(' and ')}`);
  }
  return chosen[0] ?? 'access_keys';
}

/** Every AWS region name has this form (us-east-1, ap-southeast-2, us-gov-west-1, us-isob-east-1); new regions keep it. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * A region must be a region name: Claude Code ignores a value with a slash, dot or
 * space, and a value of another form (`useast1`, `US-EAST-1`, an availability zone such
 * as `us-east-1a`) reaches no endpoint, so both are refused before anything is written.
 */
export function validateAwsRegion(value: string | undefined): string {
  const region = validateValue('Region', value);
  if (looksLikeCredential(region)) throw new ValidationError('Region looks like a credential; give the region name (e.g. us-east-1)');
  if (!/^[A-Za-z0-9-]+$/.test(region)) {
    throw new ValidationError(`Region '${shownValue(region)}' is not a region name (letters, digits and '-', e.g. us-east-1)`);
  }
  if (!REGION.test(region)) throw new ValidationError(`Region '${shownValue(region)}' is not an AWS region name (e.g. us-east-1, eu-west-1, ap-southeast-2)`);
  return region;
}

/** What is odd but usable: an access key ID of an unusual shape (the spec's own example is 'AKIATEST'). */
export function bedrockWarnings(input: { accessKeyId?: string | undefined }): string[] {
  const warnings: string[] = [];
  if (input.accessKeyId !== undefined && !/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(input.accessKeyId)) {
    warnings.push('Access key ID does not look like an AWS key (20 upper-case characters starting with AKIA or ASIA)');
  }
  return warnings;
}

/**
 * An access key ID is shown in part and handed over as AWS_ACCESS_KEY_ID; a secret access
 * key (or any other token) given in its place is refused rather than stored as one. An
 * unusual ID that is no token ('AKIATEST', the spec's example) only warns.
 */
export function validateAccessKeyId(value: string | undefined): string {
  const id = validateValue('Access key ID', value);
  if (!/^(AKIA|ASIA)/.test(id) && looksLikeSecret(id)) {
    throw new ValidationError('Access key ID looks like a secret key; give the key ID (AKIA…) with --access-key and the secret with --secret-key');
  }
  return id;
}

/** Today's access-key form check, kept as one function (the CLI's and the wizard's message). */
export function validateBedrock(input: CredentialValues): { modelId: string; region: string; accessKeyId: string; secretAccessKey: string } {
  const { modelId, region, accessKeyId, secretAccessKey } = input;
  const missing = [region, accessKeyId, secretAccessKey].some((v) => v === undefined || v.trim() === '');
  if (missing) throw new ValidationError(BEDROCK_MISSING_FIELDS);
  return {
    modelId: validateModelId('Model ID (--api-key)', modelId),
    region: validateValue('Region', region),
    accessKeyId: validateAccessKeyId(accessKeyId),
    secretAccessKey: validateValue('Secret access key', secretAccessKey),
  };
}

const PROFILE = /^[A-Za-z0-9_.@+=,:/-]+$/;

function validateProfile(value: string | undefined): string {
  const profile = validateValue('AWS profile', value);
  if (!PROFILE.test(profile)) throw new ValidationError(`AWS profile '${shownValue(profile)}' is not a profile name`);
  if (looksLikePastedSecret(profile)) throw new ValidationError('AWS profile looks like a credential; give the profile name');
  return profile;
}

function formOfValues(values: CredentialValues): BedrockForm {
  const form = values.authMethod ?? 'access_keys';
  if (!(BEDROCK_FORMS as readonly string[]).includes(form)) throw new ValidationError(`Unknown Bedrock form: ${shownValue(form)}`);
  return form as BedrockForm;
}

function validateBedrockValues(values: CredentialValues): { values: CredentialValues; warnings: string[] } {
  const form = formOfValues(values);
  const pins = validatePins({ haikuModel: values.haikuModel });
  if (form === 'access_keys') {
    const checked = validateBedrock(values);
    validateAwsRegion(checked.region);
    const sessionToken = values.sessionToken === undefined || values.sessionToken === '' ? undefined : validateValue('Session token', values.sessionToken);
    return {
      values: { authMethod: form, ...checked, sessionToken, haikuModel: pins.haikuModel },
      warnings: bedrockWarnings(checked),
    };
  }
  const region = values.region === undefined || values.region === '' ? undefined : validateAwsRegion(values.region);
  const modelId = values.modelId === undefined || values.modelId === '' ? undefined : validateModelId('Model ID', values.modelId);
  const warnings: string[] = []; // nothing odd-but-usable in these forms: an odd region is refused above
  if (form === 'bearer_token') {
    if (values.bearerToken === undefined || values.bearerToken.trim() === '') {
      throw new ValidationError('Bedrock with --bearer requires the Bedrock API key (--api-key)');
    }
    const bearerToken = validateValue('Bedrock API key', values.bearerToken);
    return { values: { authMethod: form, bearerToken, region: region ?? DEFAULT_REGION, modelId, haikuModel: pins.haikuModel }, warnings };
  }
  if (values.profile === undefined || values.profile.trim() === '') throw new ValidationError('Bedrock with --profile requires a profile name');
  return { values: { authMethod: form, profile: validateProfile(values.profile), region, modelId, haikuModel: pins.haikuModel }, warnings };
}

/** Only what is set, in this order (JSON keys keep insertion order). */
function compact(entries: Array<[string, string | undefined]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of entries) if (value !== undefined) out[key] = value;
  return out;
}

function toBedrockEntry(values: CredentialValues, created: string): ProviderEntry {
  const form = formOfValues(values);
  const pins = pinEntry({ haikuModel: values.haikuModel });
  if (form === 'bearer_token') {
    // The original tool's bearer form, byte for byte, plus an optional model.
    return { ...compact([['bearer_token', values.bearerToken], ['region', values.region], ['model_id', values.modelId]]), ...pins, provider: 'bedrock', auth_method: 'bearer_token', created };
  }
  if (form === 'profile') {
    return { ...compact([['profile', values.profile], ['region', values.region], ['model_id', values.modelId]]), ...pins, provider: 'bedrock', auth_method: 'profile', created };
  }
  // The spec's fields, plus `auth_method` so the original tool reads it as access keys.
  return {
    ...compact([
      ['model_id', values.modelId],
      ['region', values.region],
      ['access_key_id', values.accessKeyId],
      ['secret_access_key', values.secretAccessKey],
      ['session_token', values.sessionToken],
    ]),
    ...pins,
    provider: 'bedrock',
    auth_method: 'access_keys',
    created,
  };
}

export function bedrockEnv(entry: ProviderEntry): EnvVars {
  const vars: EnvVars = [['CLAUDE_CODE_USE_BEDROCK', '1']];
  const method = bedrockAuthMethod(entry);
  const region = stored(entry, 'region');
  if (method === 'profile') {
    // The profile's own region applies when none is stored (Claude Code reads ~/.aws).
    if (region !== '') vars.push(['AWS_REGION', region]);
    vars.push(['AWS_PROFILE', requireStored(entry, 'profile', 'AWS profile')]);
  } else {
    // The original defaults a missing region the same way.
    vars.push(['AWS_REGION', region !== '' ? region : DEFAULT_REGION]);
    if (method === 'bearer_token') {
      vars.push(['AWS_BEARER_TOKEN_BEDROCK', requireStored(entry, 'bearer_token', 'bearer token')]);
    } else {
      vars.push(
        ['AWS_ACCESS_KEY_ID', requireStored(entry, 'access_key_id', 'access key ID')],
        ['AWS_SECRET_ACCESS_KEY', requireStored(entry, 'secret_access_key', 'secret access key')],
      );
      const session = stored(entry, 'session_token');
      if (session !== '') vars.push(['AWS_SESSION_TOKEN', session]);
    }
  }
  vars.push(...pinEnv(entry, 'model_id'));
  return vars;
}

function bedrockFields(entry: ProviderEntry) {
  const method = bedrockAuthMethod(entry);
  const fields = [
    plainField('Provider', stored(entry, 'provider', 'bedrock')),
    plainField('Created', stored(entry, 'created', 'unknown')),
    plainField('Auth Method', method),
    plainField('Region', stored(entry, 'region', method === 'profile' ? "the profile's" : 'unknown')),
    ...pinFields(entry, 'model_id', 'Model ID'),
  ];
  if (method === 'bearer_token') fields.push(secretField('Bearer Token', stored(entry, 'bearer_token'), maskBearerToken));
  else if (method === 'profile') fields.push(plainField('AWS Profile', stored(entry, 'profile')));
  else {
    fields.push(
      secretField('Access Key ID', stored(entry, 'access_key_id'), maskAccessKeyId),
      secretField('Secret Access Key', stored(entry, 'secret_access_key'), maskSecretAccessKey),
    );
    if (typeof entry.session_token === 'string') fields.push(secretField('Session Token', entry.session_token, maskSecretAccessKey));
  }
  return fields;
}

function cliInputsFor(options: Record<string, unknown>): CliInput[] {
  const form = bedrockFormOf(options);
  if (form === 'bearer_token') {
    return [{ name: 'bearerToken', flag: '--api-key', envFlag: '--api-key-env', label: 'Bedrock API key', secret: true, promptWhenAbsent: true }];
  }
  if (form === 'profile') return [];
  return [
    // The spec's examples give the model id as --api-key; --model says the same.
    {
      name: 'modelId',
      flag: '--api-key',
      envFlag: '--api-key-env',
      label: 'Bedrock model ID',
      secret: false,
      required: options.model === undefined,
    },
    {
      name: 'secretAccessKey',
      flag: '--secret-key',
      envFlag: '--secret-key-env',
      label: 'AWS secret access key',
      secret: true,
      // Prompt only once the other fields are there, so nobody types a secret for nothing.
      promptWhenAbsent: Boolean(options.region) && Boolean(options.accessKey),
    },
    { name: 'sessionToken', flag: '--session-token', envFlag: '--session-token-env', label: 'AWS session token', secret: true },
  ];
}

function fromCli(options: Record<string, unknown>, inputs: CredentialValues): CredentialValues {
  const form = bedrockFormOf(options);
  const text = (key: string) => (typeof options[key] === 'string' ? (options[key]) : undefined);
  const pins = pinsFromCli(options);
  const common = { authMethod: form, region: text('region'), haikuModel: pins.haikuModel };
  if (form === 'bearer_token') return { ...common, bearerToken: inputs.bearerToken, modelId: pins.model };
  if (form === 'profile') {
    if (given(options.apiKey) || given(options.apiKeyEnv)) {
      throw new ValidationError('Bedrock with --profile stores no key; give the model with --model, not --api-key');
    }
    return { ...common, profile: text('profile'), modelId: pins.model };
  }
  return {
    ...common,
    modelId: once('Model ID (--api-key and --model)', inputs.modelId, pins.model),
    accessKeyId: text('accessKey') ?? '',
    secretAccessKey: inputs.secretAccessKey ?? '',
    sessionToken: inputs.sessionToken,
  };
}

const WIZARD_FORMS = [
  { value: 'access_keys', label: 'Access key and secret', hint: 'an IAM access key; optional session token for temporary credentials' },
  { value: 'bearer_token', label: 'Bedrock API key', hint: 'a bearer token from the Bedrock console (AWS_BEARER_TOKEN_BEDROCK)' },
  { value: 'profile', label: 'AWS profile', hint: 'a profile in ~/.aws (SSO, credential_process); no secret stored' },
];

const regionChoices = BEDROCK_REGIONS.map((r) => ({ value: r.id, label: r.id, hint: r.label }));
const modelChoices = BEDROCK_MODELS.map((m) => ({ value: m.id, label: m.id, hint: m.label }));
const hidden = 'Hidden while you type; pasting works.';

function wizardFields(values: CredentialValues): WizardField[] {
  const form: WizardField = {
    name: 'authMethod',
    step: 'form',
    closed: true,
    title: 'How does this account sign in to AWS?',
    label: 'Form',
    secret: false,
    placeholder: '',
    choices: WIZARD_FORMS,
    validate: (v) => v,
  };
  const region = (optional: boolean): WizardField => ({
    name: 'region',
    title: 'AWS region',
    label: 'Region',
    secret: false,
    placeholder: 'e.g. us-east-1',
    choices: regionChoices,
    ...(optional ? { optional } : {}),
    validate: (v) => (optional && v === '' ? '' : validateAwsRegion(v)),
  });
  const model = (optional: boolean): WizardField => ({
    name: 'modelId',
    step: 'model',
    title: 'Bedrock model',
    customTitle: 'Bedrock model id',
    label: 'Model ID',
    secret: false,
    placeholder: 'anthropic.claude-…',
    choices: modelChoices,
    ...(optional ? { optional } : {}),
    validate: (v) => (optional && v === '' ? '' : validateModelId('Model ID', v)),
  });
  // The model step is the primary pin; the Haiku-class one comes last, from the same list.
  const haiku = pinWizardFields({ primary: false, choices: modelChoices });
  const chosen = values.authMethod ?? 'access_keys';
  if (chosen === 'bearer_token') {
    return [
      form,
      { name: 'bearerToken', title: 'Bedrock API key', label: 'API key', secret: true, placeholder: 'ABSK…', hint: hidden, validate: (v) => validateValue('Bedrock API key', v) },
      region(false),
      model(true),
      ...haiku,
    ];
  }
  if (chosen === 'profile') {
    return [
      form,
      { name: 'profile', title: 'AWS profile name', label: 'Profile', secret: false, placeholder: 'e.g. my-sso-profile', validate: validateProfile },
      region(true),
      model(true),
      ...haiku,
    ];
  }
  return [
    form,
    model(false),
    region(false),
    { name: 'accessKeyId', title: 'AWS access key ID', label: 'Access key ID', secret: true, placeholder: 'AKIA…', hint: hidden, validate: validateAccessKeyId },
    { name: 'secretAccessKey', title: 'AWS secret access key', label: 'Secret access key', secret: true, placeholder: '', hint: hidden, validate: (v) => validateValue('Secret access key', v) },
    {
      name: 'sessionToken',
      title: 'AWS session token (optional)',
      label: 'Session token',
      secret: true,
      optional: true,
      placeholder: 'Enter to skip',
      hint: 'Only for temporary credentials (ASIA… keys). Hidden while you type; pasting works.',
      validate: (v) => (v === '' ? '' : validateValue('Session token', v)),
    },
    ...haiku,
  ];
}

function summary(values: CredentialValues): Array<[string, string]> {
  const form = values.authMethod ?? 'access_keys';
  const label = WIZARD_FORMS.find((f) => f.value === form)?.label ?? form;
  const lines: Array<[string, string]> = [['Form', label]];
  if (form === 'bearer_token') {
    lines.push(['Bedrock API Key', maskBearerToken(values.bearerToken ?? '')], ['Region', values.region || DEFAULT_REGION]);
    if (values.modelId) lines.push(['Model ID', values.modelId]);
  } else if (form === 'profile') {
    lines.push(['AWS Profile', values.profile ?? ''], ['Region', values.region || "the profile's"]);
    if (values.modelId) lines.push(['Model ID', values.modelId]);
  } else {
    lines.push(
      ['Model ID', values.modelId ?? ''],
      ['Region', values.region ?? ''],
      ['Access Key ID', maskAccessKeyId(values.accessKeyId ?? '')],
      ['Secret Access Key', maskSecretAccessKey(values.secretAccessKey ?? '')],
    );
    if (values.sessionToken) lines.push(['Session Token', maskSecretAccessKey(values.sessionToken)]);
  }
  return [...lines, ...pinSummary({ haikuModel: values.haikuModel })];
}

export const bedrock: ProviderModule = {
  id: 'bedrock',
  label: 'Bedrock',
  credentialType: 'bedrock_api',
  cloudSwitch: { variable: 'CLAUDE_CODE_USE_BEDROCK', label: 'Amazon Bedrock' },
  choice: { label: 'AWS Bedrock', hint: 'access keys, a Bedrock API key, or an AWS profile' },
  cliOptions: [
    { flags: '--access-key <id>', description: 'AWS access key ID (Bedrock access keys)' },
    { flags: '--secret-key [secret]', description: "AWS secret access key (Bedrock access keys); '-' reads stdin, no value prompts" },
    { flags: '--secret-key-env <name>', description: 'read the AWS secret access key from this environment variable' },
    { flags: '--session-token [token]', description: "AWS session token for temporary credentials (Bedrock); '-' reads stdin" },
    { flags: '--session-token-env <name>', description: 'read the AWS session token from this environment variable' },
    { flags: '--access-keys', description: 'Bedrock: access keys (the default; --api-key is then the model ID)' },
    { flags: '--bearer', description: 'Bedrock: a Bedrock API key, given as --api-key (AWS_BEARER_TOKEN_BEDROCK)' },
    { flags: '--profile <name>', description: 'Bedrock: an AWS profile (SSO, credential_process); no secret stored' },
    ...PIN_OPTIONS,
  ],
  cliInputs: cliInputsFor,
  fromCli,
  validate: validateBedrockValues,
  toEntry: toBedrockEntry,
  secretKeys: [
    { key: 'access_key_id', mask: maskAccessKeyId },
    { key: 'secret_access_key', mask: maskSecretAccessKey },
    { key: 'bearer_token', mask: maskBearerToken },
    { key: 'session_token', mask: maskSecretAccessKey },
  ],
  fields: bedrockFields,
  env: bedrockEnv,
  envVars: ['CLAUDE_CODE_USE_BEDROCK', 'AWS_REGION', 'AWS_PROFILE', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION', 'ANTHROPIC_BEDROCK_BASE_URL', 'CLAUDE_CODE_SKIP_BEDROCK_AUTH'],
  secretVars: {
    AWS_BEARER_TOKEN_BEDROCK: maskBearerToken,
    AWS_ACCESS_KEY_ID: maskAccessKeyId,
    AWS_SECRET_ACCESS_KEY: maskSecretAccessKey,
    AWS_SESSION_TOKEN: maskSecretAccessKey,
  },
  fingerprint(entry) {
    const method = bedrockAuthMethod(entry);
    if (method === 'bearer_token') return { variable: 'AWS_BEARER_TOKEN_BEDROCK', value: stored(entry, 'bearer_token') };
    if (method === 'profile') return { variable: 'AWS_PROFILE', value: stored(entry, 'profile') };
    return { variable: 'AWS_ACCESS_KEY_ID', value: stored(entry, 'access_key_id') };
  },
  settingsHelper: bedrockSettingsHelper,
  wizardFields,
  summary,
};

function requireExportable(entry: ProviderEntry): void {
  const method = bedrockAuthMethod(entry);
  if (method !== 'access_keys') {
    throw new ValidationError(
      `Bedrock credentials of form ${shownValue(method)} cannot be exported as AWS credentials; only access keys can (use 'cuti claude exec' for the others)`,
    );
  }
}

/**
 * `use --claude-code`: access keys go through `awsCredentialExport`; a profile needs no
 * helper (AWS_PROFILE is no secret; the AWS chain does the rest). A Bedrock API key has
 * no such route (it is no SigV4 credential), so it is refused rather than written.
 */
function bedrockSettingsHelper(entry: ProviderEntry) {
  if (bedrockAuthMethod(entry) === 'profile') return null;
  requireExportable(entry);
  return { key: 'awsCredentialExport' as const, covers: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] };
}

/**
 * What Claude Code's `awsCredentialExport` command must print, in the documented `aws
 * sts` shape, from an access-key entry (its secrets revealed). Other forms cannot be
 * given this way: a Bedrock API key is no SigV4 credential, and a profile is handed
 * over by name.
 */
export function awsCredentialExportDocument(entry: ProviderEntry): { Credentials: Record<string, string> } {
  requireExportable(entry);
  const credentials: Record<string, string> = {
    AccessKeyId: requireStored(entry, 'access_key_id', 'access key ID'),
    SecretAccessKey: requireStored(entry, 'secret_access_key', 'secret access key'),
  };
  const session = stored(entry, 'session_token');
  if (session !== '') credentials.SessionToken = session;
  return { Credentials: credentials };
}
