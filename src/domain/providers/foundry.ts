import { ValidationError } from '../errors.js';
import { maskApiKey } from '../masking.js';
import { looksLikeCredential, shownValue } from '../redact.js';
import { validateValue } from '../validation.js';
import { plainField, requireStored, secretField, stored } from './fields.js';
import { pinEntry, pinEnv, pinFields, PIN_OPTIONS, pinsFromCli, pinSummary, pinWizardFields, validatePins } from './pins.js';
import type { CredentialValues, EnvVars, ProviderEntry, ProviderModule, WizardField } from './types.js';

/**
 * Microsoft Foundry: a resource name (or a base URL, for a gateway or a custom
 * domain) and an API key, handed over as Claude Code's ANTHROPIC_FOUNDRY_* variables.
 */

const RESOURCE = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;

export function validateResource(value: string | undefined): string {
  const resource = validateValue('Resource', value);
  if (looksLikeCredential(resource)) throw new ValidationError('Resource looks like a credential; give the resource name');
  if (!RESOURCE.test(resource)) {
    throw new ValidationError(`Resource '${shownValue(resource)}' is not an Azure resource name (letters, digits and '-')`);
  }
  return resource;
}

export function validateBaseUrl(value: string | undefined): string {
  const text = validateValue('Base URL', value);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError(`Base URL '${shownValue(text)}' is not a URL (e.g. https://my-resource.services.ai.azure.com/anthropic)`);
  }
  if (url.protocol !== 'https:') throw new ValidationError('Base URL must use https');
  // A key pasted into the URL would be stored and shown in the clear.
  if (url.username !== '' || url.password !== '') throw new ValidationError('Base URL must not carry a user name or password');
  return text;
}

const ENDPOINTS = [
  { value: 'resource', label: 'Resource name', hint: 'ANTHROPIC_FOUNDRY_RESOURCE, e.g. my-resource' },
  { value: 'base_url', label: 'Base URL', hint: 'a gateway or custom domain (ANTHROPIC_FOUNDRY_BASE_URL)' },
];

/** Where the resource is (its name, or a base URL as `--base-url` gives it), then the key and optional pins. */
function wizardFields(values: CredentialValues): WizardField[] {
  const endpoint: WizardField = {
    name: 'endpoint',
    closed: true,
    title: 'How is the Foundry resource reached?',
    label: 'Endpoint',
    secret: false,
    placeholder: '',
    choices: ENDPOINTS,
    validate: (v) => v,
  };
  const where: WizardField =
    values.endpoint === 'base_url'
      ? { name: 'baseUrl', title: 'Microsoft Foundry base URL', label: 'Base URL', secret: false, placeholder: 'https://my-resource.services.ai.azure.com/anthropic', validate: validateBaseUrl }
      : { name: 'resource', title: 'Microsoft Foundry resource name', label: 'Resource', secret: false, placeholder: 'e.g. my-resource', validate: validateResource };
  return [
    endpoint,
    where,
    { name: 'apiKey', title: 'Foundry API key', label: 'API key', secret: true, placeholder: '', hint: 'Hidden while you type; pasting works.', validate: (v) => validateValue('API key', v) },
    ...pinWizardFields({ primary: true }),
  ];
}

