import { AccountNotFoundError, ProviderNotFoundError } from '../domain/errors.js';
import { credentialFields, type CredentialField } from '../domain/credential-fields.js';
import { sanitizeForDisplay } from '../domain/sanitize.js';
import { nowTimestamp } from '../domain/timestamps.js';
import {
  CREDENTIAL_TYPE,
  PROVIDER_LABEL,
  PROVIDERS,
  type AnthropicEntry,
  type ApiKeysDocument,
  type BedrockEntry,
  type MetadataDocument,
  type NewCredential,
  type OAuthSummary,
  type Provider,
} from '../domain/types.js';
import {
  anthropicKeyWarnings,
  bedrockWarnings,
  validateAccountName,
  validateBedrock,
  validateValue,
} from '../domain/validation.js';
import { subscriptionLabel, type StorageAdapter, type StoredApiKeys } from '../storage/adapter.js';
import { judgeAuth, type ActiveCredential, type AuthVerdict } from '../domain/auth-precedence.js';
import { loginIdentity, loginProblem, type LoginSnapshot } from '../domain/claude-login.js';
import {
  defaultSource,
  envForProvider,
  oauthEnv,
  varsToClear,
  type CredentialSource,
  type EnvVars,
} from '../domain/claude-env.js';
import { CutiError } from '../domain/errors.js';
import { clearLiveLogin, installLogin, snapshotLiveLogin, type InstallResult } from './claude-code-activation.js';
import { readLiveLogin } from './claude-code-login.js';
import type { ClaudeCodePaths } from './claude-code-paths.js';
import { readUserSettings, setApiKeyHelper, type HelperChange, type UserSettings } from './claude-code-settings.js';

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
  entry: AnthropicEntry | BedrockEntry;
}

export interface AccountDetails extends AccountSummary {
  path: string;
  credentials: ProviderCredential[];
}

export interface AddResult {
  replaced: boolean;
  warnings: string[];
}

/** An account's credential as environment variables, for exec and env. */
export interface CredentialEnv {
  account: string;
  source: CredentialSource;
  vars: EnvVars;
  /** Inherited variables to clear first. */
  clear: string[];
}

export interface UseResult {
  account: string;
  /** Set when the account holds a Claude Code login and cuti put it into Claude Code's config dir. */
  login: (InstallResult & { configDir: string }) | null;
  previous: string | null;
}

export interface ClaudeCodeStatus {
  active: AccountSummary | null;
  activeSource: CredentialSource | null;
  configDir: string;
  settingsPath: string;
  verdict: AuthVerdict;
  /** Problems met while looking (an unreadable settings file): shown, not fatal. */
  warnings: string[];
}

export class NoActiveAccountError extends CutiError {
  constructor() {
    super('no_active_account', 'No active account', {
      hint: 'Name an account, or activate one with: cuti claude use <account>',
    });
  }
}

/** Loose permissions are reported the way ssh reports a loose private key. */
export function looseModeWarning(path: string, mode: number): string | null {
  if ((mode & 0o077) === 0) return null;
  return `${path} is accessible by others (mode ${mode.toString(8).padStart(4, '0')}); fix with: chmod 600 ${path}`;
}

export function apiTypeLabel(providers: Provider[]): string {
  if (providers.length === 0) return 'API';
  return `API (${providers.map((p) => PROVIDER_LABEL[p]).join('+')})`;
}

