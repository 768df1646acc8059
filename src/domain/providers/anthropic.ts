import { ValidationError } from '../errors.js';
import { maskApiKey } from '../masking.js';
import { validateValue } from '../validation.js';
import { plainField, secretField } from './fields.js';
import type { CredentialValues, ProviderEntry, ProviderModule } from './types.js';

/** An Anthropic API key (`sk-ant-…`), handed over as ANTHROPIC_API_KEY. */

export function anthropicKeyWarnings(apiKey: string): string[] {
  return apiKey.startsWith('sk-ant-') ? [] : ["API key does not start with 'sk-ant-'; storing it anyway"];
}

function requireStored(value: unknown, label: string): string {
  if (typeof value !== 'string' || value === '') throw new ValidationError(`The stored credential has no ${label}`);
  return value;
}

export const anthropic: ProviderModule = {
  id: 'anthropic',
  label: 'Anthropic',
  credentialType: 'anthropic_api',
  choice: { label: 'Anthropic API', hint: 'an sk-ant- key from console.anthropic.com' },
  cliOptions: [],
  cliInputs: () => [
    { name: 'apiKey', flag: '--api-key', envFlag: '--api-key-env', label: 'Anthropic API key', secret: true, promptWhenAbsent: true, required: true },
  ],
  fromCli: (_options, inputs) => ({ apiKey: inputs.apiKey }),
  validate(values: CredentialValues) {
    const apiKey = validateValue('API key', values.apiKey);
    return { values: { apiKey }, warnings: anthropicKeyWarnings(apiKey) };
  },
  toEntry: (values, created) => ({ api_key: values.apiKey, provider: 'anthropic', created }),
  secretKeys: [{ key: 'api_key', mask: maskApiKey }],
  fields: (entry: ProviderEntry) => [
    plainField('Provider', typeof entry.provider === 'string' ? entry.provider : 'anthropic'),
    plainField('Created', typeof entry.created === 'string' ? entry.created : 'unknown'),
    secretField('API Key', typeof entry.api_key === 'string' ? entry.api_key : '', maskApiKey),
  ],
  env: (entry) => [['ANTHROPIC_API_KEY', requireStored(entry.api_key, 'API key')]],
  envVars: ['ANTHROPIC_API_KEY'],
  secretVars: { ANTHROPIC_API_KEY: maskApiKey },
  fingerprint: (entry) => (typeof entry.api_key === 'string' && entry.api_key !== '' ? { variable: 'ANTHROPIC_API_KEY', value: entry.api_key } : null),
  settingsHelper: () => ({ key: 'apiKeyHelper', covers: ['ANTHROPIC_API_KEY'] }),
  wizardFields: () => [
    {
      name: 'apiKey',
      title: 'Anthropic API key',
      label: 'API key',
      secret: true,
      placeholder: 'sk-ant-api03-…',
      hint: 'Hidden while you type; pasting works.',
      validate: (v) => validateValue('API key', v),
    },
  ],
  summary: (values) => [['API Key', maskApiKey(values.apiKey ?? '')]],
};
