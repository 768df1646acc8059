import type { AccountDetails } from '../accounts/service.js';
import { suggestedName } from '../domain/shell-quote.js';
import { formatDate, formatDateTime } from '../domain/timestamps.js';
import { providerLabel, type Provider } from '../domain/providers/index.js';
import { shown } from '../domain/safe-text.js';

/** One line of the detail screen; secret fields carry their index among the secrets. */
export type DetailRow =
  | { kind: 'heading'; text: string }
  | { kind: 'field'; label: string; value: string; secretIndex?: number; provider?: Provider }
  | { kind: 'command'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'blank' };

export interface SecretRef {
  provider: Provider;
  label: string;
  /** Raw value, only ever rendered while revealed. */
  value: string;
  masked: string;
}

export function secretsOf(details: AccountDetails): SecretRef[] {
  return details.credentials.flatMap((c) =>
    c.fields.filter((f) => f.secret).map((f) => ({ provider: c.provider, label: f.label, value: f.value, masked: f.masked })),
  );
}

/** Commands that put this account to work (shown for copying). */
export function usageCommands(name: string): string[] {
  const display = suggestedName(name);
  return [`cuti claude exec ${display} -- claude`, `eval "$(cuti claude env ${display})"`];
}


/**
 * Everything the detail screen shows, top to bottom, as plain rows: the screen only
 * windows and styles them. Values are sanitised; secrets appear masked unless the
 * index is the revealed one.
 */
export function buildDetailRows(details: AccountDetails, revealed: number | null): DetailRow[] {
  const rows: DetailRow[] = [];
  const field = (label: string, value: string): DetailRow => ({ kind: 'field', label, value: shown(value) });
  rows.push(
    field('Type', details.type),
    field('Created', formatDate(details.created)),
    field('Last used', formatDateTime(details.lastUsed, 'never')),
    field('Status', details.active ? 'active' : details.hasCredentials ? 'not active' : 'no credentials'),
  );
  if (details.oauth) {
    rows.push({ kind: 'blank' }, { kind: 'heading', text: `Claude Code login (${shown(details.oauth.subscription)})` });
    if (details.oauth.email) rows.push(field('Email', details.oauth.email));
  }
  let secretIndex = 0;
  for (const credential of details.credentials) {
    rows.push({ kind: 'blank' }, { kind: 'heading', text: `${providerLabel(credential.provider)} API Key` });
    for (const f of credential.fields) {
      if (!f.secret) {
        rows.push(field(f.label, f.value));
        continue;
      }
      const index = secretIndex++;
      rows.push({
        kind: 'field',
        label: f.label,
        value: shown(index === revealed ? f.value : f.masked),
        secretIndex: index,
        provider: credential.provider,
      });
    }
  }
  if (details.credentials.length === 0 && !details.oauth) {
    // A file that could not be read is not an empty account: say so, and leave it as it is.
    const text =
      details.warnings.length > 0
        ? 'The credentials of this account could not be read (below); the files were left as they are.'
        : 'This account holds no credentials yet. Press a to add a key.';
    rows.push({ kind: 'blank' }, { kind: 'note', text });
  }
  for (const warning of details.warnings) rows.push({ kind: 'note', text: `⚠ ${shown(warning)}` });
  rows.push({ kind: 'blank' }, { kind: 'heading', text: 'Use it' });
  for (const command of usageCommands(details.name)) rows.push({ kind: 'command', text: command });
  return rows;
}
