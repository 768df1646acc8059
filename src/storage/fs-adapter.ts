import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { CorruptFileError, describeFsError } from '../domain/errors.js';
import type { ApiKeysDocument, MetadataDocument, OAuthSummary } from '../domain/types.js';
import {
  emptyMetadata,
  subscriptionLabel,
  type AccountFilesSummary,
  type StorageAdapter,
  type StoredApiKeys,
} from './adapter.js';
import {
  assertNoEscapingLink,
  ensurePrivateDir,
  parseJsonFile,
  readTextIfExists,
  removeFileIfExists,
  removeOrphanTempFiles,
  withFileLock,
  writeFileAtomically,
} from './file-io.js';
import { accountsRoot, API_KEYS_FILE, METADATA_FILE, OAUTH_CREDENTIALS_FILE } from './paths.js';
import { pythonJsonDumps } from './py-json.js';
import { checkApiKeys, checkMetadata, describeSchemaProblem, oauthCredentialsSchema } from './schemas.js';

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

  async listAccountDirs(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(this.location, { withFileTypes: true });
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
    try {
      const info = await lstat(this.accountPath(name));
      return info.isDirectory() || info.isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw describeFsError(error, this.accountPath(name));
    }
  }

  async summarizeAccount(name: string): Promise<AccountFilesSummary> {
    const exists = async (path: string) => {
      try {
        await lstat(path);
        return true;
      } catch {
        return false;
      }
    };
    const [hasApiKeys, hasOAuthCredentials] = await Promise.all([
      exists(this.apiKeysPath(name)),
      exists(join(this.accountPath(name), OAUTH_CREDENTIALS_FILE)),
    ]);
    return { hasApiKeys, hasOAuthCredentials };
  }

  async readApiKeys(name: string): Promise<StoredApiKeys | null> {
    const path = this.apiKeysPath(name);
    await assertNoEscapingLink(this.location, this.accountPath(name));
    await assertNoEscapingLink(this.location, path);
    const file = await readTextIfExists(path);
    if (file === null) return null;
    const checked = checkApiKeys(parseJsonFile(path, file.text));
    if (!checked.ok) throw new CorruptFileError(path, checked.problem);
    return { doc: checked.doc, mode: file.mode, path };
  }

  async updateApiKeys(
    name: string,
    fn: (current: ApiKeysDocument | null) => ApiKeysDocument | null,
  ): Promise<void> {
    const dir = this.accountPath(name);
    const path = this.apiKeysPath(name);
    await assertNoEscapingLink(this.location, dir);
    await ensurePrivateDir(dir);
    await withFileLock(path, async () => {
      const current = await this.readApiKeys(name);
      const next = fn(current?.doc ?? null);
      if (next === null) await removeFileIfExists(path);
      else await writeFileAtomically(path, pythonJsonDumps(next));
      await removeOrphanTempFiles(path);
    });
  }

  async readMetadata(): Promise<MetadataDocument> {
    const path = this.metadataPath();
    await assertNoEscapingLink(this.location, path);
    const file = await readTextIfExists(path);
    if (file === null) return emptyMetadata();
    const checked = checkMetadata(parseJsonFile(path, file.text));
    if (!checked.ok) throw new CorruptFileError(path, checked.problem);
    return checked.doc;
  }

  async updateMetadata(fn: (current: MetadataDocument) => MetadataDocument): Promise<void> {
    const path = this.metadataPath();
    await ensurePrivateDir(this.location);
    await withFileLock(path, async () => {
      const next = fn(await this.readMetadata());
      await writeFileAtomically(path, pythonJsonDumps(next));
      await removeOrphanTempFiles(path);
    });
  }

  async readOAuth(name: string): Promise<OAuthSummary | null> {
    const path = join(this.accountPath(name), OAUTH_CREDENTIALS_FILE);
    await assertNoEscapingLink(this.location, path);
    const file = await readTextIfExists(path);
    if (file === null) return null;
    const result = oauthCredentialsSchema.safeParse(parseJsonFile(path, file.text));
    if (!result.success) throw new CorruptFileError(path, describeSchemaProblem(result.error));
    const oauth = result.data.claudeAiOauth;
    if (!oauth) return null;
    return {
      subscription: subscriptionLabel(oauth.subscriptionType),
      ...(oauth.email === undefined ? {} : { email: oauth.email }),
      ...(oauth.expiresAt === undefined ? {} : { expiresAt: oauth.expiresAt }),
    };
  }
}