function providersIn(doc: ApiKeysDocument | null | undefined): Provider[] {
  if (!doc) return [];
  return PROVIDERS.filter((p) => doc[p] !== undefined && doc[p] !== null);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one place that knows what adding, showing, listing and deleting credentials
 * means. The CLI and the TUI both call it; it talks to disk only through the adapter.
 */
export class AccountService {
  constructor(
    readonly storage: StorageAdapter,
    private readonly now: () => string = nowTimestamp,
    /** Claude Code's live files, for use/save/status; null where there is none (memory tests). */
    readonly claudeCode: ClaudeCodePaths | null = null,
  ) {}

  private buildEntry(credential: NewCredential, created: string): AnthropicEntry | BedrockEntry {
    if (credential.provider === 'anthropic') {
      return { api_key: credential.apiKey, provider: 'anthropic', created };
    }
    // The spec's fields, plus `auth_method` so the original tool reads it as access keys.
    return {
      model_id: credential.modelId,
      region: credential.region,
      access_key_id: credential.accessKeyId,
      secret_access_key: credential.secretAccessKey,
      provider: 'bedrock',
      auth_method: 'access_keys',
      created,
    };
  }

  /** Validates everything before touching storage, so bad input changes nothing. */
  validateCredential(name: string, credential: NewCredential): { credential: NewCredential; warnings: string[] } {
    validateAccountName(name);
    if (credential.provider === 'anthropic') {
      const apiKey = validateValue('API key', credential.apiKey);
      return { credential: { provider: 'anthropic', apiKey }, warnings: anthropicKeyWarnings(apiKey) };
    }
    const bedrock = validateBedrock(credential);
    return { credential: { provider: 'bedrock', ...bedrock }, warnings: bedrockWarnings(bedrock) };
  }

  async hasProvider(name: string, provider: Provider): Promise<boolean> {
    validateAccountName(name);
    const stored = await this.storage.readApiKeys(name);
    return providersIn(stored?.doc).includes(provider);
  }

  async addCredential(name: string, input: NewCredential): Promise<AddResult> {
    const { credential, warnings } = this.validateCredential(name, input);
    // Read both files first: if either is corrupt we stop before taking a lock or writing.
    await this.storage.readMetadata();
    await this.storage.readApiKeys(name);
    const created = this.now();
    let replaced = false;
    await this.storage.updateApiKeys(name, (current) => {
      replaced = current?.[credential.provider] !== undefined;
      return { ...(current ?? {}), [credential.provider]: this.buildEntry(credential, created) };
    });
    await this.storage.updateMetadata((meta) => {
      const existing = meta.accounts[name];
      meta.accounts[name] = existing
        ? { ...existing, type: existing.type && existing.type !== 'API' && existing.type !== 'unknown' ? existing.type : 'API', credential_type: CREDENTIAL_TYPE[credential.provider] }
        : { created, last_used: 'never', type: 'API', credential_type: CREDENTIAL_TYPE[credential.provider] };
      meta.last_updated = this.now();
      return meta;
    });
    return { replaced, warnings };
  }

  private async requireAccount(name: string): Promise<void> {
    validateAccountName(name);
    if (!(await this.storage.accountExists(name))) {
      throw new AccountNotFoundError(name, sanitizeForDisplay(name));
    }
  }

  async getCredential(name: string, provider: Provider): Promise<ProviderCredential & { warnings: string[] }> {
    validateAccountName(name);
    const stored = await this.storage.readApiKeys(name);
    const entry = stored?.doc[provider];
    if (!stored || !entry) throw new ProviderNotFoundError(name, provider, sanitizeForDisplay(name));
    const warning = looseModeWarning(stored.path, stored.mode);
    return { ...this.describe(provider, entry), warnings: warning ? [warning] : [] };
  }

  private describe(provider: Provider, entry: AnthropicEntry | BedrockEntry): ProviderCredential {
    return { provider, created: entry.created ?? 'unknown', fields: credentialFields(provider, entry), entry };
  }

  async listProviders(name: string): Promise<{ credentials: ProviderCredential[]; warnings: string[] }> {
    await this.requireAccount(name);
    const stored = await this.storage.readApiKeys(name);
    return { credentials: this.credentialsOf(stored), warnings: this.modeWarnings(stored) };
  }

  private credentialsOf(stored: StoredApiKeys | null): ProviderCredential[] {
    if (!stored) return [];
    return providersIn(stored.doc).map((p) => this.describe(p, stored.doc[p] as AnthropicEntry | BedrockEntry));
  }

  private modeWarnings(stored: StoredApiKeys | null): string[] {
    const warning = stored ? looseModeWarning(stored.path, stored.mode) : null;
    return warning ? [warning] : [];
  }

  async deleteCredential(name: string, provider: Provider): Promise<void> {
    validateAccountName(name);
    // A corrupt accounts.json must stop us before the key is gone, not after.
    await this.storage.readMetadata();
    const stored = await this.storage.readApiKeys(name);
    if (!stored?.doc[provider]) throw new ProviderNotFoundError(name, provider, sanitizeForDisplay(name));
    let remaining: Provider[] = [];
    let found = false;
    await this.storage.updateApiKeys(name, (current) => {
      if (!current || current[provider] === undefined) return current;
      found = true;
      const next: ApiKeysDocument = { ...current };
      delete next[provider];
      remaining = providersIn(next);
      // The original deletes the file with its last provider; other keys keep it alive.
      return Object.keys(next).length === 0 ? null : next;
    });
    // Another process may have deleted it between our read and the locked update.
    if (!found) throw new ProviderNotFoundError(name, provider, sanitizeForDisplay(name));
    await this.storage.updateMetadata((meta) => {
      const entry = meta.accounts[name];
      const last = remaining[remaining.length - 1];
      if (entry && entry.credential_type === CREDENTIAL_TYPE[provider] && last !== undefined) {
        entry.credential_type = CREDENTIAL_TYPE[last];
      }
      meta.last_updated = this.now();
      return meta;
    });
  }

  private async summarize(name: string, meta: MetadataDocument): Promise<AccountSummary> {
    const info = meta.accounts[name] ?? {};
    const warnings: string[] = [];
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
      providers.map((p) => stored?.doc[p]?.created).find((c): c is string => typeof c === 'string') ??
      'unknown';
    return {
      name,
      type,
      created,
      lastUsed: info.last_used ?? 'never',
      active: meta.active === name,
      hasCredentials: files.hasApiKeys || files.hasOAuthCredentials,
      providers,
      oauth,
      isBackup: name.startsWith('backup_'),
      warnings,
    };
  }

  async listAccounts(options: { includeBackups?: boolean } = {}): Promise<AccountList> {
    const meta = await this.storage.readMetadata();
    const names = await this.storage.listAccountDirs();
    const visible = names.filter((n) => options.includeBackups || !n.startsWith('backup_'));
    const accounts = await Promise.all(visible.map((n) => this.summarize(n, meta)));
    return {
      accounts: accounts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      active: meta.active,
      hiddenBackups: names.length - visible.length,
    };
  }

  async getAccountDetails(name: string): Promise<AccountDetails> {
    await this.requireAccount(name);
    const meta = await this.storage.readMetadata();
    const summary = await this.summarize(name, meta);
    let credentials: ProviderCredential[] = [];
    try {
      credentials = this.credentialsOf(await this.storage.readApiKeys(name));
    } catch {
      // Already reported in summary.warnings.
    }
    return { ...summary, path: this.storage.accountPath(name), credentials };
  }

  /**
   * Marks an account active and records when it was last used, in accounts.json where
   * the original tool keeps both, so the two tools agree on which account is active.
   */
  async setActive(name: string): Promise<void> {
    await this.requireAccount(name);
    await this.storage.updateMetadata((meta) => {
      const now = this.now();
      meta.accounts[name] = { ...(meta.accounts[name] ?? { created: now }), last_used: now };
      meta.active = name;
      meta.last_updated = now;
      return meta;
    });
  }

  private requireClaudeCode(): ClaudeCodePaths {
    if (!this.claudeCode) throw new CutiError('no_claude_code', 'Claude Code paths are not configured');
    return this.claudeCode;
  }

  /** The named account (validated, must exist), or the active one. */
  async resolveAccount(name: string | undefined): Promise<string> {
    if (name !== undefined) {
      await this.requireAccount(name);
      return name;
    }
    const active = (await this.storage.readMetadata()).active;
    if (active === null) throw new NoActiveAccountError();
    await this.requireAccount(active);
    return active;
  }

  /** The provider accounts.json records for the account (`credential_type`), if any. */
  private async preferredProvider(name: string): Promise<Provider | null> {
    const type = (await this.storage.readMetadata()).accounts[name]?.credential_type;
    return PROVIDERS.find((p) => CREDENTIAL_TYPE[p] === type) ?? null;
  }

  /** Writes the original tool's `env.sh` (the account's exports) into the account. */
  async saveEnvScript(name: string, text: string): Promise<string> {
    await this.requireAccount(name);
    return this.storage.writeAccountFile(name, 'env.sh', text);
  }

  private async hasLogin(name: string): Promise<boolean> {
    return (await this.storage.summarizeAccount(name)).hasOAuthCredentials;
  }

  /**
   * The environment that hands an account's credential to Claude Code: an API key's
   * variables, or CLAUDE_CONFIG_DIR pointing at the account's saved login.
   */
  async credentialEnv(name: string | undefined, source?: CredentialSource): Promise<CredentialEnv> {
    const account = await this.resolveAccount(name);
    const doc = (await this.storage.readApiKeys(account))?.doc ?? null;
    const chosen = source ?? defaultSource(doc, await this.hasLogin(account), await this.preferredProvider(account));
    const shown = sanitizeForDisplay(account);
    if (chosen === null) {
      throw new CutiError('no_credentials', `Account '${shown}' holds no API key and no Claude Code login`, {
        hint: `Add a key with: cuti claude add-api-key ${shown} --api-key -`,
      });
    }
    if (chosen === 'oauth') {
      if (!(await this.hasLogin(account))) {
        throw new CutiError('no_login', `Account '${shown}' holds no Claude Code login`, {
          hint: `Save the current login into it with: cuti claude save ${shown}`,
        });
      }
      return { account, source: chosen, vars: oauthEnv(this.storage.accountPath(account)), clear: varsToClear(chosen) };
    }
    if (!doc?.[chosen]) throw new ProviderNotFoundError(account, chosen, shown);
    return { account, source: chosen, vars: envForProvider(chosen, doc), clear: varsToClear(chosen) };
  }

  /** The account's Anthropic API key (for Claude Code's apiKeyHelper). */
  async anthropicKey(name: string | undefined): Promise<{ account: string; key: string }> {
    const account = await this.resolveAccount(name);
    const entry = (await this.storage.readApiKeys(account))?.doc.anthropic;
    if (!entry?.api_key) throw new ProviderNotFoundError(account, 'anthropic', sanitizeForDisplay(account));
    return { account, key: entry.api_key };
  }

  /**
   * `save`: snapshots Claude Code's live login into an account and makes it active.
   * Refuses a login whose tokens are empty, and an existing account unless `force`.
   */
  async saveLogin(name: string, options: { force: boolean }): Promise<{ updated: boolean; type: string }> {
    validateAccountName(name);
    const paths = this.requireClaudeCode();
    const existed = await this.storage.accountExists(name);
    if (existed && !options.force) {
      throw new CutiError('account_exists', `Account '${sanitizeForDisplay(name)}' already exists`, { hint: 'Use --force to overwrite' });
    }
    await this.storage.readMetadata();
    const live = await snapshotLiveLogin(paths);
    const type = subscriptionLabel(subscriptionTypeOf(live['.credentials.json']));
    await this.storage.writeLoginSnapshot(name, live);
    await this.storage.updateMetadata((meta) => {
      const now = this.now();
      meta.accounts[name] = { ...(meta.accounts[name] ?? {}), created: meta.accounts[name]?.created ?? now, last_used: now, type };
      meta.active = name;
      meta.last_updated = now;
      return meta;
    });
    return { updated: existed, type };
  }

  /**
   * `use`: marks the account active (accounts.json, shared with the original tool) and,
   * when it holds a Claude Code login, puts that login into Claude Code's config dir.
   */
  async use(name: string, options: { provider?: Provider } = {}): Promise<UseResult> {
    await this.requireAccount(name);
    const { provider } = options;
    if (provider !== undefined && !(await this.hasProvider(name, provider))) {
      throw new ProviderNotFoundError(name, provider, sanitizeForDisplay(name));
    }
    const previous = (await this.storage.readMetadata()).active;
    let login: UseResult['login'] = null;
    if (await this.hasLogin(name)) {
      const paths = this.requireClaudeCode();
      login = { ...(await installLogin(this.storage, paths, name, previous)), configDir: paths.configDir };
    }
    await this.setActive(name);
    if (provider !== undefined) {
      // accounts.json's credential_type is where the original records an account's provider.
      await this.storage.updateMetadata((meta) => {
        const entry = meta.accounts[name];
        if (entry) entry.credential_type = CREDENTIAL_TYPE[provider];
        return meta;
      });
    }
    return { account: name, login, previous };
  }

  /** Claude Code's user settings (throws, naming the file, when it is not valid JSON). */
  async readClaudeCodeSettings(): Promise<UserSettings> {
    return readUserSettings(this.requireClaudeCode());
  }

  /** Points Claude Code's apiKeyHelper at a command (a cuti print-key call, never a key). */
  async setClaudeCodeKeyHelper(command: string): Promise<HelperChange> {
    return setApiKeyHelper(this.requireClaudeCode(), command);
  }

  /** `delete <account>`: removes the account and its files; clears `active` if it was. */
  async deleteAccount(name: string): Promise<{ wasActive: boolean }> {
    await this.requireAccount(name);
    await this.storage.readMetadata();
    let wasActive = false;
    await this.storage.deleteAccount(name);
    await this.storage.updateMetadata((meta) => {
      wasActive = meta.active === name;
      delete meta.accounts[name];
      if (wasActive) meta.active = null;
      meta.last_updated = this.now();
      return meta;
    });
    return { wasActive };
  }

  /**
   * `new`: keeps the live login as a `backup_<YYYYmmdd_HHMMSS>` account, then signs
   * Claude Code out so a fresh login can be made and saved.
   */
  async newLogin(): Promise<{ backupAccount: string | null; backupDir: string | null }> {
    const paths = this.requireClaudeCode();
    await this.storage.readMetadata();
    const live = await readLiveLogin(paths);
    const credentials = live['.credentials.json'];
    let backupAccount: string | null = null;
    if (credentials !== undefined && loginProblem(credentials) === null) {
      const d = new Date();
      const p = (n: number) => String(n).padStart(2, '0');
      const stamp = `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
      backupAccount = `backup_${stamp}`;
      for (let n = 1; await this.storage.accountExists(backupAccount); n++) backupAccount = `backup_${stamp}_${n}`;
      await this.storage.writeLoginSnapshot(backupAccount, live);
      const type = subscriptionLabel(subscriptionTypeOf(credentials));
      const created = this.now();
      await this.storage.updateMetadata((meta) => {
        meta.accounts[backupAccount as string] = { created, last_used: created, type };
        return meta;
      });
    }
    const backupDir = await clearLiveLogin(paths);
    await this.storage.updateMetadata((meta) => {
      meta.active = null;
      meta.last_updated = this.now();
      return meta;
    });
    return { backupAccount, backupDir };
  }

  /**
   * `status`: the active account, and what Claude Code will use right now by its own
   * precedence, given this environment, its user settings and its live login.
   */
  async claudeCodeStatus(env: NodeJS.ProcessEnv): Promise<ClaudeCodeStatus> {
    const paths = this.requireClaudeCode();
    const warnings: string[] = [];
    const list = await this.listAccounts({ includeBackups: true });
    const active = list.accounts.find((a) => a.active) ?? null;
    let settings = { apiKeyHelper: null as string | null, env: {} as Record<string, string> };
    try {
      settings = await readUserSettings(paths);
    } catch (error) {
      warnings.push(`${errorMessage(error)} (ignored for this report)`);
    }
    let live: LoginSnapshot = {};
    try {
      live = await readLiveLogin(paths);
    } catch (error) {
      warnings.push(errorMessage(error));
    }
    const liveCredentials = live['.credentials.json'];
    const loginPath = liveCredentials !== undefined && loginProblem(liveCredentials) === null ? paths.credentialsPath : null;
    let activeCredential: ActiveCredential | null = null;
    let activeSource: CredentialSource | null = null;
    if (active) {
      const doc = (await this.storage.readApiKeys(active.name).catch(() => null))?.doc ?? null;
      activeSource = defaultSource(doc, await this.hasLogin(active.name), await this.preferredProvider(active.name));
      const snapshot: LoginSnapshot = await this.storage.readLoginSnapshot(active.name).catch(() => ({}));
      const savedId = loginIdentity(snapshot['.claude.json']);
      activeCredential = {
        name: active.name,
        source: activeSource,
        ...(doc?.anthropic?.api_key ? { apiKey: doc.anthropic.api_key } : {}),
        ...(doc?.bedrock ? { bedrockKey: doc.bedrock.access_key_id ?? doc.bedrock.bearer_token ?? '' } : {}),
        // Same account by identity, or (no identity saved) the very same tokens.
        loginMatches:
          (savedId !== null && savedId === loginIdentity(live['.claude.json'])) ||
          (liveCredentials !== undefined && liveCredentials === snapshot['.credentials.json']),
      };
    }
    const verdict = judgeAuth(
      { env, settingsEnv: settings.env, settingsPath: paths.settingsPath, apiKeyHelper: settings.apiKeyHelper, loginPath },
      activeCredential,
    );
    return { active, activeSource, configDir: paths.configDir, settingsPath: paths.settingsPath, verdict, warnings };
  }
}

/** `subscriptionType` from a `.credentials.json` text, or null. */
function subscriptionTypeOf(credentialsText: string | undefined): string | null {
  try {
    const doc = JSON.parse(credentialsText ?? '') as { claudeAiOauth?: { subscriptionType?: unknown } };
    const type = doc.claudeAiOauth?.subscriptionType;
    return typeof type === 'string' ? type : null;
  } catch {
    return null;
  }
}
