import { ValidationError } from '../errors.js';
import { looksLikeCredential, shownValue } from '../redact.js';
import { validateValue } from '../validation.js';
import { plainField, requireStored, stored } from './fields.js';
import { pinEntry, pinEnv, pinFields, PIN_OPTIONS, pinsFromCli, pinSummary, pinWizardFields, validatePins } from './pins.js';
import type { Choice, CredentialValues, EnvVars, ProviderEntry, ProviderModule } from './types.js';

/**
 * Google Vertex AI. Credentials are Application Default Credentials, or a
 * service-account key file named by its path: cuti stores the path, not the key. The
 * file stays where gcloud or the user keeps and rotates it, no second copy of a private
 * key is made, and `env` (whose exports outlive cuti) can point at it, which a
 * temporary copy removed after `exec` could not.
 */

/** Claude Code's per-model region variables (note the documented word order). */
export const VERTEX_REGION_VARS = [
  'VERTEX_REGION_CLAUDE_3_5_HAIKU',
  'VERTEX_REGION_CLAUDE_3_5_SONNET',
  'VERTEX_REGION_CLAUDE_3_7_SONNET',
  'VERTEX_REGION_CLAUDE_4_0_OPUS',
  'VERTEX_REGION_CLAUDE_4_0_SONNET',
  'VERTEX_REGION_CLAUDE_4_1_OPUS',
  'VERTEX_REGION_CLAUDE_4_5_OPUS',
  'VERTEX_REGION_CLAUDE_4_5_SONNET',
  'VERTEX_REGION_CLAUDE_4_6_OPUS',
  'VERTEX_REGION_CLAUDE_4_6_SONNET',
  'VERTEX_REGION_CLAUDE_4_7_OPUS',
  'VERTEX_REGION_CLAUDE_4_8_OPUS',
  'VERTEX_REGION_CLAUDE_5_OPUS',
  'VERTEX_REGION_CLAUDE_5_SONNET',
  'VERTEX_REGION_CLAUDE_FABLE_5',
  'VERTEX_REGION_CLAUDE_HAIKU_4_5',
] as const;

/** Variables that outrank ANTHROPIC_VERTEX_PROJECT_ID when set. */
export const VERTEX_PROJECT_OVERRIDES = ['GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT'] as const;

export const VERTEX_REGIONS: readonly Choice[] = [
  { value: 'global', label: 'global', hint: 'global endpoint (Claude Code’s recommended default)' },
  { value: 'us', label: 'us', hint: 'US multi-region' },
  { value: 'eu', label: 'eu', hint: 'EU multi-region' },
  { value: 'us-east5', label: 'us-east5', hint: 'Columbus' },
  { value: 'us-central1', label: 'us-central1', hint: 'Iowa' },
  { value: 'europe-west1', label: 'europe-west1', hint: 'Belgium' },
  { value: 'europe-west4', label: 'europe-west4', hint: 'Netherlands' },
  { value: 'asia-east1', label: 'asia-east1', hint: 'Taiwan' },
  { value: 'asia-southeast1', label: 'asia-southeast1', hint: 'Singapore' },
];

const VERTEX_REGION = /^(global|us|eu|[a-z]+-[a-z]+\d+)$/;

/** A Vertex location: `global`, `us`, `eu` or e.g. `us-east5`; anything else is refused. */
export function validateVertexRegion(value: string | undefined): string {
  const region = validateValue('Region', value);
  if (!VERTEX_REGION.test(region)) {
    throw new ValidationError(`Region '${shownValue(region)}' is not a Vertex AI region (global, us, eu, or e.g. us-east5)`);
  }
  return region;
}

