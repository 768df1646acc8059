import { isKeychainRef, type SecretStore } from './secret-store.js';

/**
 * The `file` secret store: the secret sits in the document itself, exactly where and
 * how the original tool writes it. Nothing to keep apart, so nothing to forget.
 */
export class FileSecretStore implements SecretStore {
  readonly kind = 'file' as const;

  holds(stored: string): boolean {
    return !isKeychainRef(stored);
  }

  get(stored: string): Promise<string> {
    return Promise.resolve(stored);
  }

  set(secret: string): Promise<string> {
    return Promise.resolve(secret);
  }

  delete(): Promise<boolean> {
    // The document edit that drops the field drops the secret with it.
    return Promise.resolve(true);
  }

  maskOf(): string | null {
    return null;
  }
}
