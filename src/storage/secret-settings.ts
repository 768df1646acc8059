/*
 * Which secret store a cuti home uses (`file`, the original tool's layout, or the OS
 * `keychain`), kept in `.secret-store.json` beside accounts.json, with the journal of a
 * move between stores while one is unfinished. Pure: parsing and the rules only.
 */

export const SECRET_STORE_KINDS = ['file', 'keychain'] as const;
export type SecretStoreKind = (typeof SECRET_STORE_KINDS)[number];

/** A move between stores that has started and not finished; a rerun picks it up. */
export interface MoveJournal {
  to: SecretStoreKind;
  /** Names the keychain entries this move creates, so a rerun reuses them rather than adding more. */
  id: string;
  started: string;
}

export interface SecretSettings {
  store: SecretStoreKind;
  /** Tells this home's keychain entries from other homes'; set the first time the keychain is used. */
  homeId?: string;
  /**
   * Where the home was when it got its id. A home copied elsewhere shares the id (and
   * the entries) with the original, so entries are only ever cleaned up where it was made.
   */
  home?: string;
  move?: MoveJournal;
}

export function defaultSecretSettings(): SecretSettings {
  return { store: 'file' };
}

/** Where a new secret goes: the target of an unfinished move (what was asked for), else the store in use. */
export function storeForWrites(settings: SecretSettings): SecretStoreKind {
  return settings.move?.to ?? settings.store;
}

const isKind = (value: unknown): value is SecretStoreKind => SECRET_STORE_KINDS.includes(value as SecretStoreKind);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a parsed `.secret-store.json`; the problem names a JSON path, never a value. */
export function checkSecretSettings(raw: unknown): { ok: true; settings: SecretSettings } | { ok: false; problem: string } {
  if (!isObject(raw)) return { ok: false, problem: 'unexpected structure at top level (expected object)' };
  if (!isKind(raw.store)) return { ok: false, problem: 'unexpected structure at store (expected "file" or "keychain")' };
  const settings: SecretSettings = { store: raw.store };
  if (raw.homeId !== undefined) {
    if (typeof raw.homeId !== 'string' || !/^[0-9a-f]{8,64}$/.test(raw.homeId)) {
      return { ok: false, problem: 'unexpected structure at homeId (expected hex string)' };
    }
    settings.homeId = raw.homeId;
  }
  if (raw.home !== undefined) {
    if (typeof raw.home !== 'string') return { ok: false, problem: 'unexpected structure at home (expected string)' };
    settings.home = raw.home;
  }
  if (raw.move !== undefined) {
    const move = raw.move;
    if (!isObject(move) || !isKind(move.to) || typeof move.id !== 'string' || !/^[0-9a-f]{1,32}$/.test(move.id) || typeof move.started !== 'string') {
      return { ok: false, problem: 'unexpected structure at move' };
    }
    settings.move = { to: move.to, id: move.id, started: move.started };
  }
  return { ok: true, settings };
}
