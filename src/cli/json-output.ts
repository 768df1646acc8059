import type { AccountSummary, ProviderCredential } from '../accounts/service.js';
import { escapeJsonForTerminal } from '../domain/sanitize.js';
import type { CliContext } from './context.js';

/**
 * `--json` output for scripts. Every document carries `schemaVersion`; a change that
 * removes or renames a field bumps it, adding a field does not.
 */
export const SCHEMA_VERSION = 1;

export function printJson(ctx: CliContext, payload: Record<string, unknown>): void {
  ctx.out.data(escapeJsonForTerminal(JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...payload }, null, 2)));
}

/** Whether `--json` was asked for, looking only before `--` (after it, arguments belong to a child). */
export function jsonRequested(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}

export interface JsonError {
  code: string;
  message: string;
  hint?: string;
  exitCode: number;
}

/** An error as a JSON document: what `--json` prints on stdout instead of `✗ …` on stderr. */
export function errorDocument(error: JsonError): string {
  const { code, message, hint, exitCode } = error;
  return escapeJsonForTerminal(
    JSON.stringify({ schemaVersion: SCHEMA_VERSION, error: { code, message, ...(hint ? { hint } : {}), exitCode } }, null, 2),
  );
}

/** `API Key` → `apiKey`, `Access Key ID` → `accessKeyId`: field labels as JSON keys. */
export function fieldKey(label: string): string {
  const words = label.split(/\s+/).filter(Boolean);
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
}

/** A provider's credential; secret fields masked unless `reveal`. */
export function credentialJson(credential: ProviderCredential, reveal: boolean): Record<string, unknown> {
  const fields: Record<string, string> = {};
  for (const f of credential.fields) fields[fieldKey(f.label)] = reveal ? f.value : f.masked;
  return { provider: credential.provider, created: credential.created, masked: !reveal, fields };
}

export function accountJson(account: AccountSummary): Record<string, unknown> {
  return {
    name: account.name,
    type: account.type,
    created: account.created,
    lastUsed: account.lastUsed,
    active: account.active,
    hasCredentials: account.hasCredentials,
    providers: account.providers,
    oauth: account.oauth,
    isBackup: account.isBackup,
    warnings: account.warnings,
  };
}
