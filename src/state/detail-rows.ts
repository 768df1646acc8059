import type { AccountDetails } from '../accounts/service.js';
import { CONFIG_DIR_LOGIN_TYPE } from '../domain/claude-login.js';
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

/**
 * What cuti could read of an account's credentials: keys or a saved login (`readable`), a
 * login Claude Code keeps in the account's own directory (`claude-code`), files that
 * could not be read (`unreadable`), or nothing at all (`none`).
 */
export type CredentialsState = 'readable' | 'claude-code' | 'unreadable' | 'none';

export function credentialsState(details: AccountDetails): CredentialsState {
  if (details.credentials.length > 0 || details.oauth) return 'readable';
  if (!details.hasCredentials) return 'none';
  if (details.type === CONFIG_DIR_LOGIN_TYPE && details.warnings.length === 0) return 'claude-code';
  return 'unreadable';
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
  const state = credentialsState(details);
  if (state === 'claude-code') {
    rows.push(
      { kind: 'blank' },
      { kind: 'heading', text: 'Claude Code login' },
      { kind: 'note', text: "Claude Code keeps this login in the account's own Claude Code directory; cuti points it there." },
    );
  } else if (state !== 'readable') {
    // A file that could not be read is not an empty account: say so, and leave it as it is.
    const text =
      state === 'unreadable'
        ? 'The credentials of this account could not be read (below); the files were left as they are.'
        : 'This account holds no credentials yet. Press a to add a key.';
    rows.push({ kind: 'blank' }, { kind: 'note', text });
  }
  for (const warning of details.warnings) rows.push({ kind: 'note', text: `⚠ ${shown(warning)}` });
  // Commands that could not work (nothing readable to put in the environment) are not suggested.
  if (state === 'readable' || state === 'claude-code') {
    rows.push({ kind: 'blank' }, { kind: 'heading', text: 'Use it' });
    for (const command of usageCommands(details.name)) rows.push({ kind: 'command', text: command });
  }
  return rows;
}
