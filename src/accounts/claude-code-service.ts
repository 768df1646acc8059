import { join } from 'node:path';

import { expectedAuthMethod, isCutiKeyHelper, judgeAuth, type ActiveCredential, type AuthVerdict } from '../domain/auth-precedence.js';
import { claudeAuthStatus, type ClaudeAuthStatus } from './claude-code-cli.js';
import { isRefreshOf, loginIdentity, loginProblem, sharesAToken, type LoginSnapshot } from '../domain/claude-login.js';
import { parseJsonObject } from '../domain/json-text-edit.js';
import {
  defaultSource,
  envForProvider,
  oauthEnv,
  varsToClear,
  type CredentialSource,
  type EnvVars,
} from '../domain/claude-env.js';
import { CutiError, errorMessage, ProviderNotFoundError } from '../domain/errors.js';
import { suggestedName } from '../domain/shell-quote.js';
import { pythonIsoTimestamp } from '../domain/timestamps.js';
import { PROVIDER_MODULES, PROVIDERS, providerModule, providerOfCredentialType, type Provider, type ProviderEntry } from '../domain/providers/index.js';
import type { ApiKeysDocument, MetadataDocument } from '../domain/types.js';
import { validateAccountName, validateAddressedName } from '../domain/validation.js';
import { readTextIfExists, writeFileAtomically } from '../storage/file-io.js';
import { subscriptionLabel, type StorageAdapter, type StoreHealth, type StoreProblem } from '../storage/adapter.js';
import { clearLiveLogin, installLogin, recoverInterruptedSwap, requireLiveOutsideStore, snapshotLiveLogin, type AccountHooks, type InstallResult } from './claude-code-activation.js';
import { readJournal, type SwapJournal } from './claude-code-journal.js';
import { applyClaudeCodeFix, claudeCodeProblems, type ClaudeCodeProblem } from './claude-code-doctor.js';
import { listBackups, readLiveLogin, removeBackup, withClaudeCodeLocks } from './claude-code-login.js';
import { awsCredentialExportDocument } from '../domain/providers/bedrock.js';
import { planSettingsHandOver, type SettingsHelper, type SettingsPlan } from '../domain/claude-code-settings-plan.js';
import { CONFIG_DIR_LOGIN_TYPE, existingConfigDir, makeConfigDir } from './claude-code-config-dir.js';
import { configDirSetByCuti, liveDirInsideStore, type ClaudeCodePaths } from './claude-code-paths.js';
import { readSettingsSources, readUserSettings, removeCutiHelpers, removeCutiKeyHelper, setSettingsValues, withoutCutiKeyHelper, type HelperChange, type HelpersRemoved, type SettingsChange, type UserSettings } from './claude-code-settings.js';
import type { SettingsSource } from '../domain/claude-handoff.js';
import { requireAccount, type AccountService, type AccountSummary } from './service.js';
import { shown } from '../domain/safe-text.js';
import { assertEntryWritable } from '../storage/schemas.js';

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
  /** Set when cuti's apiKeyHelper was taken out of Claude Code's settings (the account has no Anthropic key). */
  helperRemoved?: HelperChange | null;
}

export interface ClaudeCodeStatus {
  active: AccountSummary | null;
  activeSource: CredentialSource | null;
  configDir: string;
  settingsPath: string;
  verdict: AuthVerdict;
  /** Problems met while looking (an unreadable settings file): shown, not fatal. */
  warnings: string[];
  /** What `claude auth status` says, when Claude Code is installed (null otherwise). */
  claude: ClaudeAuthStatus | null;
  /** Whether Claude Code's answer is the one cuti worked out; null when there is nothing to compare. */
  claudeAgrees: boolean | null;
}

export class NoActiveAccountError extends CutiError {
  constructor() {
    super('no_active_account', 'No active account', {
      hint: 'Name an account, or activate one with: cuti claude use <account>',
    });
  }
}

/**
 * Hands stored credentials to Claude Code: as environment variables, as its live
 * login, or through its apiKeyHelper. Kept apart from AccountService so the credential
 * store never needs Claude Code's paths; built over it so both share one storage and
 * one clock, and `use` and `status` see accounts exactly as `list` does.
 */
export class ClaudeCodeService {
  private readonly storage: StorageAdapter;

