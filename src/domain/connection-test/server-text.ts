import { shown } from '../safe-text.js';

/** How much of a server's message a verdict shows. */
export const SERVER_TEXT_LIMIT = 160;
/** A server may echo what it was sent: any run this long taken from a secret is hidden. */
const SECRET_WINDOW = 8;

/**
 * A server's text (an error message, a body) made fit to show: pieces of the credentials
 * sent are hidden (a server may echo a key back), key-shaped and signature-shaped runs
 * too, control characters escaped, whitespace collapsed, and the result cut short.
 */
export function serverText(text: string, secrets: readonly string[], limit = SERVER_TEXT_LIMIT): string {
  // Bound the work before the quadratic-ish scan below; only `limit` characters survive anyway.
  const bounded = text.slice(0, 4 * 1024);
  const redacted = redactPatterns(redactSecrets(bounded, secrets));
  return truncate(shown(redacted.replace(/\s+/g, ' ').trim()), limit);
}

/** Hides every run of at least SECRET_WINDOW characters that also occurs in one of `secrets`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const usable = secrets.filter((s) => s.length >= SECRET_WINDOW);
  if (usable.length === 0 || text.length < SECRET_WINDOW) return text;
  const hidden = new Uint8Array(text.length);
  for (let i = 0; i + SECRET_WINDOW <= text.length; i += 1) {
    const window = text.slice(i, i + SECRET_WINDOW);
    if (usable.some((s) => s.includes(window))) hidden.fill(1, i, i + SECRET_WINDOW);
  }
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    if (hidden[i] === 0) out += text[i];
    else if (i === 0 || hidden[i - 1] === 0) out += '[redacted]';
  }
  return out;
}

/** Keys and signatures cuti did not send may still be echoed (a proxy, a mix-up): hide their shape. */
function redactPatterns(text: string): string {
  return text
    .replace(/\bsk-ant-[A-Za-z0-9_-]+/g, 'sk-ant-[redacted]')
    .replace(/(Signature=)[0-9a-fA-F]+/g, '$1[redacted]')
    .replace(/(Bearer\s+)\S+/gi, '$1[redacted]')
    .replace(/\b(?:AKIA|ASIA|ABSK)[A-Za-z0-9+/=]{8,}/g, '[redacted]');
}

export function truncate(text: string, limit: number): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}
