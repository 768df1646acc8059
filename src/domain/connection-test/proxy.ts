/**
 * Which proxy a request goes through, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either
 * case; lower case wins, as in curl). Decided here rather than inside the HTTP
 * client so the verdict can name the proxy that was really used.
 */

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The proxy URL for `target`, or null for a direct connection. */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): string | null {
  const https = target.protocol === 'https:';
  const proxy = (https ? envValue(env, 'HTTPS_PROXY') : undefined) ?? envValue(env, 'HTTP_PROXY');
  if (proxy === undefined) return null;
  if (bypassesProxy(target, envValue(env, 'NO_PROXY') ?? '')) return null;
  // `host:port` without a scheme is common in the wild and means an HTTP proxy.
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

/**
 * NO_PROXY: comma- or space-separated; `*` for everything; a name matches itself and its
 * subdomains (a leading `.` or `*.` is allowed); an entry may name a port.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    if (!match) continue;
    const name = match[1]!.replace(/^\[|\]$/g, '').replace(/^\*?\./, '');
    if (match[2] !== undefined && match[2] !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** A proxy URL fit to show: user and password removed. */
export function displayProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    const auth = url.username !== '' || url.password !== '';
    return `${url.protocol}//${auth ? '***@' : ''}${url.host}`;
  } catch {
    return '(unparsable proxy URL)';
  }
}