  constructor(
    private readonly accounts: AccountService,
    /** Claude Code's live files, for use/save/status; null where there is none (memory tests). */
    private readonly paths: ClaudeCodePaths | null = null,
  ) {
    this.storage = accounts.storage;
  }

  private requireClaudeCode(): ClaudeCodePaths {
    if (!this.paths) throw new CutiError('no_claude_code', 'Claude Code paths are not configured');
    return this.paths;
  }

  /**
   * The named account (validated, must exist), or the active one; with accounts.json
   * when it was read to find the active one, so callers need not read it again.
   */
  private async resolveAccount(name: string | undefined): Promise<{ account: string; meta: MetadataDocument | null }> {
    if (name !== undefined) {
      await requireAccount(this.storage, name);
      return { account: name, meta: null };
    }
    const meta = await this.storage.readMetadata();
    if (meta.active === null) throw new NoActiveAccountError();
    await requireAccount(this.storage, meta.active);
    return { account: meta.active, meta };
  }

  /** The provider accounts.json records for the account (`credential_type`), if any. */
  private async preferredProvider(name: string, meta: MetadataDocument | null = null): Promise<Provider | null> {
    const type = (meta ?? (await this.storage.readMetadata())).accounts[name]?.credential_type;
    return providerOfCredentialType(type);
  }

  /** Writes the original tool's `env.sh` (the account's exports) into the account. */
  async saveEnvScript(name: string, text: string): Promise<string> {
    await requireAccount(this.storage, name);
    return this.storage.writeAccountFile(name, 'env.sh', text);
  }

  private async hasLogin(name: string): Promise<boolean> {
    return (await this.storage.summarizeAccount(name)).hasOAuthCredentials || this.loginConfigDir(name) !== null;
  }

  /** True when the account holds a saved snapshot of a login (the original tool's `save`). */
  private async hasSnapshot(name: string): Promise<boolean> {
    return (await this.storage.summarizeAccount(name)).hasOAuthCredentials;
  }

  /**
   * The account's own Claude Code directory for a saved snapshot: created private, and
   * given the snapshot's tokens unless it holds newer ones of its own (a refresh during
   * an earlier exec), its `.claude.json`, and its settings without cuti's helper.
   */
  private async seedOwnConfigDir(name: string): Promise<string> {
    const dir = makeConfigDir(this.storage.accountPath(name));
    const own = join(dir, '.credentials.json');
    const snapshot = await this.storage.readLoginSnapshot(name);
    const ownCredentials = readTextIfExists(own)?.text;
    if (snapshot['.credentials.json'] !== undefined && (ownCredentials === undefined || isRefreshOf(snapshot['.credentials.json'], ownCredentials))) {
      await writeFileAtomically(own, snapshot['.credentials.json']);
    }
    if (snapshot['.claude.json'] !== undefined && readTextIfExists(join(dir, '.claude.json')) === null) {
      await writeFileAtomically(join(dir, '.claude.json'), snapshot['.claude.json']);
    }
    if (snapshot['settings.json'] !== undefined && readTextIfExists(join(dir, 'settings.json')) === null) {
      await writeFileAtomically(join(dir, 'settings.json'), await withoutCutiKeyHelper(snapshot['settings.json']));
    }
    return dir;
  }

  /** Newer tokens Claude Code wrote into the account's own directory (during an exec) go back into its snapshot. */
  private async refreshSnapshotFromOwnDir(name: string): Promise<void> {
    const dir = this.loginConfigDir(name);
    if (dir === null) return;
    const snapshot = await this.storage.readLoginSnapshot(name);
    const ownCredentials = readTextIfExists(join(dir, '.credentials.json'))?.text;
    const sameLogin =
      loginIdentity(readTextIfExists(join(dir, '.claude.json'))?.text) === loginIdentity(snapshot['.claude.json']) ||
      sharesAToken(ownCredentials, snapshot['.credentials.json']);
    if (ownCredentials !== undefined && sameLogin && isRefreshOf(ownCredentials, snapshot['.credentials.json'])) {
      await this.storage.writeLoginSnapshot(name, { '.credentials.json': ownCredentials });
    }
  }

  /** The Claude Code configuration directory `login` gave the account, if any. */
  private loginConfigDir(name: string): string | null {
    return this.paths === null ? null : existingConfigDir(this.storage.accountPath(name));
  }

