import { nowTimestamp } from '../domain/timestamps.js';
import type { StorageAdapter, StoreHealth } from '../storage/adapter.js';
import { checkInterruptedRename } from './rename.js';
import { checkSecrets } from './secret-store-report.js';
import type { Secrets } from './secrets.js';

/*
 * `cuti claude doctor`: what the store finds wrong with what it keeps (for the
 * filesystem adapter: permissions, corrupt files, stale locks, leftover temp files; see
 * storage/fs-health.ts), then the secrets: references whose keychain entry is missing and
 * keychain entries no account references. `--fix` repairs what is safe; data is never
 * rewritten and a secret an account references is never removed.
 */

export type DoctorReport = StoreHealth;

export async function runDoctor(storage: StorageAdapter, secrets: Secrets, options: { fix: boolean; now?: () => string }): Promise<DoctorReport> {
  const rename = await checkInterruptedRename(storage, { fix: options.fix, now: options.now ?? nowTimestamp });
  const files = await storage.checkHealth(options);
  let keys: StoreHealth;
  try {
    keys = await checkSecrets(storage, secrets, options);
  } catch (error) {
    // What stopped it (a settings file that does not parse) is already in the files' report.
    if (files.remaining.length > 0) return files;
    throw error;
  }
  return {
    root: files.root,
    checked: files.checked + keys.checked,
    found: [...rename.found, ...files.found, ...keys.found],
    remaining: [...rename.remaining, ...files.remaining, ...keys.remaining],
  };
}
