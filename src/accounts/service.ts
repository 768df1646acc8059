import pMap from 'p-map';

import { lastTestsOf, type LastTest } from '../domain/connection-test/last-test.js';
import { AccountNotFoundError, errorMessage, KeyAppearedError, ProviderNotFoundError } from '../domain/errors.js';
import type { CredentialField } from '../domain/credential-fields.js';
import { apiTypeLabel, PROVIDERS, providerModule, type NewCredential, type Provider } from '../domain/providers/index.js';
import { nowTimestamp } from '../domain/timestamps.js';
import type { ApiKeysDocument, MetadataDocument, OAuthSummary } from '../domain/types.js';
import { refuseLookalike, validateAccountName, validateAddressedName } from '../domain/validation.js';
import { accountInfo, assertEntryWritable } from '../storage/schemas.js';
import type { StorageAdapter, StoredApiKeys } from '../storage/adapter.js';
import { CONFIG_DIR_LOGIN_TYPE, existingConfigDir } from './claude-code-config-dir.js';
import { checkCredentialFiles } from './credential-files.js';
import { storeForWrites, type SecretSettings, type SecretStoreKind } from '../storage/secret-settings.js';
import { referencesIn, Secrets, type ProviderEntry } from './secrets.js';
import { shown } from '../domain/safe-text.js';

/** How many accounts `list` reads at once. */
const SUMMARY_CONCURRENCY = 32;

export interface AccountSummary {
  name: string;
  /** `Max`, `Pro`, `API (Anthropic)`, `API (Bedrock)`, `API (Anthropic+Bedrock)`, … */
  type: string;
  created: string;
  lastUsed: string;
  active: boolean;
  hasCredentials: boolean;
  providers: Provider[];
  oauth: OAuthSummary | null;
  isBackup: boolean;
  /** The last `cuti claude test` verdicts kept in accounts.json, by provider. */
  lastTests?: LastTest[];
  /** Problems found while reading this account (corrupt file, loose mode). */
  warnings: string[];
}

export interface AccountList {
  accounts: AccountSummary[];
  active: string | null;
  hiddenBackups: number;
}

export interface ProviderCredential {
  provider: Provider;
  created: string;
  fields: CredentialField[];
  entry: ProviderEntry;
}

export interface AccountDetails extends AccountSummary {
  path: string;
  credentials: ProviderCredential[];
}

export interface AddResult {
  replaced: boolean;
  warnings: string[];
}

export { apiTypeLabel };

/** Shared by both services, so a missing account is refused with the same message and hint everywhere. */
export async function requireAccount(storage: StorageAdapter, name: string): Promise<void> {
  // Permissive: the original tool's accounts may have names cuti would not create.
  validateAddressedName(name);
  if (!(await storage.accountExists(name))) {
    throw new AccountNotFoundError(name, shown(name));
  }
}

/** Present only when there are some, so summaries of untested accounts look as they always did. */
function lastTestsField(info: Record<string, unknown>): { lastTests?: LastTest[] } {
  const lastTests = lastTestsOf(info);
  return lastTests.length > 0 ? { lastTests } : {};
}

function providersIn(doc: ApiKeysDocument | null | undefined): Provider[] {
  if (!doc) return [];
  return PROVIDERS.filter((p) => doc[p] !== undefined && doc[p] !== null);
}

/** The secret store changed under a write that began with the file store: it starts over, locked. */
class StoreChanged extends Error {}

/**
 * The one place that knows what adding, showing, listing and deleting credentials
 * means. The CLI and the TUI both call it; it talks to disk only through the adapter.
 */
export class AccountService {
  constructor(
    readonly storage: StorageAdapter,
    /** Shared with ClaudeCodeService, so every timestamp in accounts.json comes from one clock. */
    readonly now: () => string = nowTimestamp,
    /** Where secret values are read and written (the documents themselves, or the keychain). */
    readonly secrets: Secrets = new Secrets(),
  ) {}

