import type { StorageAdapter, StoreHealth } from '../storage/adapter.js';

/*
 * `cuti claude doctor`: what the store finds wrong with what it keeps (for the
 * filesystem adapter: permissions, corrupt files, stale locks, leftover temp files; see
 * storage/fs-health.ts), and what `--fix` repaired. Data is never rewritten.
 */

export type DoctorReport = StoreHealth;

export async function runDoctor(storage: StorageAdapter, options: { fix: boolean }): Promise<DoctorReport> {
  return storage.checkHealth(options);
}