  /**
   * `login`: gives the account its own Claude Code configuration directory (creating
   * the account when it is new) for Claude Code's own sign-in to write into. cuti
   * never reads, copies or refreshes what Claude Code keeps there.
   */
  async prepareConfigDirLogin(name: string): Promise<{ configDir: string; created: boolean }> {
    validateAccountName(name);
    this.requireClaudeCode();
    await this.storage.readMetadata();
    const created = !(await this.storage.accountExists(name));
    const configDir = makeConfigDir(this.storage.accountPath(name));
    await this.storage.updateMetadata((meta) => {
      const now = this.accounts.now();
      const existing = meta.accounts[name];
      meta.accounts[name] = existing ?? { created: now, last_used: 'never', type: CONFIG_DIR_LOGIN_TYPE };
      meta.last_updated = now;
      return meta;
    });
    return { configDir, created };
  }

  /**
   * The environment that hands an account's credential to Claude Code: an API key's
   * variables, or CLAUDE_CONFIG_DIR pointing at the account's saved login.
   */
  async credentialEnv(name: string | undefined, source?: CredentialSource, env: NodeJS.ProcessEnv = {}): Promise<CredentialEnv> {
    const { account, meta } = await this.resolveAccount(name);
    const doc = (await this.storage.readApiKeys(account))?.doc ?? null;
    // Looked up once, and only when a login may be the credential used.
    const hasLogin = source === undefined || source === 'oauth' ? await this.hasLogin(account) : false;
    const chosen = source ?? defaultSource(doc, hasLogin, await this.preferredProvider(account, meta));
    const display = shown(account);
    if (chosen === null) {
      throw new CutiError('no_credentials', `Account '${display}' holds no API key and no Claude Code login`, {
        hint: `Add a key with: cuti claude add-api-key ${suggestedName(account)}`,
      });
    }
    if (chosen === 'oauth') {
      if (!hasLogin) {
        throw new CutiError('no_login', `Account '${display}' holds no Claude Code login`, {
          hint: `Save the current login into it with: cuti claude save ${suggestedName(account)}`,
        });
      }
      // Claude Code runs in the account's own directory, never in cuti's account dir (its
      // sessions, plugins and backups are Claude Code's): a saved snapshot is put there first.
      const dir = (await this.hasSnapshot(account)) ? await this.seedOwnConfigDir(account) : (this.loginConfigDir(account) ?? this.storage.accountPath(account));
      return { account, source: chosen, vars: oauthEnv(dir), clear: this.varsToClear(chosen, env) };
    }
    const entry = doc?.[chosen] as ProviderEntry | null | undefined;
    if (!entry) throw new ProviderNotFoundError(account, chosen, display);
    // The secrets themselves, from whichever store keeps them.
    const revealed = { ...doc, [chosen]: await this.accounts.secrets.reveal(chosen, entry) };
    return { account, source: chosen, vars: envForProvider(chosen, revealed), clear: this.varsToClear(chosen, env) };
  }

  /**
   * What to clear before an account's variables are set: see varsToClear, plus a
   * CLAUDE_CONFIG_DIR that cuti itself set (pointing into the store), which would
   * otherwise keep an earlier login account's directory in force.
   */
  varsToClear(source: CredentialSource | null, env: NodeJS.ProcessEnv): string[] {
    const names = varsToClear(source ?? 'anthropic', env);
    if (!names.includes('CLAUDE_CONFIG_DIR') && this.paths !== null && configDirSetByCuti(this.paths)) names.push('CLAUDE_CONFIG_DIR');
    return names;
  }

  /** The account's Anthropic API key (for Claude Code's apiKeyHelper). */
  async anthropicKey(name: string | undefined): Promise<{ account: string; key: string }> {
    const { account } = await this.resolveAccount(name);
    const entry = (await this.storage.readApiKeys(account))?.doc.anthropic;
    if (!entry?.api_key) throw new ProviderNotFoundError(account, 'anthropic', shown(account));
    return { account, key: (await this.accounts.secrets.reveal('anthropic', entry)).api_key };
  }