  /**
   * Writes one provider's entry into an account's `.api_keys.json`, its secrets kept in
   * the store new secrets go to. The choice is read again inside the document's lock, so
   * a move between stores (which records where it goes before it takes each document's
   * lock) never misses this write. With the keychain, or while a move is unfinished, the
   * write holds the lock moves take, and the secrets are kept before the document (or a
   * new account's directory) is touched: a keychain that fails leaves nothing written.
   * Resolves to whether the provider was already there.
   */
  private async putEntry(name: string, provider: Provider, entry: ProviderEntry, replace: boolean): Promise<boolean> {
    let replaced = false;
    let dropped: string[] = [];
    const merge = (current: ApiKeysDocument | null, kept: ProviderEntry): ApiKeysDocument => {
      replaced = current?.[provider] !== undefined;
      // Decided under the lock: the check the caller made earlier may be out of date.
      if (replaced && !replace) throw new KeyAppearedError(name, provider, shown(name));
      dropped = referencesIn({ [provider]: current?.[provider] });
      return { ...(current ?? {}), [provider]: kept };
    };
    const plainFile = (settings: SecretSettings) => settings.store === 'file' && settings.move === undefined;
    let done = false;
    if (plainFile(await this.storage.readSecretSettings())) {
      try {
        await this.storage.updateApiKeys(name, async (current) => {
          if (!plainFile(await this.storage.readSecretSettings())) throw new StoreChanged();
          const kept = await this.secrets.keep(provider, entry, { kind: 'file' });
          return merge(current, kept.entry);
        });
        done = true;
      } catch (error) {
        if (!(error instanceof StoreChanged)) throw error;
      }
    }
    if (!done) {
      await this.storage.withSecretSettings(async (settings) => {
        const kept = await this.secrets.keep(provider, entry, { kind: storeForWrites(settings), homeId: settings.homeId });
        try {
          await this.storage.updateApiKeys(name, (current) => merge(current, kept.entry));
        } catch (error) {
          // The document was not written: what was kept for it goes again.
          await this.secrets.forgetAll(kept.made);
          throw error;
        }
      });
    }
    // The replaced secrets, once nothing references them.
    await this.secrets.forgetAll(dropped);
    return replaced;
  }

  /** Validates everything before touching storage, so bad input changes nothing. */
  validateCredential(name: string, credential: NewCredential): { credential: NewCredential; warnings: string[] } {
    validateAddressedName(name);
    const { provider, ...values } = credential;
    const module = providerModule(provider);
    const { values: checked, warnings } = module.validate(values);
    checkCredentialFiles(module, checked);
    return { credential: { ...checked, provider }, warnings };
  }

  async hasProvider(name: string, provider: Provider): Promise<boolean> {
    validateAddressedName(name);
    const stored = await this.storage.readApiKeys(name);
    return providersIn(stored?.doc).includes(provider);
  }

  /**
   * The name check for adding a key: strict for a new account (see validateAccountName,
   * and no look-alike of an existing one), permissive for one that exists already.
   * Says whether the account exists.
   */
  async checkNameForAdd(name: string): Promise<boolean> {
    validateAddressedName(name);
    if (await this.storage.accountExists(name)) return true;
    validateAccountName(name);
    refuseLookalike(name, await this.storage.listAccountDirs());
    return false;
  }

