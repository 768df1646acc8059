/**
 * Fake secrets for every test. Each is distinctive, so a leak check can look for it in
 * any output: the CLI harness fails a run whose stdout/stderr contains one of these
 * unless the test said it expects a secret to be shown (`--show-secret`, print-key…).
 * Tests must take secrets from here, never invent their own.
 */
export const SECRETS = {
  anthropicKey: 'sk-ant-api03-FAKEsecretANTHROPICkey0123456789-abcdefXYZ',
  anthropicKey2: 'sk-ant-api03-FAKEsecondANTHROPICkey9876543210-zyxwvuQRS',
  accessKeyId: 'AKIAFAKEACCESS0KEY01',
  secretAccessKey: 'FAKEsecretACCESSkey/0123456789+abcdefghijKLMN',
  secretAccessKey2: 'FAKEotherSECRETkey/9876543210+zyxwvutsrqPONM',
  bearerToken: 'ABSKFAKEbearerTOKENforBEDROCK0123456789abcdef',
  oauthAccessToken: 'sk-ant-oat01-FAKEoauthACCESStoken0123456789',
  oauthRefreshToken: 'sk-ant-ort01-FAKEoauthREFRESHtoken0123456789',
} as const;

/** Parts of a secret long enough to be unmistakable (a masked value shows at most 8 + 4). */
export function leakedSecrets(text: string): string[] {
  return Object.values(SECRETS).filter((secret) => {
    if (text.includes(secret)) return true;
    // Any 16-character window of a secret counts as a leak: masking never shows that much.
    for (let i = 0; i + 16 <= secret.length; i += 4) {
      if (text.includes(secret.slice(i, i + 16))) return true;
    }
    return false;
  });
}

/**
 * Throws when `text` contains a known fake secret. For anything that is not a CLI run:
 * TUI frames (`assertNoSecrets(lastFrame(), 'list screen')`), JSON output, log lines.
 * The thrown message names where, never the secret itself.
 */
export function assertNoSecrets(text: string | undefined, where = 'output'): void {
  const leaks = leakedSecrets(text ?? '');
  if (leaks.length > 0) throw new Error(`${where} shows ${leaks.length} secret(s) it was not asked to reveal`);
}

/**
 * Everything an error carries that a front end might print or serialise: message,
 * hint, code, its JSON form and its causes. Secrets must appear in none of them.
 */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(current.name, current.message, current.stack ?? '');
      const extra = current as Error & { hint?: unknown; code?: unknown; path?: unknown };
      parts.push(...[extra.hint, extra.code, extra.path].map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))));
      try {
        parts.push(JSON.stringify(current));
      } catch {
        // Circular structures cannot be serialised by a front end either.
      }
      current = current.cause;
    } else {
      parts.push(typeof current === 'string' ? current : (JSON.stringify(current) ?? ''));
      current = undefined;
    }
  }
  return parts.join('\n');
}

/** Throws when a caught error (or its causes) would show a known fake secret. */
export function assertErrorHasNoSecrets(error: unknown, where = 'error'): void {
  assertNoSecrets(errorText(error), where);
}

/**
 * A distinct secret derived from a known one, for tests that need many different keys.
 * It contains the whole base secret, so the leak check above still catches it.
 */
export function variantOf(secret: string, n: number | string): string {
  return `${secret}-${n}`;
}

/** A Node stack trace in output: an unhandled error reached the user. */
export function stackTraceIn(text: string): boolean {
  return /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m.test(text) || text.includes('node:internal/');
}