export const foundry: ProviderModule = {
  id: 'foundry',
  label: 'Foundry',
  credentialType: 'foundry_api',
  cloudSwitch: { variable: 'CLAUDE_CODE_USE_FOUNDRY', label: 'Microsoft Foundry' },
  choice: { label: 'Microsoft Foundry', hint: 'an Azure resource (or base URL) and its API key' },
  cliOptions: [
    { flags: '--resource <name>', description: 'Microsoft Foundry resource name' },
    { flags: '--base-url <url>', description: 'Microsoft Foundry base URL (instead of --resource)' },
    ...PIN_OPTIONS,
  ],
  cliInputs: (options) => [
    {
      name: 'apiKey',
      flag: '--api-key',
      envFlag: '--api-key-env',
      label: 'Foundry API key',
      secret: true,
      promptWhenAbsent: options.resource !== undefined || options.baseUrl !== undefined,
    },
  ],
  fromCli(options, inputs) {
    const text = (key: string) => (typeof options[key] === 'string' ? (options[key]) : undefined);
    return { resource: text('resource'), baseUrl: text('baseUrl'), apiKey: inputs.apiKey, ...pinsFromCli(options) };
  },
  validate(values: CredentialValues) {
    const hasResource = Boolean(values.resource);
    const hasUrl = Boolean(values.baseUrl);
    if (hasResource && hasUrl) throw new ValidationError('Foundry takes --resource or --base-url, not both');
    if (!hasResource && !hasUrl) throw new ValidationError('Foundry requires --resource or --base-url, and --api-key');
    if (values.apiKey === undefined || values.apiKey.trim() === '') throw new ValidationError('Foundry requires an API key (--api-key)');
    return {
      values: {
        resource: hasResource ? validateResource(values.resource) : undefined,
        baseUrl: hasUrl ? validateBaseUrl(values.baseUrl) : undefined,
        apiKey: validateValue('API key', values.apiKey),
        ...validatePins(values),
      },
      warnings: [],
    };
  },
  toEntry(values, created) {
    const where: ProviderEntry = values.resource ? { resource: values.resource } : { base_url: values.baseUrl };
    return { ...where, api_key: values.apiKey, ...pinEntry(values), provider: 'foundry', created };
  },
  secretKeys: [{ key: 'api_key', mask: maskApiKey }],
  fields(entry) {
    const where = typeof entry.base_url === 'string' ? plainField('Base URL', entry.base_url) : plainField('Resource', stored(entry, 'resource', 'unknown'));
    return [
      plainField('Provider', stored(entry, 'provider', 'foundry')),
      plainField('Created', stored(entry, 'created', 'unknown')),
      where,
      ...pinFields(entry),
      secretField('API Key', stored(entry, 'api_key'), maskApiKey),
    ];
  },
  env(entry): EnvVars {
    const vars: EnvVars = [['CLAUDE_CODE_USE_FOUNDRY', '1']];
    if (typeof entry.base_url === 'string' && entry.base_url !== '') vars.push(['ANTHROPIC_FOUNDRY_BASE_URL', entry.base_url]);
    else vars.push(['ANTHROPIC_FOUNDRY_RESOURCE', requireStored(entry, 'resource', 'resource')]);
    vars.push(['ANTHROPIC_FOUNDRY_API_KEY', requireStored(entry, 'api_key', 'API key')], ...pinEnv(entry));
    return vars;
  },
  // No settingsHelper: Claude Code documents no command-run setting for a Foundry key
  // (apiKeyHelper feeds Anthropic's own API; with CLAUDE_CODE_USE_FOUNDRY the cloud
  // credentials rank first). So `use --claude-code` writes only the switch, the resource
  // and the pins, and the key reaches Claude Code through `exec`/`env`, never a file.
  envVars: ['CLAUDE_CODE_USE_FOUNDRY', 'ANTHROPIC_FOUNDRY_RESOURCE', 'ANTHROPIC_FOUNDRY_BASE_URL', 'ANTHROPIC_FOUNDRY_API_KEY', 'ANTHROPIC_FOUNDRY_AUTH_TOKEN', 'CLAUDE_CODE_SKIP_FOUNDRY_AUTH'],
  secretVars: { ANTHROPIC_FOUNDRY_API_KEY: maskApiKey, ANTHROPIC_FOUNDRY_AUTH_TOKEN: maskApiKey },
  fingerprint: (entry) => ({ variable: 'ANTHROPIC_FOUNDRY_API_KEY', value: stored(entry, 'api_key') }),
  wizardFields,
  summary: (values) => [
    values.baseUrl ? ['Base URL', values.baseUrl] : ['Resource', values.resource ?? ''],
    ['API Key', maskApiKey(values.apiKey ?? '')],
    ...pinSummary(values),
  ],
};