  /**
   * Adds (or replaces) one provider's key. `replace: false` is for a caller that told the
   * user there is no such key yet (the wizard): if one appeared since, nothing is written
   * and KeyAppearedError says so. The CLI replaces, as the original tool does.
   */
  async addCredential(name: string, input: NewCredential, options: { replace?: boolean } = {}): Promise<AddResult> {
    const { credential, warnings } = this.validateCredential(name, input);
    await this.checkNameForAdd(name);
    // Read both files first: if either is corrupt, or this account's entry could not be
    // updated without losing it, we stop before taking a lock or writing.
    assertEntryWritable(name, (await this.storage.readMetadata()).accounts[name]);
    await this.storage.readApiKeys(name);
    const created = this.now();
    const { provider, ...values } = credential;
    const replaced = await this.putEntry(name, provider, providerModule(provider).toEntry(values, created), options.replace ?? true);
    await this.storage.updateMetadata((meta, accountExists) => {
      // Deleted since the key was written (a delete that came after this add): no entry left behind.
      if (!accountExists(name)) return meta;
      const existing = meta.accounts[name];
      assertEntryWritable(name, existing);
      meta.accounts[name] = existing
        ? { ...existing, type: existing.type && existing.type !== 'API' && existing.type !== 'unknown' ? existing.type : 'API', credential_type: providerModule(credential.provider).credentialType }
        : { created, last_used: 'never', type: 'API', credential_type: providerModule(credential.provider).credentialType };
      meta.last_updated = this.now();
      return meta;
    });
    return { replaced, warnings };
  }

  /**
   * One provider's credential as people see it. Masked unless `reveal`: only then is a
   * secret kept in the keychain read.
   */
  async getCredential(
    name: string,
    provider: Provider,
    options: { reveal?: boolean } = {},
  ): Promise<ProviderCredential & { warnings: string[] }> {
    validateAddressedName(name);
    const stored = await this.storage.readApiKeys(name);
    const entry = stored?.doc[provider] as ProviderEntry | null | undefined;
    if (!stored || !entry) throw new ProviderNotFoundError(name, provider, shown(name));
    const display = options.reveal ? await this.secrets.reveal(provider, entry) : entry;
    return { ...this.describe(provider, display), warnings: stored.warnings };
  }

  /**
   * The one way to a credential's secrets for code that uses them (env, exec, print-key,
   * the connection test): the entry with every secret field holding the secret itself,
   * from whichever store keeps it. Rejects with one clear line when the store is out of reach.
   */
  async revealCredential(name: string, provider: Provider): Promise<ProviderEntry> {
    validateAddressedName(name);
    const entry = (await this.storage.readApiKeys(name))?.doc[provider] as ProviderEntry | null | undefined;
    if (!entry) throw new ProviderNotFoundError(name, provider, shown(name));
    return this.secrets.reveal(provider, entry);
  }

  /** Where new secrets go in this home (read from a small file; the keychain is not touched), or null when unreadable. */
  async secretStoreInUse(): Promise<SecretStoreKind | null> {
    try {
      return storeForWrites(await this.storage.readSecretSettings());
    } catch {
      return null; // doctor names the file that does not parse
    }
  }

  /** Whether a field's stored value is kept apart from the document (a keychain reference): reading it needs the store. */
  isStoredApart(stored: string): boolean {
    return !this.secrets.file.holds(stored);
  }

  /** The secret a stored value stands for (a field's `value` as `getAccountDetails` gives it). */
  async revealStored(stored: string): Promise<string> {
    return this.secrets.get(stored);
  }

  private describe(provider: Provider, entry: ProviderEntry): ProviderCredential {
    // A secret kept elsewhere shows the mask its reference carries: no store is read for that.
    const fields = providerModule(provider).fields(entry).map((field) => {
      const mask = field.secret ? this.secrets.maskOf(field.value) : null;
      return mask === null ? field : { ...field, masked: mask };
    });
    return { provider, created: typeof entry.created === 'string' ? entry.created : 'unknown', fields, entry };
  }

  async listProviders(name: string): Promise<{ credentials: ProviderCredential[]; warnings: string[] }> {
    await requireAccount(this.storage, name);
    const stored = await this.storage.readApiKeys(name);
    return { credentials: this.credentialsOf(stored), warnings: this.modeWarnings(stored) };
  }

  private credentialsOf(stored: StoredApiKeys | null): ProviderCredential[] {
    if (!stored) return [];
    return providersIn(stored.doc).map((p) => this.describe(p, stored.doc[p] as ProviderEntry));
  }

