import {
  formatKeychainRef,
  parseKeychainRef,
  SecretUnavailableError,
  type ReferenceSecretStore,
} from './secret-store.js';

/*
 * The `keychain` secret store: the OS keychain through @napi-rs/keyring (the Secret
 * Service over D-Bus on Linux, the Keychain on macOS, the Credential Manager on
 * Windows). Each secret is one generic-password entry, service `cuti`, account
 * `<home id>/<name>`; the document holds a reference to it. This module, and the native
 * binding it loads, are imported only when a secret in the keychain is needed.
 */

export const KEYCHAIN_SERVICE = 'cuti';
/** How long one keychain call may take: long enough to type an unlock password at a prompt. */
export const KEYCHAIN_TIMEOUT_MS = 20_000;
/** On Linux, the Secret Service only: the kernel keyring fallback forgets everything at reboot. */
const ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } };

type Keyring = typeof import('@napi-rs/keyring');

const FIX_DBUS = 'Run cuti inside a desktop session (or start one: dbus-run-session), or switch back with: cuti claude secret-store file';

/**
 * Why the keychain failed, as one line saying what to do, from the library's error.
 * Library messages carry no secret; they are matched, not shown, except as a last resort.
 */
export function diagnoseKeychainError(error: unknown): SecretUnavailableError {
  if (error instanceof SecretUnavailableError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (/Cannot find module|keyring\.[\w-]+\.node|native binding/i.test(text)) {
    return new SecretUnavailableError('unreachable', 'The OS keychain support is not installed for this platform (@napi-rs/keyring)', 'Reinstall cuti with its optional dependencies, or switch back with: cuti claude secret-store file');
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new SecretUnavailableError('unreachable', `The OS keychain did not answer within ${KEYCHAIN_TIMEOUT_MS / 1000} s`, 'Unlock it if it is asking for a password, then try again');
  }
  if (/DBUS_SESSION_BUS_ADDRESS|autolaunch/i.test(text)) {
    return new SecretUnavailableError('unreachable', 'The OS keychain cannot be reached: there is no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)', FIX_DBUS);
  }
  if (/Failed to connect to socket|Connection refused|No such file or directory/i.test(text)) {
    return new SecretUnavailableError('unreachable', 'The OS keychain cannot be reached: the D-Bus session in DBUS_SESSION_BUS_ADDRESS does not answer', FIX_DBUS);
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|not provided by any/i.test(text)) {
    return new SecretUnavailableError(
      'unreachable',
      'The OS keychain cannot be reached: no Secret Service runs on this D-Bus session',
      'Install and start one (gnome-keyring or KeePassXC with Secret Service enabled), or switch back with: cuti claude secret-store file',
    );
  }
  if (/prompt was dismissed|locked/i.test(text)) {
    return new SecretUnavailableError('locked', 'The OS keychain is locked', 'Unlock your login keyring (log in to the desktop session, or: gnome-keyring-daemon --unlock), then try again');
  }
  if (/no result found/i.test(text)) {
    return new SecretUnavailableError(
      'unreachable',
      'The OS keychain has no default keyring to keep secrets in',
      'Create or unlock a default keyring (for gnome-keyring: gnome-keyring-daemon --unlock, with a password on stdin), then try again',
    );
  }
  // One line, whatever the platform said (never a secret: the library does not put them in messages).
  const line = text.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
  return new SecretUnavailableError('refused', `The OS keychain refused: ${line}`);
}

const missing = () =>
  new SecretUnavailableError(
    'missing',
    'A secret this account references is missing from the OS keychain',
    'Add the key again with add-api-key, or remove it with delete-api-key; cuti claude doctor lists every missing one',
  );

export class KeychainSecretStore implements ReferenceSecretStore {
  readonly kind = 'keychain' as const;

  constructor(private readonly keyring: Keyring) {}

  private entry(id: string) {
    try {
      return new this.keyring.AsyncEntry(KEYCHAIN_SERVICE, id, ENTRY_OPTIONS);
    } catch (error) {
      throw diagnoseKeychainError(error);
    }
  }

  private async call<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await run(AbortSignal.timeout(KEYCHAIN_TIMEOUT_MS));
    } catch (error) {
      throw diagnoseKeychainError(error);
    }
  }

  holds(stored: string): boolean {
    return parseKeychainRef(stored) !== null;
  }

  async get(stored: string): Promise<string> {
    const ref = parseKeychainRef(stored);
    if (ref === null) throw missing();
    const value = await this.call((signal) => this.entry(ref.id).getPassword(signal));
    if (value !== null) return value;
    // A locked keyring also answers "nothing there": tell the two apart before saying missing.
    await this.probe();
    throw missing();
  }

  async set(secret: string, options: { mask: string; slot: string }): Promise<string> {
    await this.call((signal) => this.entry(options.slot).setPassword(secret, signal));
    return formatKeychainRef(options.slot, options.mask);
  }

  async delete(stored: string): Promise<boolean> {
    const ref = parseKeychainRef(stored);
    if (ref === null) return false;
    return this.call((signal) => this.entry(ref.id).deletePassword(signal));
  }

  maskOf(stored: string): string | null {
    return parseKeychainRef(stored)?.mask ?? null;
  }

  async list(homeId: string): Promise<string[]> {
    const found = await this.call((signal) => this.keyring.findCredentialsAsync(KEYCHAIN_SERVICE, null, signal));
    return found.filter((c) => c.account.startsWith(`${homeId}/`)).map((c) => formatKeychainRef(c.account, ''));
  }

  /**
   * Writes and removes a throw-away entry: reading alone cannot tell a locked keyring
   * (it answers "nothing there") from a working one.
   */
  async probe(): Promise<void> {
    const probe = this.entry(`probe/${process.pid}`);
    await this.call((signal) => probe.setPassword('cuti keychain probe', signal));
    await this.call((signal) => probe.deletePassword(signal));
  }
}

/**
 * The binding, loaded on first need. The CLI bundle runs as a precompiled script, where
 * Node 20 has no `import()`, but it has the launcher's `require` (so does the TUI bundle,
 * through its banner); run from source, `import()` it is.
 */
async function loadKeyring(): Promise<Keyring> {
  if (typeof require === 'function') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@napi-rs/keyring') as Keyring;
  }
  return import('@napi-rs/keyring');
}

/** Loads the native binding and opens the store; rejects with one clear line when it cannot load. */
export async function openKeychainStore(): Promise<KeychainSecretStore> {
  let keyring: Keyring;
  try {
    keyring = await loadKeyring();
  } catch (error) {
    throw diagnoseKeychainError(error);
  }
  return new KeychainSecretStore(keyring);
}
