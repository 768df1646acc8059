import { ValidationError } from '../domain/errors.js';
import { secretKeysOf } from '../domain/secret-fields.js';
import { PROVIDERS, type Provider, type ProviderEntry } from '../domain/providers/index.js';
import type { ApiKeysDocument } from '../domain/types.js';
import { FileSecretStore } from '../storage/file-secret-store.js';
import type { SecretStoreKind } from '../storage/secret-settings.js';
import { isKeychainRef, looksLikeRef, parseKeychainRef, type ReferenceSecretStore, type SecretStore } from '../storage/secret-store.js';

export type { ProviderEntry };

/** Where new secrets go: the store, and for the keychain the home's id that names its entries. */
export interface SecretTarget {
  kind: SecretStoreKind;
  homeId?: string | undefined;
}

/** Opens the keychain store; loaded only when a secret there is needed. */
export type KeychainOpener = () => Promise<ReferenceSecretStore>;

/** No keychain configured (in-memory tests, or a build without one). */
export const noKeychain: KeychainOpener = () => Promise.reject(new Error('no keychain store is configured'));

/**
 * The service layer's way to secrets: it turns what documents hold in secret fields
 * into secrets and back, through whichever SecretStore holds each one. Reading needs
 * no setting: a stored value says by its form which store it belongs to. The keychain
 * store is opened on first need only, so commands that need no secret never load it.
 */
export class Secrets {
  readonly file = new FileSecretStore();
  private keychainStore: Promise<ReferenceSecretStore> | undefined;

  constructor(private readonly openKeychain: KeychainOpener = noKeychain) {}

  /** The keychain store (opened once). */
  keychain(): Promise<ReferenceSecretStore> {
    this.keychainStore ??= this.openKeychain();
    return this.keychainStore;
  }

  private async storeOf(stored: string): Promise<SecretStore> {
    return this.file.holds(stored) ? this.file : this.keychain();
  }

  storeOfKind(kind: SecretStoreKind): Promise<SecretStore> {
    return kind === 'file' ? Promise.resolve(this.file) : this.keychain();
  }

  /** The secret a document's stored value stands for. */
  async get(stored: string): Promise<string> {
    return (await this.storeOf(stored)).get(stored);
  }

  /** The entry with every secret field holding the secret itself. */
  async reveal<E extends ProviderEntry>(provider: Provider, entry: E): Promise<E> {
    const revealed: Record<string, unknown> = { ...entry };
    for (const { key } of secretKeysOf(provider)) {
      const stored = entry[key];
      if (typeof stored === 'string' && !this.file.holds(stored)) revealed[key] = await this.get(stored);
    }
    return revealed as E;
  }

  /** The masked form a reference keeps, so masked views need not read the secret; null for a plain value. */
  maskOf(stored: string): string | null {
    if (this.file.holds(stored)) return null;
    // The keychain store's references carry their mask; reading it needs no keychain.
    return parseKeychainRef(stored)?.mask ?? '***';
  }

  /**
   * Keeps an entry's secrets in the store of `kind`; resolves to the entry as the
   * document holds it, and the stored values made (to undo if the document write fails).
   */
  async keep<E extends ProviderEntry>(
    provider: Provider,
    entry: E,
    target: SecretTarget,
    slotFor?: (key: string) => string,
  ): Promise<{ entry: E; made: string[] }> {
    const store = await this.storeOfKind(target.kind);
    // Fresh names unless a move names its own.
    const fresh = freshSlotName;
    const slotOf = (key: string) => (target.kind === 'file' ? '' : `${target.homeId ?? ''}/${(slotFor ?? fresh)(key)}`);
    const kept: Record<string, unknown> = { ...entry };
    const made: string[] = [];
    try {
      for (const { key, mask } of secretKeysOf(provider)) {
        const value = entry[key];
        if (typeof value !== 'string' || !this.file.holds(value)) continue;
        if (looksLikeRef(value)) throw new ValidationError(`The ${key.replace(/_/g, ' ')} looks like a cuti keychain reference, not a secret`);
        const stored = await store.set(value, { mask: mask(value), slot: slotOf(key) });
        kept[key] = stored;
        if (stored !== value) made.push(stored);
      }
    } catch (error) {
      await this.forgetAll(made);
      throw error;
    }
    return { entry: kept as E, made };
  }

  /** Forgets stored values that live apart from the documents (keychain entries); best effort. */
  async forgetAll(stored: readonly string[]): Promise<string[]> {
    const failed: string[] = [];
    for (const value of stored) {
      if (this.file.holds(value)) continue;
      try {
        await (await this.keychain()).delete(value);
      } catch {
        failed.push(value);
      }
    }
    return failed;
  }
}

/** A new entry name: 16 random hex digits (Web Crypto, a global: no module to load). */
function freshSlotName(): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Every stored value in a document that lives apart from it (keychain references). */
export function referencesIn(doc: ApiKeysDocument | null | undefined): string[] {
  if (!doc) return [];
  const refs: string[] = [];
  for (const provider of PROVIDERS) {
    const entry = doc[provider] as Record<string, unknown> | undefined;
    if (!entry) continue;
    for (const { key } of secretKeysOf(provider)) {
      const value = entry[key];
      if (typeof value === 'string' && isKeychainRef(value)) refs.push(value);
    }
  }
  return refs;
}