  private modeWarnings(stored: StoredApiKeys | null): string[] {
    return stored?.warnings ?? [];
  }

  async deleteCredential(name: string, provider: Provider): Promise<void> {
    validateAddressedName(name);
    // A corrupt accounts.json must stop us before the key is gone, not after.
    await this.storage.readMetadata();
    const stored = await this.storage.readApiKeys(name);
    if (!stored?.doc[provider]) throw new ProviderNotFoundError(name, provider, shown(name));
    let remaining: Provider[] = [];
    let found = false;
    let dropped: string[] = [];
    // Reachable first: a key whose secret is in an unreachable keychain is not half-deleted.
    if (referencesIn(stored.doc).length > 0) await (await this.secrets.keychain()).probe();
    await this.storage.updateApiKeys(name, (current) => {
      if (!current || current[provider] === undefined) return current;
      found = true;
      dropped = referencesIn({ [provider]: current[provider] });
      const next: ApiKeysDocument = { ...current };
      delete next[provider];
      remaining = providersIn(next);
      // The original deletes the file with its last provider; other keys keep it alive.
      return Object.keys(next).length === 0 ? null : next;
    });
    // Another process may have deleted it between our read and the locked update.
    if (!found) throw new ProviderNotFoundError(name, provider, shown(name));
    await this.secrets.forgetAll(dropped);
    await this.storage.updateMetadata((meta) => {
      const entry = meta.accounts[name];
      const last = remaining[remaining.length - 1];
      if (entry && entry.credential_type === providerModule(provider).credentialType && last !== undefined) {
        entry.credential_type = providerModule(last).credentialType;
      }
      meta.last_updated = this.now();
      return meta;
    });
  }

  /** The account as `list` shows it, and its API keys as read for that (null if none or unreadable). */
  private async summarize(name: string, meta: MetadataDocument): Promise<{ summary: AccountSummary; stored: StoredApiKeys | null }> {
    // Tolerant: an odd value in this entry is a warning on this account, not a refusal.
    const entry: unknown = meta.accounts[name];
    const { info, warnings } = accountInfo(name, entry);
    let stored: StoredApiKeys | null = null;
    let oauth: OAuthSummary | null = null;
    // Which files exist first, so `list` reads only those (no failed opens per account).
    const files = await this.storage.summarizeAccount(name);
    try {
      if (files.hasApiKeys) stored = await this.storage.readApiKeys(name);
      warnings.push(...this.modeWarnings(stored));
    } catch (error) {
      warnings.push(errorMessage(error));
    }
    try {
      if (files.hasOAuthCredentials) oauth = await this.storage.readOAuth(name);
    } catch (error) {
      warnings.push(errorMessage(error));
    }
    const providers = providersIn(stored?.doc);
    let type = info.type ?? 'unknown';
    if (oauth) type = oauth.subscription;
    else if (files.hasOAuthCredentials && type === 'unknown') type = 'Pro';
    else if (providers.length > 0) type = apiTypeLabel(providers);
    const created =
      info.created ??
      providers.map((p) => (stored?.doc[p] as ProviderEntry | undefined)?.created).find((c): c is string => typeof c === 'string') ??
      'unknown';
    const summary: AccountSummary = {
      name,
      type,
      created,
      lastUsed: info.last_used ?? 'never',
      active: meta.active === name,
      hasCredentials:
        files.hasApiKeys ||
        files.hasOAuthCredentials ||
        // A login kept in the account's Claude Code directory (looked for only on accounts `login` made).
        (type === CONFIG_DIR_LOGIN_TYPE && existingConfigDir(this.storage.accountPath(name)) !== null),
      providers,
      oauth,
      isBackup: name.startsWith('backup_'),
      ...lastTestsField(typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {}),
      warnings,
    };
    return { summary, stored };
  }

