import type { LoginSnapshot } from '../domain/claude-login.js';
import type { ApiKeysDocument, MetadataDocument, OAuthSummary } from '../domain/types.js';

export interface StoredApiKeys {
  doc: ApiKeysDocument;
  /** Permission bits of the file, so callers can warn about loose modes. */
  mode: number;
  path: string;
}

export interface AccountFilesSummary {
  hasApiKeys: boolean;
  hasOAuthCredentials: boolean;
}

/**
 * Everything cuti stores goes through this interface. The filesystem adapter keeps
 * the original tool's layout; the in-memory adapter backs fast tests. Update methods
 * take a function so each adapter can run read-modify-write under its own lock.
 * Names passed in are already validated by the service layer.
 */
export interface StorageAdapter {
  /** Where accounts live, for messages (a path for the filesystem adapter). */
  readonly location: string;
  accountPath(name: string): string;
  apiKeysPath(name: string): string;
  metadataPath(): string;

  /** Account directories present, whether or not accounts.json lists them. */
  listAccountDirs(): Promise<string[]>;
  accountExists(name: string): Promise<boolean>;
  summarizeAccount(name: string): Promise<AccountFilesSummary>;

  readApiKeys(name: string): Promise<StoredApiKeys | null>;
  /** `fn` returns the new document, or null to remove the file. Creates the account. */
  updateApiKeys(name: string, fn: (current: ApiKeysDocument | null) => ApiKeysDocument | null): Promise<void>;

  readMetadata(): Promise<MetadataDocument>;
  updateMetadata(fn: (current: MetadataDocument) => MetadataDocument): Promise<void>;

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
}

export function emptyMetadata(): MetadataDocument {
  return { accounts: {}, active: null };
}

/** `max` → `Max`, the way the original shows subscription types (Python's capitalize). */
export function subscriptionLabel(subscriptionType: string | null | undefined): string {
  if (!subscriptionType) return 'Pro';
  return subscriptionType.charAt(0).toUpperCase() + subscriptionType.slice(1).toLowerCase();
}
