import type { LoginSnapshot } from '../domain/claude-login.js';
import type { ApiKeysDocument, MetadataDocument, OAuthSummary } from '../domain/types.js';
import type { SecretSettings } from './secret-settings.js';

export interface RenameOutcome {
  /** The old name was the active account; now the new one is. */
  wasActive: boolean;
  /** A rename a killed run had left half-done, and what was done about it. */
  recovered: { from: string; to: string; outcome: 'finished' | 'undone' | 'dropped' } | null;
}

export interface StoredApiKeys {
  doc: ApiKeysDocument;
  /** What the adapter found wrong but could still read (a file others can read), one line each. */
  warnings: string[];
}

export interface AccountFilesSummary {
  hasApiKeys: boolean;
  hasOAuthCredentials: boolean;
}

/** A problem a store's health check found, as `doctor` reports it. */
export interface StoreProblem {
  kind: string;
  /** Where, for people (a path for the filesystem adapter). */
  path: string;
  /** One line for people; names where, never a file's content. */
  message: string;
  /** What `--fix` does about it, in a few words; null when only a person can fix it. */
  fix: string | null;
}

export interface StoreHealth {
  /** What was checked, for people (the accounts directory for the filesystem adapter). */
  root: string;
  /** Entries looked at. */
  checked: number;
  /** Everything found on the first look, and whether `--fix` repaired it. */
  found: Array<StoreProblem & { fixed: boolean }>;
  /** What a second look after the fixes still finds: the exit status follows this. */
  remaining: StoreProblem[];
}

/**
 * Everything cuti stores goes through this interface. The filesystem adapter keeps
 * the original tool's layout; the in-memory adapter backs fast tests. Update methods
 * take a function so each adapter can run read-modify-write under its own lock.
 * Names passed in are already validated by the service layer. File names, paths of
 * files and permission bits belong to the filesystem adapter, not to this interface;
 * secret values are documents' business only through the SecretStore port
 * (`secret-store.ts`), which decides what a document holds in a secret's place.
 */
export interface StorageAdapter {
  /** Where accounts live, for messages (a path for the filesystem adapter). */
  readonly location: string;
  /**
   * The account's own directory: shown to people, and the one place Claude Code is
   * pointed at (CLAUDE_CONFIG_DIR) to use a login saved in the account.
   */
  accountPath(name: string): string;

  /** Account directories present, whether or not accounts.json lists them. */
  listAccountDirs(): Promise<string[]>;
  accountExists(name: string): Promise<boolean>;
  summarizeAccount(name: string): Promise<AccountFilesSummary>;

  readApiKeys(name: string): Promise<StoredApiKeys | null>;
  /**
   * `fn` returns the new document, or null to remove the file. Creates the account.
   * `fn` may be asynchronous (a secret kept elsewhere first); it runs under the lock.
   */
  updateApiKeys(
    name: string,
    fn: (current: ApiKeysDocument | null) => ApiKeysDocument | null | Promise<ApiKeysDocument | null>,
  ): Promise<void>;

  readMetadata(): Promise<MetadataDocument>;
  /**
   * `fn` runs under accounts.json's lock. `accountExists` tells whether an account's
   * directory is there at that moment: a delete or an add racing this update may have
   * moved it since the caller last looked, and the entry should follow the directory.
   */
  updateMetadata(fn: (current: MetadataDocument, accountExists: (name: string) => boolean) => MetadataDocument): Promise<void>;

  /** The OAuth login saved in the account, or null when it has none. */
  readOAuth(name: string): Promise<OAuthSummary | null>;

  /** The Claude Code login files saved in the account (`cuti claude save`), as text. */
  readLoginSnapshot(name: string): Promise<LoginSnapshot>;
  /** Writes the given login files into the account (0600, atomic, locked); creates the account. */
  writeLoginSnapshot(name: string, files: LoginSnapshot): Promise<void>;
  /** Writes one more file into an existing account (0600, atomic), e.g. `env.sh`; returns its path. */
  writeAccountFile(name: string, file: string, text: string): Promise<string>;
  /** Removes the account directory and everything in it. */
  deleteAccount(name: string): Promise<void>;
  /**
   * Gives an account another name: its directory, its accounts.json entry and the active
   * mark, all or nothing even across a crash; `stamp` becomes `last_updated`. Rejects
   * when `from` is missing or `to` exists (checked under the lock). Names are validated
   * by the caller. Finishes or undoes a rename an earlier run left half-done first.
   */
  renameAccount(from: string, to: string, stamp: string): Promise<RenameOutcome>;
  /** Finishes or undoes a rename a killed run left half-done, if there is one (renameAccount does this too). */
  finishInterruptedRename(stamp: string): Promise<RenameOutcome['recovered']>;
  /** The rename a killed run left half-done, if any, without touching it (doctor reports it). */
  pendingRename(): Promise<{ from: string; to: string } | null>;

  /** Which secret store this home uses, and any move between stores left unfinished. */
  readSecretSettings(): Promise<SecretSettings>;
  /**
   * Runs `fn` holding the lock every secret write and every move between stores takes,
   * so a move never races a write. `save` replaces the settings (atomically).
   */
  withSecretSettings<T>(fn: (current: SecretSettings, save: (next: SecretSettings) => Promise<void>) => Promise<T>): Promise<T>;

  /** `doctor`: checks what this store keeps for problems and, with `fix`, repairs what is safe. */
  checkHealth(options: { fix: boolean }): Promise<StoreHealth>;
}

/**
 * The `accounts` object of accounts.json without a prototype: account names are data,
 * and `__proto__`, `constructor` or `toString` must be stored and read as the names they
 * are, not as Object.prototype's members (assigning `__proto__` on a plain object would
 * set its prototype and lose the entry).
 */
export function accountTable<T>(from: Record<string, T> = {}): Record<string, T> {
  const table = Object.create(null) as Record<string, T>;
  for (const key of Object.keys(from)) table[key] = from[key] as T;
  return table;
}

export function emptyMetadata(): MetadataDocument {
  return { accounts: accountTable(), active: null };
}

/** `max` → `Max`, the way the original shows subscription types (Python's capitalize). */
export function subscriptionLabel(subscriptionType: string | null | undefined): string {
  if (!subscriptionType) return 'Pro';
  return subscriptionType.charAt(0).toUpperCase() + subscriptionType.slice(1).toLowerCase();
}
