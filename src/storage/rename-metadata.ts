import type { AccountMetadata, MetadataDocument } from '../domain/types.js';
import { accountTable } from './adapter.js';

/*
 * What an account rename does to accounts.json, pure: both adapters apply it, the
 * filesystem one in the steps fs-rename.ts describes.
 */

/** The table with `to` right after `from` (so, once `from` goes, in its place), holding `entry`. */
export function withEntryAfter(accounts: Record<string, AccountMetadata>, from: string, to: string, entry: AccountMetadata): Record<string, AccountMetadata> {
  const table = accountTable<AccountMetadata>();
  for (const name of Object.keys(accounts)) {
    if (name === to) continue;
    table[name] = accounts[name] as AccountMetadata;
    if (name === from) table[to] = entry;
  }
  if (!(to in table)) table[to] = entry;
  return table;
}

export function withoutEntry(accounts: Record<string, AccountMetadata>, name: string): Record<string, AccountMetadata> {
  const table = accountTable<AccountMetadata>();
  for (const key of Object.keys(accounts)) if (key !== name) table[key] = accounts[key] as AccountMetadata;
  return table;
}

/**
 * Step 1: the new name gets the old one's entry beside it (or loses an entry a deleted
 * account left under that name, which is not this account's). Null when nothing changes.
 */
export function withNewEntry(meta: MetadataDocument, from: string, to: string): MetadataDocument | null {
  const entry = meta.accounts[from];
  if (entry === undefined && !(to in meta.accounts)) return null;
  return { ...meta, accounts: entry === undefined ? withoutEntry(meta.accounts, to) : withEntryAfter(meta.accounts, from, to, entry) };
}

/**
 * The last step: the old entry goes (its content already under the new name, or moved
 * there now), and the active mark follows. Null when there is nothing to change.
 */
export function withOldEntryGone(meta: MetadataDocument, from: string, to: string, stamp: string): { meta: MetadataDocument; wasActive: boolean } | null {
  const entry = meta.accounts[from];
  const wasActive = meta.active === from;
  if (entry === undefined && !wasActive) return null;
  const accounts = entry === undefined ? meta.accounts : withoutEntry(withEntryAfter(meta.accounts, from, to, meta.accounts[to] ?? entry), from);
  return { meta: { ...meta, accounts, active: wasActive ? to : meta.active, last_updated: stamp }, wasActive };
}
