/**
 * Choices the add-key wizard offers for Bedrock. Lists go stale as AWS adds models and
 * regions, so the wizard always keeps "type another" open: nothing here is a rule.
 */
export interface CatalogEntry {
  id: string;
  label: string;
}

/**
 * Claude model ids on Bedrock, newest first. Since the 4.6 generation ids carry no date
 * (and from Sonnet 4.6 no `-v1` suffix); `us.`/`eu.`/`global.` prefixes name
 * cross-region inference profiles, which newer models need for on-demand use.
 */
export const BEDROCK_MODELS: readonly CatalogEntry[] = [
  { id: 'us.anthropic.claude-opus-4-8', label: 'Claude Opus 4.8 (US profile)' },
  { id: 'anthropic.claude-opus-4-7', label: 'Claude Opus 4.7' },
  { id: 'anthropic.claude-opus-4-6-v1', label: 'Claude Opus 4.6' },
  { id: 'anthropic.claude-sonnet-4-6', label: 'Claude Sonnet 4.6' },
  { id: 'us.anthropic.claude-sonnet-4-6', label: 'Claude Sonnet 4.6 (US profile)' },
  { id: 'global.anthropic.claude-sonnet-4-6', label: 'Claude Sonnet 4.6 (global profile)' },
  { id: 'anthropic.claude-opus-4-5-20251101-v1:0', label: 'Claude Opus 4.5' },
  { id: 'anthropic.claude-sonnet-4-5-20250929-v1:0', label: 'Claude Sonnet 4.5' },
  { id: 'anthropic.claude-haiku-4-5-20251001-v1:0', label: 'Claude Haiku 4.5' },
  { id: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', label: 'Claude Haiku 4.5 (US profile)' },
  { id: 'anthropic.claude-3-5-sonnet-20241022-v2:0', label: 'Claude 3.5 Sonnet v2 (legacy)' },
];

/** AWS regions where Bedrock serves Claude models. */
export const BEDROCK_REGIONS: readonly CatalogEntry[] = [
  { id: 'us-east-1', label: 'US East (N. Virginia)' },
  { id: 'us-east-2', label: 'US East (Ohio)' },
  { id: 'us-west-2', label: 'US West (Oregon)' },
  { id: 'ca-central-1', label: 'Canada (Central)' },
  { id: 'sa-east-1', label: 'South America (São Paulo)' },
  { id: 'eu-central-1', label: 'Europe (Frankfurt)' },
  { id: 'eu-west-1', label: 'Europe (Ireland)' },
  { id: 'eu-west-2', label: 'Europe (London)' },
  { id: 'eu-west-3', label: 'Europe (Paris)' },
  { id: 'eu-north-1', label: 'Europe (Stockholm)' },
  { id: 'eu-south-1', label: 'Europe (Milan)' },
  { id: 'ap-northeast-1', label: 'Asia Pacific (Tokyo)' },
  { id: 'ap-northeast-2', label: 'Asia Pacific (Seoul)' },
  { id: 'ap-south-1', label: 'Asia Pacific (Mumbai)' },
  { id: 'ap-southeast-1', label: 'Asia Pacific (Singapore)' },
  { id: 'ap-southeast-2', label: 'Asia Pacific (Sydney)' },
];
