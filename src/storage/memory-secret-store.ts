import {
  formatKeychainRef,
  parseKeychainRef,
  SecretUnavailableError,
  type ReferenceSecretStore,
} from './secret-store.js';

/**
 * A reference-holding store in memory, with the keychain store's contract: documents
 * hold references, entries live apart. For fast tests of the service layer, the TUI
 * and moves; `reachable = false` makes it act like a keychain that cannot be reached.
 */
export class MemorySecretStore implements ReferenceSecretStore {
  readonly kind = 'keychain' as const;
  readonly entries = new Map<string, string>();
  reachable = true;
  /** Every get, for tests that prove a command never read a secret. */
  readonly reads: string[] = [];

  private check(): void {
    if (!this.reachable) throw new SecretUnavailableError('unreachable', 'The keychain cannot be reached (test store switched off)');
  }

  holds(stored: string): boolean {
    return parseKeychainRef(stored) !== null;
  }

  get(stored: string): Promise<string> {
    this.check();
    const ref = parseKeychainRef(stored);
    const value = ref ? this.entries.get(ref.id) : undefined;
    if (value === undefined) return Promise.reject(new SecretUnavailableError('missing', 'A secret this account references is missing from the keychain'));
    this.reads.push(stored);
    return Promise.resolve(value);
  }

  set(secret: string, options: { mask: string; slot: string }): Promise<string> {
    this.check();
    this.entries.set(options.slot, secret);
    return Promise.resolve(formatKeychainRef(options.slot, options.mask));
  }

  delete(stored: string): Promise<boolean> {
    this.check();
    const ref = parseKeychainRef(stored);
    return Promise.resolve(ref !== null && this.entries.delete(ref.id));
  }

  maskOf(stored: string): string | null {
    return parseKeychainRef(stored)?.mask ?? null;
  }

  list(homeId: string): Promise<string[]> {
    this.check();
    const mine = [...this.entries.keys()].filter((id) => id.startsWith(`${homeId}/`));
    return Promise.resolve(mine.map((id) => formatKeychainRef(id, '')));
  }

  probe(): Promise<void> {
    this.check();
    return Promise.resolve();
  }
}