/** GCP project ids: 6–30 lower-case letters, digits and hyphens, starting with a letter. */
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export function validateProjectId(value: string | undefined): string {
  const project = validateValue('Project ID', value);
  if (looksLikeCredential(project)) throw new ValidationError('Project ID looks like a credential; give the project id');
  // Older projects may carry a domain prefix (`example.com:my-project`).
  const bare = project.includes(':') ? project.slice(project.lastIndexOf(':') + 1) : project;
  if (!PROJECT_ID.test(bare)) {
    throw new ValidationError(`Project ID '${shownValue(project)}' is not a Google Cloud project id (e.g. my-project-123)`);
  }
  return project;
}

export function validateCredentialsPath(value: string | undefined): string {
  const path = validateValue('Credentials file', value);
  if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) throw new ValidationError('Credentials file must be an absolute path');
  return path;
}

/** `CLAUDE_HAIKU_4_5=us-east5,…` (or the full variable names) → the variables and regions. */
export function parseModelRegions(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (text === undefined || text.trim() === '') return out;
  for (const part of text.split(',')) {
    const [rawName = '', region, ...rest] = part.split('=');
    const name = rawName.trim().toUpperCase();
    const variable = name.startsWith('VERTEX_REGION_') ? name : `VERTEX_REGION_${name}`;
    if (region === undefined || rest.length > 0 || !(VERTEX_REGION_VARS as readonly string[]).includes(variable)) {
      throw new ValidationError(
        `Per-model region '${shownValue(part.trim())}' is not MODEL=REGION with a known model (e.g. CLAUDE_HAIKU_4_5=us-east5)`,
      );
    }
    out[variable] = validateVertexRegion(region.trim());
  }
  return out;
}

function formatModelRegions(overrides: Record<string, string>): string {
  return Object.entries(overrides)
    .map(([name, region]) => `${name.replace(/^VERTEX_REGION_/, '')}=${region}`)
    .join(',');
}

function overridesOf(entry: ProviderEntry): Record<string, string> {
  const raw = entry.region_overrides;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).filter(
      (kv): kv is [string, string] => typeof kv[1] === 'string' && (VERTEX_REGION_VARS as readonly string[]).includes(kv[0]),
    ),
  );
}

