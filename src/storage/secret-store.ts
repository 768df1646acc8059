import { CutiError } from '../domain/errors.js';
import type { SecretStoreKind } from './secret-settings.js';

/*
 * The SecretStore port: where secret values live, under the document store. A document
 * (`.api_keys.json`) keeps every non-secret field; in each secret field it holds what the
 * store in use hands back from `set`: the secret itself for the `file` store (the
 * original tool's layout, byte for byte), a reference for the `keychain` store. Reading
 * never needs to know which store is in use: a stored value says by its form.
 */

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** Whether `stored`, a value from a document's secret field, is this store's to resolve. */
  holds(stored: string): boolean;
  /** The secret `stored` stands for. Rejects with SecretUnavailableError, never with the value. */
  get(stored: string): Promise<string>;
  /**
   * Keeps `secret` and resolves to what a document holds in its place. `mask` is what
   * people may see while the secret stays hidden; `slot` names the entry in a store
   * that keeps entries apart (`<home id>/<name>`: a move reuses its names on a rerun).
   */
  set(secret: string, options: { mask: string; slot: string }): Promise<string>;
  /** Forgets the secret `stored` stands for; resolves false when it was not there. */
  delete(stored: string): Promise<boolean>;
  /** The masked form kept with `stored`, readable without the secret; null when there is none. */
  maskOf(stored: string): string | null;
}

/** A store whose documents hold references: it can list its entries and say whether it is reachable. */
export interface ReferenceSecretStore extends SecretStore {
  /** References (without masks) to every entry the home `homeId` has in the store. */
  list(homeId: string): Promise<string[]>;
  /** Resolves when the store can be used now; rejects with SecretUnavailableError saying why. */
  probe(): Promise<void>;
}

/**
 * A secret cuti cannot get at: the store is unreachable (why, and how to fix it) or the
 * entry a document references is gone. The message never holds a secret.
 */
export class SecretUnavailableError extends CutiError {
  constructor(
    readonly reason: 'unreachable' | 'missing' | 'locked' | 'refused',
    message: string,
    hint?: string,
  ) {
    super(reason === 'missing' ? 'secret_missing' : 'secret_store_unavailable', message, hint === undefined ? {} : { hint });
  }
}

/*
 * References. `cuti-keychain:<id>#<mask>`: the id names the keychain entry (this home's
 * id, a slash, the entry's own), the mask is what `show-api-key` shows without
 * `--show-secret`. The original tool reads it as an ordinary (and useless) key.
 */
export const KEYCHAIN_REF_PREFIX = 'cuti-keychain:';
const REF = /^cuti-keychain:([0-9a-f]{8,64}\/[0-9a-z.-]{1,80})#(.*)$/s;

export function isKeychainRef(stored: string): boolean {
  return REF.test(stored);
}

/** Whether a value someone wants to store would be read back as a reference. */
export function looksLikeRef(value: string): boolean {
  return value.startsWith(KEYCHAIN_REF_PREFIX);
}

export function parseKeychainRef(stored: string): { id: string; mask: string } | null {
  const match = REF.exec(stored);
  return match ? { id: match[1] as string, mask: match[2] as string } : null;
}

export function formatKeychainRef(id: string, mask: string): string {
  // A mask is a few characters of the secret around `...`; line breaks never belong in one.
  return `${KEYCHAIN_REF_PREFIX}${id}#${mask.replace(/[\r\n]/g, '')}`;
}
