/**
 * Masking rules, the same as the original tool's `show-api-key`, so a masked value
 * looks identical in both tools.
 */
export function maskApiKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}...${key.slice(-4)}` : '***';
}

export function maskBearerToken(token: string): string {
  return token.length > 18 ? `${token.slice(0, 12)}...${token.slice(-6)}` : '***';
}

export function maskAccessKeyId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}...` : '***';
}

export function maskSecretAccessKey(_secret: string): string {
  return '***';
}
