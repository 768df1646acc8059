import type { LoginSnapshot } from '../domain/claude-login.js';
import type { ApiKeysDocument, MetadataDocument, OAuthSummary } from '../domain/types.js';
import { AccountNotFoundError, CutiError, StorageAccessError } from '../domain/errors.js';
import { shown } from '../domain/safe-text.js';
import { withNewEntry, withOldEntryGone } from './rename-metadata.js';
import { accountTable, emptyMetadata, type AccountFilesSummary, type RenameOutcome, type StorageAdapter, type StoredApiKeys, type StoreHealth } from './adapter.js';
import { parseJsonFile } from './file-io.js';
import { oauthSummaryOf } from './schemas.js';
import { defaultSecretSettings, type SecretSettings } from './secret-settings.js';

interface MemoryAccount {
  apiKeys: ApiKeysDocument | null;
  oauth: OAuthSummary | null;
  login?: LoginSnapshot;
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
  private secretSettings: SecretSettings = defaultSecretSettings();
  /** Held while a secret write or a move runs, as the filesystem adapter's lock is. */
  private secretLock: Promise<unknown> = Promise.resolve();
  private apiKeysLock: Promise<unknown> = Promise.resolve();
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
    await this.tick();
    const account = this.accounts.get(name);
    return {
      hasApiKeys: Boolean(account?.apiKeys),
      hasOAuthCredentials: Boolean(account?.oauth) || account?.login?.['.credentials.json'] !== undefined,
    };
  }

  async readApiKeys(name: string): Promise<StoredApiKeys | null> {
    await this.tick();
    const doc = this.accounts.get(name)?.apiKeys;
    return doc ? { doc: structuredClone(doc), warnings: [] } : null;
  }

  async updateApiKeys(
    name: string,
    fn: (current: ApiKeysDocument | null) => ApiKeysDocument | null | Promise<ApiKeysDocument | null>,
  ): Promise<void> {
    await this.tick();
    // One update at a time, as under the filesystem adapter's lock: `fn` may await.
    const run = this.apiKeysLock.then(async () => {
      const account = this.accounts.get(name) ?? { apiKeys: null, oauth: null };
      const next = await fn(account.apiKeys ? structuredClone(account.apiKeys) : null);
      account.apiKeys = next ? structuredClone(next) : null;
      this.accounts.set(name, account);
    });
    this.apiKeysLock = run.catch(() => undefined);
    return run;
  }

  /** A copy as the file adapter gives it: `accounts` without a prototype (see accountTable). */
  private cloneMetadata(meta: MetadataDocument): MetadataDocument {
    const copy = structuredClone(meta);
    copy.accounts = accountTable(copy.accounts);
    return copy;
  }

  async readMetadata(): Promise<MetadataDocument> {
    await this.tick();
    return this.cloneMetadata(this.metadata);
  }

  async updateMetadata(fn: (current: MetadataDocument, accountExists: (name: string) => boolean) => MetadataDocument): Promise<void> {
    await this.tick();
    this.metadata = this.cloneMetadata(fn(this.cloneMetadata(this.metadata), (name) => this.accounts.has(name)));
  }

  async readOAuth(name: string): Promise<OAuthSummary | null> {
    await this.tick();
    const account = this.accounts.get(name);
    if (account?.oauth) return account.oauth;
    // A login saved as files reads the way the filesystem adapter reads it.
    const credentials = account?.login?.['.credentials.json'];
    if (credentials === undefined) return null;
    const path = `${this.accountPath(name)}/.credentials.json`;
    return oauthSummaryOf(path, parseJsonFile(path, credentials));
  }

  async readLoginSnapshot(name: string): Promise<LoginSnapshot> {
    await this.tick();
    return { ...(this.accounts.get(name)?.login ?? {}) };
  }

  async writeLoginSnapshot(name: string, files: LoginSnapshot): Promise<void> {
    await this.tick();
    const account = this.accounts.get(name) ?? { apiKeys: null, oauth: null };
    account.login = { ...(account.login ?? {}), ...files };
    this.accounts.set(name, account);
  }

  /** Extra files written into accounts (`env.sh`), for tests to inspect. */
  readonly extraFiles = new Map<string, string>();

  async writeAccountFile(name: string, file: string, text: string): Promise<string> {
    await this.tick();
    const path = `${this.accountPath(name)}/${file}`;
    // As on disk: the account directory must already be there.
    if (!this.accounts.has(name)) throw new StorageAccessError(path, 'does not exist');
    this.extraFiles.set(path, text);
    return path;
  }

  async deleteAccount(name: string): Promise<void> {
    await this.tick();
    this.accounts.delete(name);
  }

  async renameAccount(from: string, to: string, stamp: string): Promise<RenameOutcome> {
    await this.tick();
    const account = this.accounts.get(from);
    if (account === undefined) throw new AccountNotFoundError(from, shown(from));
    if (this.accounts.has(to)) throw new CutiError('account_exists', `Account '${shown(to)}' already exists`);
    const withNew = withNewEntry(this.metadata, from, to) ?? this.metadata;
    this.accounts.delete(from);
    this.accounts.set(to, account);
    const settled = withOldEntryGone(withNew, from, to, stamp);
    this.metadata = this.cloneMetadata(settled?.meta ?? withNew);
    return { wasActive: settled?.wasActive ?? false, recovered: null };
  }

  /** Nothing in memory survives a kill half-way. */
  finishInterruptedRename(): Promise<RenameOutcome['recovered']> {
    return Promise.resolve(null);
  }

  pendingRename(): Promise<{ from: string; to: string } | null> {
    return Promise.resolve(null);
  }

  async readSecretSettings(): Promise<SecretSettings> {
    await this.tick();
    return structuredClone(this.secretSettings);
  }

  async withSecretSettings<T>(
    fn: (current: SecretSettings, save: (next: SecretSettings) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const run = this.secretLock.then(async () => {
      const save = async (next: SecretSettings) => {
        await this.tick();
        this.secretSettings = structuredClone(next);
      };
      return fn(await this.readSecretSettings(), save);
    });
    this.secretLock = run.catch(() => undefined);
    return run;
  }

  /** Memory cannot have loose modes, stale locks or torn files: always healthy. */
  async checkHealth(): Promise<StoreHealth> {
    await this.tick();
    return { root: this.location, checked: this.accounts.size, found: [], remaining: [] };
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
