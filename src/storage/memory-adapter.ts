import type { ApiKeysDocument, MetadataDocument, OAuthSummary } from '../domain/types.js';
import { emptyMetadata, type AccountFilesSummary, type StorageAdapter, type StoredApiKeys } from './adapter.js';

interface MemoryAccount {
  apiKeys: ApiKeysDocument | null;
  oauth: OAuthSummary | null;
}

/**
 * The same contract as the filesystem adapter, in memory, for fast tests of the
 * service layer and the TUI store. Documents are deep-copied in and out so callers
 * cannot mutate stored state by accident, just as with files.
 */
export class MemoryStorage implements StorageAdapter {
  readonly location = 'memory://claude-accounts';
  private readonly accounts = new Map<string, MemoryAccount>();
  private metadata: MetadataDocument = emptyMetadata();
  /** Artificial latency, so tests can see spinners and loading states. */
  delayMs = 0;

  private async tick(): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
  }

  accountPath(name: string): string {
    return `${this.location}/${name}`;
  }

  apiKeysPath(name: string): string {
    return `${this.accountPath(name)}/.api_keys.json`;
  }

  metadataPath(): string {
    return `${this.location}/accounts.json`;
  }

  async listAccountDirs(): Promise<string[]> {
    await this.tick();
    return [...this.accounts.keys()].sort();
  }

  async accountExists(name: string): Promise<boolean> {
    await this.tick();
    return this.accounts.has(name);
  }

  async summarizeAccount(name: string): Promise<AccountFilesSummary> {
    const account = this.accounts.get(name);
    return { hasApiKeys: Boolean(account?.apiKeys), hasOAuthCredentials: Boolean(account?.oauth) };
  }

  async readApiKeys(name: string): Promise<StoredApiKeys | null> {
    await this.tick();
    const doc = this.accounts.get(name)?.apiKeys;
    return doc ? { doc: structuredClone(doc), mode: 0o600, path: this.apiKeysPath(name) } : null;
  }

  async updateApiKeys(name: string, fn: (current: ApiKeysDocument | null) => ApiKeysDocument | null): Promise<void> {
    await this.tick();
    const account = this.accounts.get(name) ?? { apiKeys: null, oauth: null };
    const next = fn(account.apiKeys ? structuredClone(account.apiKeys) : null);
    account.apiKeys = next ? structuredClone(next) : null;
    this.accounts.set(name, account);
  }

  async readMetadata(): Promise<MetadataDocument> {
    await this.tick();
    return structuredClone(this.metadata);
  }

  async updateMetadata(fn: (current: MetadataDocument) => MetadataDocument): Promise<void> {
    await this.tick();
    this.metadata = structuredClone(fn(structuredClone(this.metadata)));
  }

  async readOAuth(name: string): Promise<OAuthSummary | null> {
    await this.tick();
    return this.accounts.get(name)?.oauth ?? null;
  }

  /** Test helper: an account holding a Claude Code login, as `cuti claude save` makes. */
  seedOAuthAccount(name: string, oauth: OAuthSummary, meta: MetadataDocument['accounts'][string] = {}): void {
    this.accounts.set(name, { apiKeys: this.accounts.get(name)?.apiKeys ?? null, oauth });
    this.metadata.accounts[name] = { ...meta };
  }

  /** Test helper: set the active account directly. */
  seedActive(name: string | null): void {
    this.metadata.active = name;
  }
}
