/**
 * Which Bedrock control-plane call proves a stored model id, and where it goes. Pure.
 * GetInferenceProfile for cross-region inference profiles (the ids Claude Code pins, and
 * an action in its recommended IAM policy), GetFoundationModel for base model ids.
 */

/** Geography prefixes of system-defined inference profile ids (`us.anthropic.claude-…`). */
export const INFERENCE_PROFILE_PREFIXES = ['us', 'eu', 'apac', 'global', 'jp', 'au', 'ca', 'us-gov'] as const;

export interface BedrockProbe {
  operation: 'GetInferenceProfile' | 'GetFoundationModel' | 'ListFoundationModels';
  /** Path and query, encoded as the AWS SDK sends them. */
  path: string;
  /** `inference profile us.anthropic…`, for details. */
  what: string;
}

/** AWS encodes a path label with every reserved character escaped (`:` → `%3A`, `/` → `%2F`). */
function encodeLabel(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function isInferenceProfileId(modelId: string): boolean {
  if (modelId.startsWith('arn:')) return /:(application-)?inference-profile\//.test(modelId);
  const first = modelId.split('.')[0] ?? '';
  return modelId.includes('.') && (INFERENCE_PROFILE_PREFIXES as readonly string[]).includes(first);
}

export function bedrockProbe(modelId: string | undefined): BedrockProbe {
  if (modelId === undefined || modelId.trim() === '') {
    return { operation: 'ListFoundationModels', path: '/foundation-models?byProvider=anthropic', what: 'Anthropic models' };
  }
  if (isInferenceProfileId(modelId)) {
    return { operation: 'GetInferenceProfile', path: `/inference-profiles/${encodeLabel(modelId)}`, what: `inference profile ${modelId}` };
  }
  return { operation: 'GetFoundationModel', path: `/foundation-models/${encodeLabel(modelId)}`, what: `model ${modelId}` };
}

/**
 * The control-plane endpoint, honouring the AWS SDK convention: AWS_ENDPOINT_URL_BEDROCK,
 * then AWS_ENDPOINT_URL, then the regional default.
 */
export function bedrockEndpoint(region: string, env: NodeJS.ProcessEnv): string {
  const override = env.AWS_ENDPOINT_URL_BEDROCK?.trim() || env.AWS_ENDPOINT_URL?.trim();
  if (override) return override.replace(/\/+$/, '');
  return `https://bedrock.${region}.amazonaws.com`;
}

/** The Anthropic API endpoint for a key test: ANTHROPIC_BASE_URL when set. */
export function anthropicModelsUrl(env: NodeJS.ProcessEnv): string {
  const base = env.ANTHROPIC_BASE_URL?.trim() || 'https://api.anthropic.com';
  return `${base.replace(/\/+$/, '')}/v1/models?limit=1`;
}
