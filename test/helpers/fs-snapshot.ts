import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface FsEntry {
  type: 'file' | 'dir' | 'symlink' | 'other';
  /** Permission bits, e.g. 0o600. */
  mode: number;
  /** File contents, base64, so any byte counts. */
  bytes?: string;
  /** Where a symbolic link points. */
  target?: string;
  /** Inode and modification time: a rewrite with the same bytes still shows up. */
  ino: number;
  mtimeMs: number;
}

/** Relative path ('' is the root itself) → entry. Empty when the root does not exist. */
export type FsSnapshot = Record<string, FsEntry>;

/**
 * Everything under `root`: paths, types, modes, bytes, inodes and mtimes. Two snapshots
 * are equal only when nothing was created, deleted, rewritten or chmod'ed in between.
 */
export function snapshotTree(root: string): FsSnapshot {
  const snapshot: FsSnapshot = {};
  const visit = (relative: string) => {
    const path = relative === '' ? root : join(root, relative);
    let info;
    try {
      info = lstatSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && relative === '') return;
      throw error;
    }
    const entry: FsEntry = {
      type: info.isFile() ? 'file' : info.isDirectory() ? 'dir' : info.isSymbolicLink() ? 'symlink' : 'other',
      mode: info.mode & 0o777,
      ino: info.ino,
      mtimeMs: info.mtimeMs,
    };
    if (entry.type === 'file') entry.bytes = readFileSync(path).toString('base64');
    if (entry.type === 'symlink') entry.target = readlinkSync(path);
    snapshot[relative] = entry;
    if (entry.type === 'dir') {
      for (const name of readdirSync(path).sort()) visit(relative === '' ? name : join(relative, name));
    }
  };
  visit('');
  return snapshot;
}

/**
 * The snapshot without directory mtimes: for operations that legitimately create and
 * remove a lock directory (which touches its parent's mtime) but must change no file.
 */
export function withoutDirTimes(snapshot: FsSnapshot): FsSnapshot {
  return Object.fromEntries(
    Object.entries(snapshot).map(([path, entry]) => [path, entry.type === 'dir' ? { ...entry, mtimeMs: 0 } : entry]),
  );
}