export const vertex: ProviderModule = {
  id: 'vertex',
  label: 'Vertex',
  credentialType: 'vertex_api',
  cloudSwitch: { variable: 'CLAUDE_CODE_USE_VERTEX', label: 'Google Vertex AI' },
  choice: { label: 'Google Vertex AI', hint: 'project id, region, and ADC or a service-account key file' },
  cliOptions: [
    { flags: '--project-id <id>', description: 'Google Cloud project id (Vertex AI)' },
    { flags: '--credentials-file <path>', description: 'service-account key file (Vertex AI; default: application default credentials)' },
    { flags: '--model-regions <list>', description: 'Vertex AI per-model regions, e.g. CLAUDE_HAIKU_4_5=us-east5,CLAUDE_5_OPUS=global' },
    ...PIN_OPTIONS,
  ],
  cliInputs: () => [],
  fromCli(options) {
    const text = (key: string) => (typeof options[key] === 'string' ? (options[key]) : undefined);
    if (options.apiKey !== undefined || options.apiKeyEnv !== undefined) {
      throw new ValidationError('Vertex AI takes no API key; give --credentials-file, or none for application default credentials');
    }
    return {
      projectId: text('projectId'),
      region: text('region'),
      credentialsFile: text('credentialsFile'),
      modelRegions: text('modelRegions'),
      ...pinsFromCli(options),
    };
  },
  validate(values: CredentialValues) {
    if (!values.projectId || !values.region) throw new ValidationError('Vertex AI requires --project-id and --region');
    const checked: CredentialValues = {
      projectId: validateProjectId(values.projectId),
      region: validateVertexRegion(values.region),
      credentialsFile: values.credentialsFile ? validateCredentialsPath(values.credentialsFile) : undefined,
      modelRegions: values.modelRegions ? formatModelRegions(parseModelRegions(values.modelRegions)) || undefined : undefined,
      ...validatePins(values),
    };
    return { values: checked, warnings: [] };
  },
  toEntry(values, created) {
    const entry: ProviderEntry = { project_id: values.projectId, region: values.region };
    if (values.credentialsFile) entry.credentials_file = values.credentialsFile;
    const overrides = parseModelRegions(values.modelRegions);
    if (Object.keys(overrides).length > 0) entry.region_overrides = overrides;
    return { ...entry, ...pinEntry(values), provider: 'vertex', created };
  },
  secretKeys: [],
  fields(entry) {
    const overrides = formatModelRegions(overridesOf(entry));
    return [
      plainField('Provider', stored(entry, 'provider', 'vertex')),
      plainField('Created', stored(entry, 'created', 'unknown')),
      plainField('Project ID', stored(entry, 'project_id', 'unknown')),
      plainField('Region', stored(entry, 'region', 'unknown')),
      plainField('Credentials', stored(entry, 'credentials_file', 'application default credentials')),
      ...(overrides ? [plainField('Model Regions', overrides)] : []),
      ...pinFields(entry),
    ];
  },
  env(entry): EnvVars {
    const vars: EnvVars = [
      ['CLAUDE_CODE_USE_VERTEX', '1'],
      ['CLOUD_ML_REGION', requireStored(entry, 'region', 'region')],
      ['ANTHROPIC_VERTEX_PROJECT_ID', requireStored(entry, 'project_id', 'project ID')],
    ];
    const file = stored(entry, 'credentials_file');
    if (file !== '') vars.push(['GOOGLE_APPLICATION_CREDENTIALS', file]);
    vars.push(...Object.entries(overridesOf(entry)), ...pinEnv(entry));
    return vars;
  },
  envVars: ['CLAUDE_CODE_USE_VERTEX', 'CLOUD_ML_REGION', 'ANTHROPIC_VERTEX_PROJECT_ID', 'GOOGLE_APPLICATION_CREDENTIALS', 'ANTHROPIC_VERTEX_BASE_URL', 'CLAUDE_CODE_SKIP_VERTEX_AUTH', ...VERTEX_REGION_VARS],
  conflictingVars: VERTEX_PROJECT_OVERRIDES,
  secretVars: {},
  fingerprint: (entry) => ({ variable: 'ANTHROPIC_VERTEX_PROJECT_ID', value: stored(entry, 'project_id') }),
  wizardFields: () => [
    { name: 'projectId', title: 'Google Cloud project id', label: 'Project ID', secret: false, placeholder: 'e.g. my-project-123', validate: validateProjectId },
    { name: 'region', title: 'Vertex AI region', label: 'Region', secret: false, placeholder: 'e.g. us-east5', choices: VERTEX_REGIONS, validate: validateVertexRegion },
    {
      name: 'credentialsFile',
      title: 'Service-account key file (optional)',
      label: 'Key file path',
      secret: false,
      optional: true,
      placeholder: 'Enter for application default credentials',
      hint: 'An absolute path; cuti stores the path, not the key.',
      validate: (v) => (v === '' ? '' : validateCredentialsPath(v)),
    },
    ...pinWizardFields({ primary: true }),
    {
      // The CLI's --model-regions: where a model is not served in the account's region.
      name: 'modelRegions',
      title: 'Per-model regions (optional)',
      label: 'Model regions',
      secret: false,
      optional: true,
      placeholder: 'Enter: every model in the region above',
      hint: 'MODEL=REGION, comma-separated, e.g. CLAUDE_HAIKU_4_5=us-east5',
      validate: (v) => (v.trim() === '' ? '' : formatModelRegions(parseModelRegions(v))),
    },
  ],
  summary: (values) => [
    ['Project ID', values.projectId ?? ''],
    ['Region', values.region ?? ''],
    ['Credentials', values.credentialsFile || 'application default credentials'],
    ...(values.modelRegions ? [['Model Regions', values.modelRegions] as [string, string]] : []),
    ...pinSummary(values),
  ],
  fileInputs: ['credentialsFile'],
};