  async listAccounts(options: { includeBackups?: boolean } = {}): Promise<AccountList> {
    const meta = await this.storage.readMetadata();
    const names = await this.storage.listAccountDirs();
    const visible = names.filter((n) => options.includeBackups || !n.startsWith('backup_'));
    // A bounded pool: with 10,000 accounts, one promise chain (and, for an asynchronous
    // adapter, one open file) per account at once only costs memory. The filesystem
    // adapter reads synchronously: over 10,000 warm accounts, asynchronous reads took
    // 1.6 to 5 times as long (a thread-pool round trip per call), and a worker thread
    // taking half the accounts was slower too (its code starts cold; 2 cores).
    const accounts = await pMap(visible, async (n) => (await this.summarize(n, meta)).summary, {
      concurrency: SUMMARY_CONCURRENCY,
    });
    return {
      accounts: accounts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      active: meta.active,
      hiddenBackups: names.length - visible.length,
    };
  }

  /**
   * The active account exactly as `list --backups` shows it, or null when none is
   * active or its directory is gone. Summarises that one account, not every account.
   */
  async activeAccount(): Promise<AccountSummary | null> {
    const meta = await this.storage.readMetadata();
    if (meta.active === null || !(await this.storage.listAccountDirs()).includes(meta.active)) return null;
    return (await this.summarize(meta.active, meta)).summary;
  }

  async getAccountDetails(name: string): Promise<AccountDetails> {
    await requireAccount(this.storage, name);
    const meta = await this.storage.readMetadata();
    // The keys summarize already read; a file it could not read is in summary.warnings.
    const { summary, stored } = await this.summarize(name, meta);
    return { ...summary, path: this.storage.accountPath(name), credentials: this.credentialsOf(stored) };
  }

  /**
   * Marks an account active and records when it was last used, in accounts.json where
   * the original tool keeps both, so the two tools agree on which account is active.
   * A `provider` is recorded as its `credential_type`, where the original keeps an
   * account's provider: in the same locked write.
   */
  async setActive(name: string, options: { provider?: Provider } = {}): Promise<void> {
    await requireAccount(this.storage, name);
    await this.storage.updateMetadata((meta) => {
      const now = this.now();
      assertEntryWritable(name, meta.accounts[name]);
      const entry = { ...(meta.accounts[name] ?? { created: now }), last_used: now };
      if (options.provider !== undefined) entry.credential_type = providerModule(options.provider).credentialType;
      meta.accounts[name] = entry;
      meta.active = name;
      meta.last_updated = now;
      return meta;
    });
  }

  /**
   * An accounts.json entry whose directory is gone: what a delete leaves when it removed
   * the directory but could not then update accounts.json (its lock was taken over while
   * it was stopped). No listing of cuti's shows it, the original tool's does; deleting
   * it again removes the entry.
   */
  async hasLeftEntry(name: string): Promise<boolean> {
    validateAddressedName(name);
    if (await this.storage.accountExists(name)) return false;
    return Object.hasOwn((await this.storage.readMetadata()).accounts, name);
  }

  /** `delete <account>`: removes the account and its files; clears `active` if it was. */
  async deleteAccount(name: string): Promise<{ wasActive: boolean }> {
    const leftEntry = await this.hasLeftEntry(name);
    if (!leftEntry) await requireAccount(this.storage, name);
    await this.storage.readMetadata();
    let wasActive = false;
    // Its keychain entries go with it; reachable first, so nothing is left half-deleted.
    const dropped = referencesIn((await this.storage.readApiKeys(name).catch(() => null))?.doc);
    if (dropped.length > 0) await (await this.secrets.keychain()).probe();
    if (!leftEntry) await this.storage.deleteAccount(name);
    await this.secrets.forgetAll(dropped);
    await this.storage.updateMetadata((meta, accountExists) => {
      wasActive = meta.active === name;
      // Made again since it moved aside (an add-api-key that came after this delete): its entry stays.
      if (!accountExists(name)) delete meta.accounts[name];
      if (wasActive) meta.active = null;
      meta.last_updated = this.now();
      return meta;
    });
    return { wasActive };
  }
}
