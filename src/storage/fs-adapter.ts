import { lstatSync, promises as fsp, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { CorruptFileError, describeFsError } from '../domain/errors.js';
import { LOGIN_FILES, type LoginSnapshot } from '../domain/claude-login.js';
import type { ApiKeysDocument, MetadataDocument, OAuthSummary } from '../domain/types.js';
import {
  emptyMetadata,
  type AccountFilesSummary,
  type RenameOutcome,
  type StorageAdapter,
  type StoredApiKeys,
  type StoreHealth,
} from './adapter.js';
import {
  assertNoEscapingLink,
  ensurePrivateDir,
  parseJsonFile,
  readTextIfExists,
  removeFileIfExists,
  removeOrphanTempFiles,
  withFileLock,
  renameWhileHeld,
  withFileLocks,
  writeFileAtomically,
} from './file-io.js';
import { faultPoint } from './fault-injection.js';
import { looseModeWarning } from './file-modes.js';
import { accountsRoot, API_KEYS_FILE, DIR_LOCKED_FILES, METADATA_FILE, OAUTH_CREDENTIALS_FILE, SECRET_STORE_FILE } from './paths.js';
import { pythonJsonDumps } from './py-json.js';
import { checkApiKeys, checkMetadata, oauthSummaryOf } from './schemas.js';
import { checkSecretSettings, defaultSecretSettings, type SecretSettings } from './secret-settings.js';
import { finishInterruptedRename, readRenameJournal, renameAccountDir } from './fs-rename.js';

/** Directory entries under the root that are cuti's own bookkeeping, not accounts. */
function isBookkeeping(name: string): boolean {
  return name.startsWith('.') || name.endsWith('.lock');
}

export class FileSystemStorage implements StorageAdapter {
  constructor(readonly location: string = accountsRoot()) {}

  accountPath(name: string): string {
    return join(this.location, name);
  }

  apiKeysPath(name: string): string {
    return join(this.accountPath(name), API_KEYS_FILE);
  }

  metadataPath(): string {
    return join(this.location, METADATA_FILE);
  }

  secretSettingsPath(): string {
    return join(this.location, SECRET_STORE_FILE);
  }

  // The reads here are synchronous, for the reason given at readTextIfExists; async so
  // that a failure is a rejection, as the interface promises.
  /* eslint-disable @typescript-eslint/require-await */
  async listAccountDirs(): Promise<string[]> {
    let entries;
    try {
      entries = readdirSync(this.location, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw describeFsError(error, this.location);
    }
    return entries
      .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !isBookkeeping(e.name))
      .map((e) => e.name)
      .sort();
  }

  async accountExists(name: string): Promise<boolean> {
    return this.accountDirExists(name);
  }
  /* eslint-enable @typescript-eslint/require-await */

  private accountDirExists(name: string): boolean {
    try {
      const info = lstatSync(this.accountPath(name));
      return info.isDirectory() || info.isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw describeFsError(error, this.accountPath(name));
    }
  }

  summarizeAccount(name: string): Promise<AccountFilesSummary> {
    // Two lstats that do not throw, rather than a readdir or an open that fails: `list`
    // runs this for every account, and over 10,000 accounts those cost more (a failed
    // open also builds a thrown error). lstat, so a link counts as present and its read
    // reports it. Synchronous for the reason given at readTextIfExists.
    const dir = this.accountPath(name);
    const present = (file: string) => {
      try {
        return lstatSync(join(dir, file), { throwIfNoEntry: false }) !== undefined;
      } catch {
        return false; // an unreadable directory shows as an account without credentials
      }
    };
    return Promise.resolve({ hasApiKeys: present(API_KEYS_FILE), hasOAuthCredentials: present(OAUTH_CREDENTIALS_FILE) });
  }

  async readApiKeys(name: string): Promise<StoredApiKeys | null> {
    const path = this.apiKeysPath(name);
    await assertNoEscapingLink(this.location, this.accountPath(name));
    const file = readTextIfExists(path, this.location);
    if (file === null) return null;
    const checked = checkApiKeys(parseJsonFile(path, file.text));
    if (!checked.ok) throw new CorruptFileError(path, checked.problem);
    const warning = looseModeWarning(path, file.mode);
    return { doc: checked.doc, warnings: warning === null ? [] : [warning] };
  }

  async updateApiKeys(
    name: string,
    fn: (current: ApiKeysDocument | null) => ApiKeysDocument | null | Promise<ApiKeysDocument | null>,
  ): Promise<void> {
    const dir = this.accountPath(name);
    const path = this.apiKeysPath(name);
    await assertNoEscapingLink(this.location, dir);
    // accounts.json, in the root, is written next: a root cuti refuses to write into
    // (made 0775 under umask 002) must stop it before the key is written, not after.
    await ensurePrivateDir(this.location, { followLink: true });
    const ensureDir = () => ensurePrivateDir(dir);
    await ensureDir();
    // A delete running meanwhile removes the directory under the lock: made again.
    await withFileLock(path, async (lock) => {
      const current = await this.readApiKeys(name);
      const next = await fn(current?.doc ?? null);
      if (next === null) await removeFileIfExists(path, lock.assertHeld);
      else await writeFileAtomically(path, pythonJsonDumps(next), lock.assertHeld);
      await removeOrphanTempFiles(path);
    }, { onMissingDir: ensureDir });
  }

  // Synchronous inside, as listAccountDirs.
  // eslint-disable-next-line @typescript-eslint/require-await
  async readMetadata(): Promise<MetadataDocument> {
    const path = this.metadataPath();
    const file = readTextIfExists(path, this.location);
    if (file === null) return emptyMetadata();
    const checked = checkMetadata(parseJsonFile(path, file.text));
    if (!checked.ok) throw new CorruptFileError(path, checked.problem);
    return checked.doc;
  }

  async updateMetadata(fn: (current: MetadataDocument, accountExists: (name: string) => boolean) => MetadataDocument): Promise<void> {
    const path = this.metadataPath();
    await ensurePrivateDir(this.location, { followLink: true });
    await withFileLock(path, async (lock) => {
      const next = fn(await this.readMetadata(), (name) => this.accountDirExists(name));
      await writeFileAtomically(path, pythonJsonDumps(next), lock.assertHeld);
      await removeOrphanTempFiles(path);
    });
  }

  async readOAuth(name: string): Promise<OAuthSummary | null> {
    const path = join(this.accountPath(name), OAUTH_CREDENTIALS_FILE);
    await assertNoEscapingLink(this.location, this.accountPath(name));
    const file = readTextIfExists(path, this.location);
    if (file === null) return null;
    return oauthSummaryOf(path, parseJsonFile(path, file.text));
  }

  async readLoginSnapshot(name: string): Promise<LoginSnapshot> {
    const snapshot: LoginSnapshot = {};
    await assertNoEscapingLink(this.location, this.accountPath(name));
    for (const file of LOGIN_FILES) {
      const path = join(this.accountPath(name), file);
      const read = readTextIfExists(path, this.location);
      if (read !== null) snapshot[file] = read.text;
    }
    return snapshot;
  }

  async writeLoginSnapshot(name: string, files: LoginSnapshot): Promise<void> {
    const dir = this.accountPath(name);
    await assertNoEscapingLink(this.location, dir);
    await ensurePrivateDir(dir);
    // One lock for the set, on the file that matters most.
    await withFileLock(join(dir, OAUTH_CREDENTIALS_FILE), async (lock) => {
      faultPoint('login-snapshot:locked');
      for (const file of LOGIN_FILES) {
        const text = files[file];
        if (text === undefined) continue;
        const path = join(dir, file);
        await assertNoEscapingLink(this.location, path);
        await writeFileAtomically(path, text, lock.assertHeld);
        await removeOrphanTempFiles(path);
      }
    });
  }

  async writeAccountFile(name: string, file: string, text: string): Promise<string> {
    const path = join(this.accountPath(name), file);
    await assertNoEscapingLink(this.location, this.accountPath(name));
    await assertNoEscapingLink(this.location, path);
    await writeFileAtomically(path, text);
    return path;
  }

  /**
   * Under the account's key lock, so a concurrent add-api-key cannot write into the
   * directory while it is removed: the directory is first renamed out of the way (one
   * atomic step; the name starts with '.', so no listing shows it), then removed.
   */
  async deleteAccount(name: string): Promise<void> {
    const dir = this.accountPath(name);
    await assertNoEscapingLink(this.location, dir);
    // accounts.json is written next; a root it would refuse to write into (other users
    // can write to it) is refused now, before the account's files are gone.
    await ensurePrivateDir(this.location, { followLink: true });
    const tombstone = join(this.location, `.deleting-${process.pid}-${Date.now()}`);
    try {
      // Every lock a writer into the directory takes (its keys, its saved login: a `save`
      // must not write into a directory as it moves), in the order rename takes them.
      await withFileLocks(DIR_LOCKED_FILES.map((file) => join(dir, file)), async (locks) => {
        await renameWhileHeld(dir, tombstone, locks);
        // The locks went with the directory; a writer waiting for one now locks afresh at the old path.
        for (const lock of locks) lock.movedAway();
      });
    } catch (error) {
      // Already gone (another delete): nothing to remove.
      if (!(await this.accountExists(name))) return;
      throw describeFsError(error, dir);
    }
    try {
      await fsp.rm(tombstone, { recursive: true, force: true });
    } catch (error) {
      throw describeFsError(error, tombstone);
    }
  }

  /** Journalled, under accounts.json's lock and the directory's: see fs-rename.ts. */
  async renameAccount(from: string, to: string, stamp: string): Promise<RenameOutcome> {
    await assertNoEscapingLink(this.location, this.accountPath(from));
    await ensurePrivateDir(this.location, { followLink: true });
    return renameAccountDir(this, from, to, stamp);
  }

  finishInterruptedRename(stamp: string): Promise<RenameOutcome['recovered']> {
    return finishInterruptedRename(this, stamp);
  }

  // Synchronous inside, as listAccountDirs.
  // eslint-disable-next-line @typescript-eslint/require-await
  async pendingRename(): Promise<{ from: string; to: string } | null> {
    return readRenameJournal(this);
  }

  // Synchronous inside, as listAccountDirs.
  // eslint-disable-next-line @typescript-eslint/require-await
  async readSecretSettings(): Promise<SecretSettings> {
    const path = this.secretSettingsPath();
    const file = readTextIfExists(path, this.location);
    if (file === null) return defaultSecretSettings();
    const checked = checkSecretSettings(parseJsonFile(path, file.text));
    if (!checked.ok) throw new CorruptFileError(path, checked.problem);
    return checked.settings;
  }

  async withSecretSettings<T>(
    fn: (current: SecretSettings, save: (next: SecretSettings) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const path = this.secretSettingsPath();
    await ensurePrivateDir(this.location, { followLink: true });
    return withFileLock(path, async (lock) => {
      const save = async (next: SecretSettings) => {
        await writeFileAtomically(path, `${JSON.stringify(next, null, 2)}\n`, lock.assertHeld);
        await removeOrphanTempFiles(path);
      };
      return fn(await this.readSecretSettings(), save);
    });
  }

  async checkHealth(options: { fix: boolean }): Promise<StoreHealth> {
    // Loaded only by `doctor`: every other command starts without it.
    const { checkFileStore } = await import('./fs-health.js');
    return checkFileStore(this.location, options);
  }
}