  /**
   * `save`: snapshots Claude Code's live login into an account and makes it active.
   * Refuses a login whose tokens are empty, and an existing account unless `force`.
   */
  async saveLogin(name: string, options: { force: boolean }): Promise<{ updated: boolean; type: string }> {
    validateAddressedName(name);
    const paths = this.requireClaudeCode();
    const existed = await this.accounts.checkNameForAdd(name);
    if (existed && !options.force) {
      throw new CutiError('account_exists', `Account '${shown(name)}' already exists`, { hint: 'Use --force to overwrite' });
    }
    requireLiveOutsideStore(paths, 'save it as a login');
    await this.storage.readMetadata();
    const live = await snapshotLiveLogin(paths);
    // cuti's helper in the snapshot would make `exec` of this login send another account's key.
    if (live['settings.json'] !== undefined) live['settings.json'] = await withoutCutiKeyHelper(live['settings.json']);
    const type = subscriptionLabel(subscriptionTypeOf(live['.credentials.json']));
    await this.storage.writeLoginSnapshot(name, live);
    await this.storage.updateMetadata((meta, accountExists) => {
      // Deleted since the login was written (a delete that waited for it): no entry left behind.
      if (!accountExists(name)) return meta;
      const now = this.accounts.now();
      assertEntryWritable(name, meta.accounts[name]);
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
    await requireAccount(this.storage, name);
    const { provider } = options;
    if (provider !== undefined && !(await this.accounts.hasProvider(name, provider))) {
      throw new ProviderNotFoundError(name, provider, shown(name));
    }
    const previous = (await this.storage.readMetadata()).active;
    // cuti's helper hands Claude Code the active account's Anthropic key; for an account
    // without one it would hand over an empty key, which Claude Code sends instead of
    // the login. Checked (the settings file readable) before anything changes.
    const paths = this.paths;
    const dropHelper =
      paths !== null && liveDirInsideStore(paths) === null && !(await this.accounts.hasProvider(name, 'anthropic')) && isCutiKeyHelper((await readUserSettings(paths)).apiKeyHelper);
    let login: UseResult['login'] = null;
    // Only a saved snapshot is put live; a login Claude Code keeps in the account's own
    // directory is used from there (exec, env) and never copied.
    if (await this.hasSnapshot(name)) {
      const paths = this.requireClaudeCode();
      await this.refreshSnapshotFromOwnDir(name);
      const hooks = { ...this.swapHooks(), commit: () => this.accounts.setActive(name, options) };
      login = { ...(await installLogin(this.storage, paths, name, previous, hooks)), configDir: paths.configDir };
    } else {
      await this.accounts.setActive(name, options);
    }
    const helperRemoved = dropHelper && paths !== null ? await removeCutiKeyHelper(paths) : null;
    return { account: name, login, previous, ...(helperRemoved ? { helperRemoved } : {}) };
  }

  /** What a login swap needs from the accounts: recording the outcome, and who owns a token. */
  private swapHooks(): Omit<AccountHooks, 'commit'> {
    return {
      finish: async (journal: SwapJournal) => {
        if (journal.operation === 'use' && journal.account !== null) {
          if (await this.storage.accountExists(journal.account)) await this.accounts.setActive(journal.account);
          return;
        }
        await this.clearActive();
      },
      otherOwnersOf: (credentials: string, except: string) => this.tokenOwners(credentials, except),
    };
  }

  private async clearActive(): Promise<void> {
    await this.storage.updateMetadata((meta) => {
      meta.active = null;
      meta.last_updated = this.accounts.now();
      return meta;
    });
  }

  /**
   * What is wrong with the live login as a pair: a swap left half-done (its journal),
   * or tokens of one saved account under another account's identity. One line each.
   */
  async liveLoginProblems(paths: ClaudeCodePaths, live: LoginSnapshot, options: { journal?: boolean } = {}): Promise<string[]> {
    const problems: string[] = [];
    if (options.journal !== false) try {
      const journal = readJournal(paths.cutiHome);
      if (journal !== null) {
        const what = journal.account === null ? "a sign-out ('new')" : `a switch to '${shown(journal.account)}'`;
        problems.push(`${what} of Claude Code's login was interrupted; run 'cuti claude doctor --fix' to finish or undo it`);
      }
    } catch (error) {
      problems.push(errorMessage(error));
    }
    const credentials = live['.credentials.json'];
    if (credentials === undefined || loginProblem(credentials) !== null) return problems;
    const liveId = loginIdentity(live['.claude.json']);
    for (const owner of await this.tokenOwners(credentials)) {
      const savedId = loginIdentity((await this.storage.readLoginSnapshot(owner).catch((): LoginSnapshot => ({})))['.claude.json']);
      if (savedId !== null && savedId !== liveId) {
        const display = shown(owner);
        problems.push(
          `The live Claude Code login is mixed: its tokens are account '${display}''s but ${shown(paths.globalConfigPath)} names another account; put it back whole with 'cuti claude use ${display}'`,
        );
      }
    }
    return problems;
  }

  /**
   * `doctor` on Claude Code's side: leftovers of killed runs, backups, a half-done swap,
   * a mixed live login. With `fix`, repairs what it can and looks again.
   */
  async claudeCodeDoctor(options: { fix: boolean }): Promise<Omit<StoreHealth, 'root'>> {
    const paths = this.requireClaudeCode();
    const look = async (): Promise<{ checked: number; problems: ClaudeCodeProblem[] }> => {
      const { checked, problems } = await claudeCodeProblems(paths);
      if (liveDirInsideStore(paths) !== null) return { checked, problems };
      const live = await readLiveLogin(paths).catch((): LoginSnapshot => ({}));
      for (const message of await this.liveLoginProblems(paths, live, { journal: false })) {
        problems.push({ kind: 'mixed-login', path: paths.credentialsPath, message, fix: null, action: null });
      }
      return { checked: checked + 1, problems };
    };
    const reported = ({ action: _action, ...problem }: ClaudeCodeProblem): StoreProblem => problem;
    const first = await look();
    const recover = async () => {
      await withClaudeCodeLocks(paths, () => recoverInterruptedSwap(paths, this.swapHooks().finish));
    };
    const found: StoreHealth['found'] = [];
    for (const problem of first.problems) {
      const fixed = options.fix && problem.action !== null ? await applyClaudeCodeFix(problem, recover).then(() => true, () => false) : false;
      found.push({ ...reported(problem), fixed });
    }
    const remaining = (options.fix ? (await look()).problems : first.problems).map(reported);
    return { checked: first.checked, found, remaining };
  }

  /**
   * cuti's backups of Claude Code's files that hold this account's login: its tokens,
   * or its identity. For `delete`, which offers to remove them with the account.
   */
  async backupsOf(name: string): Promise<string[]> {
    if (this.paths === null || !(await this.hasLogin(name))) return [];
    const saved = await this.storage.readLoginSnapshot(name).catch((): LoginSnapshot => ({}));
    const id = loginIdentity(saved['.claude.json']);
    return (await listBackups(this.paths))
      .filter(({ files }) => sharesAToken(files['.credentials.json'], saved['.credentials.json']) || (id !== null && loginIdentity(files['.claude.json']) === id))
      .map(({ dir }) => dir);
  }

  async removeBackups(dirs: string[]): Promise<void> {
    for (const dir of dirs) await removeBackup(dir);
  }

  /** The saved logins that hold one of these tokens (a copy of the same login), apart from `except`. */
  async tokenOwners(credentials: string, except: string | null = null): Promise<string[]> {
    const owners: string[] = [];
    for (const name of await this.storage.listAccountDirs()) {
      if (name === except || !(await this.hasLogin(name))) continue;
      const saved = await this.storage.readLoginSnapshot(name).catch((): LoginSnapshot => ({}));
      if (sharesAToken(credentials, saved['.credentials.json'])) owners.push(name);
    }
    return owners;
  }

  /** The settings files a Claude Code using `configDir`, started in `cwd`, would read. */
  settingsSources(configDir: string, cwd: string, env: NodeJS.ProcessEnv): { sources: SettingsSource[]; warnings: string[] } {
    return readSettingsSources(configDir, cwd, env);
  }

  /** `remove-helper`: takes cuti's apiKeyHelper and awsCredentialExport out of Claude Code's user settings. */
  async removeKeyHelper(): Promise<HelpersRemoved | null> {
    const paths = this.requireClaudeCode();
    requireLiveOutsideStore(paths, 'change its settings');
    return removeCutiHelpers(paths);
  }

  /** Claude Code's user settings (throws, naming the file, when it is not valid JSON). */
  async readClaudeCodeSettings(options: { forWrite?: boolean } = {}): Promise<UserSettings> {
    const paths = this.requireClaudeCode();
    if (options.forWrite) requireLiveOutsideStore(paths, 'set its apiKeyHelper');
    return readUserSettings(paths);
  }

  /**
   * `use --claude-code`: what Claude Code's user settings need so that it uses this
   * account's credential of `provider` (see planSettingsHandOver), given the helper
   * commands to write. Refuses, before anything changes, an account without that
   * provider, a form no settings route can carry, and a settings file that is not JSON.
   */
  async planSettingsHandOver(
    name: string,
    provider: Provider,
    commands: Record<SettingsHelper['key'], string>,
  ): Promise<{ account: string; path: string; plan: SettingsPlan }> {
    const credential = await this.credentialEnv(name, provider);
    const entry = (await this.storage.readApiKeys(credential.account))?.doc[provider] as ProviderEntry;
    const route = providerModule(provider).settingsHelper?.(entry) ?? null;
    const settings = await this.readClaudeCodeSettings({ forWrite: true });
    const helper = route === null ? null : { ...route, command: commands[route.key] };
    return { account: credential.account, path: settings.path, plan: planSettingsHandOver(credential.vars, helper, settings) };
  }

  /** Sets (or, given undefined, removes) values in Claude Code's user settings (commands and names, never a secret). */
  async setClaudeCodeSettings(values: Array<{ path: string[]; value: string | undefined }>): Promise<SettingsChange> {
    const paths = this.requireClaudeCode();
    requireLiveOutsideStore(paths, 'change its settings');
    return setSettingsValues(paths, values);
  }

  /**
   * The account's Bedrock access keys in the shape Claude Code's awsCredentialExport
   * command prints (the named account, else the one of the `exec` it runs in, else the
   * active one). Refuses the forms that are not SigV4 credentials.
   */
  async awsCredentialExport(name: string | undefined): Promise<{ account: string; document: { Credentials: Record<string, string> } }> {
    const { account } = await this.resolveAccount(name);
    const entry = await this.accounts.revealCredential(account, 'bedrock');
    return { account, document: awsCredentialExportDocument(entry) };
  }


  /**
   * `new`: keeps the live login as a `backup_<YYYYmmdd_HHMMSS>` account, then signs
   * Claude Code out so a fresh login can be made and saved.
   */
  async newLogin(): Promise<{ backupAccount: string | null; backupDir: string | null }> {
    const paths = this.requireClaudeCode();
    await this.storage.readMetadata();
    let backupAccount: string | null = null;
    const keep = async (live: LoginSnapshot) => {
      const credentials = live['.credentials.json'];
      if (credentials === undefined || loginProblem(credentials) !== null) return;
      // The original's `backup_YYYYmmdd_HHMMSS`, local time.
      const stamp = pythonIsoTimestamp().slice(0, 19).replace(/[-:]/g, '').replace('T', '_');
      let account = `backup_${stamp}`;
      for (let n = 1; await this.storage.accountExists(account); n++) account = `backup_${stamp}_${n}`;
      await this.storage.writeLoginSnapshot(account, live);
      const type = subscriptionLabel(subscriptionTypeOf(credentials));
      const created = this.accounts.now();
      await this.storage.updateMetadata((meta) => {
        meta.accounts[account] = { created, last_used: created, type };
        return meta;
      });
      backupAccount = account;
    };
    const { backupDir } = await clearLiveLogin(paths, { ...this.swapHooks(), keep, commit: () => this.clearActive() });
    return { backupAccount, backupDir };
  }

  /**
   * An account's keys with their secrets, for `status` to compare with what Claude Code
   * is given; null when unreadable. A secret store out of reach is a warning there:
   * the report goes on without comparing keys.
   */
  private async revealedKeys(name: string, warnings: string[]): Promise<ApiKeysDocument | null> {
    const doc = (await this.storage.readApiKeys(name).catch(() => null))?.doc ?? null;
    if (!doc) return null;
    const revealed: ApiKeysDocument = { ...doc };
    try {
      for (const provider of PROVIDERS) {
        const entry = doc[provider] as ProviderEntry | undefined;
        if (entry) revealed[provider] = await this.accounts.secrets.reveal(provider, entry);
      }
    } catch (error) {
      warnings.push(`${errorMessage(error)} (keys not compared)`);
      // The entries stay (the account's source is still known), their secrets blanked.
      const blanked: ApiKeysDocument = { ...doc };
      for (const module of PROVIDER_MODULES) {
        const entry = doc[module.id] as ProviderEntry | undefined;
        if (entry) blanked[module.id] = { ...entry, ...Object.fromEntries(module.secretKeys.map(({ key }) => [key, ''])) };
      }
      return blanked;
    }
    return revealed;
  }

  /**
   * `status`: the active account, and what Claude Code will use right now by its own
   * precedence, given this environment, its user settings and its live login.
   */
  async claudeCodeStatus(env: NodeJS.ProcessEnv, options: { askClaude?: boolean } = {}): Promise<ClaudeCodeStatus> {
    const paths = this.requireClaudeCode();
    const warnings: string[] = [];
    const active = await this.accounts.activeAccount();
    let settings = { apiKeyHelper: null as string | null, awsCredentialExport: null as string | null, env: {} as Record<string, string> };
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
    warnings.push(...(await this.liveLoginProblems(paths, live)));
    let activeCredential: ActiveCredential | null = null;
    let activeSource: CredentialSource | null = null;
    if (active) {
      const doc = await this.revealedKeys(active.name, warnings);
      activeSource = defaultSource(doc, await this.hasLogin(active.name), await this.preferredProvider(active.name));
      // Variables that would override what this provider's account says (Vertex: the project).
      const module = activeSource !== null && PROVIDERS.includes(activeSource) ? providerModule(activeSource) : null;
      for (const name of module?.conflictingVars ?? []) {
        if (env[name]) {
          warnings.push(`${name} is set in this shell and overrides ${module?.label ?? ''} settings of account '${shown(active.name)}'; 'cuti claude exec' and 'env' clear it`);
        }
      }
      const snapshot: LoginSnapshot = await this.storage.readLoginSnapshot(active.name).catch(() => ({}));
      const savedId = loginIdentity(snapshot['.claude.json']);
      activeCredential = {
        name: active.name,
        source: activeSource,
        fingerprints: PROVIDER_MODULES.flatMap((module) => {
          const entry = doc?.[module.id] as ProviderEntry | undefined;
          const print = entry ? module.fingerprint(entry) : null;
          return print && print.value !== '' ? [{ provider: module.id, ...print }] : [];
        }),
        // Same account by identity, or (no identity saved) the very same tokens.
        loginMatches:
          (savedId !== null && savedId === loginIdentity(live['.claude.json'])) ||
          (liveCredentials !== undefined && liveCredentials === snapshot['.credentials.json']),
      };
    }
    // Every settings file Claude Code started here reads, not only the user's: the
    // highest one setting a variable (or an apiKeyHelper) is the one that counts.
    const { sources, warnings: unreadable } = readSettingsSources(paths.configDir, process.cwd(), env);
    warnings.push(...unreadable.filter((w) => !w.startsWith(paths.settingsPath)));
    const settingsEnv: Record<string, string> = { ...settings.env };
    const settingsEnvFiles: Record<string, string> = {};
    let apiKeyHelper = settings.apiKeyHelper;
    let apiKeyHelperFile: string | undefined;
    for (const source of [...sources].reverse()) {
      if (source.scope === 'user') continue;
      for (const [name, value] of Object.entries(source.env)) {
        settingsEnv[name] = value;
        settingsEnvFiles[name] = source.path;
      }
      if (source.apiKeyHelper !== null) {
        apiKeyHelper = source.apiKeyHelper;
        apiKeyHelperFile = source.path;
      }
    }
    const verdict = judgeAuth(
      {
        env,
        settingsEnv,
        settingsPath: paths.settingsPath,
        settingsEnvFiles,
        apiKeyHelper,
        ...(apiKeyHelperFile ? { apiKeyHelperFile } : {}),
        awsCredentialExport: settings.awsCredentialExport,
        loginPath,
      },
      activeCredential,
    );
    // And Claude Code's own answer, when it is installed.
    const claude = options.askClaude === false ? null : await claudeAuthStatus(env, process.cwd());
    const expected = expectedAuthMethod(verdict.winner);
    const claudeAgrees = claude === null || expected === null ? null : claude.authMethod === expected;
    return { active, activeSource, configDir: paths.configDir, settingsPath: paths.settingsPath, verdict, warnings, claude, claudeAgrees };
  }
}

/** `subscriptionType` from a `.credentials.json` text, or null. */
function subscriptionTypeOf(credentialsText: string | undefined): string | null {
  const oauth = parseJsonObject(credentialsText ?? '')?.claudeAiOauth as { subscriptionType?: unknown } | null | undefined;
  const type = oauth?.subscriptionType;
  return typeof type === 'string' ? type : null;
}
