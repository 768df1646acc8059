import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';

import { CutiError, describeFsError } from '../domain/errors.js';
import { pythonIsoTimestamp } from '../domain/timestamps.js';
import { ensurePrivateDir, FILE_MODE, loadLockfile, readTextIfExists, removeFileIfExists, writeFileAtomically } from '../storage/file-io.js';
import { LOGIN_FILES, type LoginFile, type LoginSnapshot } from '../domain/claude-login.js';
import { livePathOf, realPathOf, type ClaudeCodePaths } from './claude-code-paths.js';

/**
 * Claude Code's own proper-lockfile locks, in the order it takes them: the OAuth
 * refresh lock in its config dir, the config dir lock, and the global config lock.
 * Holding all three means no Claude Code process refreshes its token or rewrites
 * `.claude.json` while cuti swaps the files underneath it.
 */
export function claudeCodeLocks(paths: ClaudeCodePaths): Array<{ path: string; staleMs: number }> {
  return [
    { path: join(paths.configDir, '.oauth_refresh.lock'), staleMs: 60_000 },
    { path: `${paths.configDir.replace(/\/+$/, '')}.lock`, staleMs: 60_000 },
    { path: `${paths.globalConfigPath}.lock`, staleMs: 10_000 },
  ];
}

/**
 * cuti's note of the Claude Code locks it is about to hold: its pid, when, and which.
 * A cuti killed while holding them leaves them behind, and Claude Code (and cuti)
 * would wait a minute for them to go stale. With the note, the next run knows the
 * locks are a dead cuti's and takes them back at once.
 */
export const LOCK_NOTE_FILE = 'claude-code-locks.json';

interface LockNote {
  pid: number;
  at: number;
  locks: string[];
}

/** A lock taken by cuti is touched at most this long after the note (it holds them for well under a second). */
const HELD_AT_MOST_MS = 10_000;

function lockNotePath(paths: ClaudeCodePaths): string {
  return join(paths.cutiHome, LOCK_NOTE_FILE);
}

export function readLockNote(paths: ClaudeCodePaths): LockNote | null {
  try {
    const note = JSON.parse(readTextIfExists(lockNotePath(paths))?.text ?? 'null') as LockNote | null;
    return note !== null && typeof note.pid === 'number' && typeof note.at === 'number' && Array.isArray(note.locks) ? note : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when `lockPath` is a lock a cuti that has since died took: the note names it,
 * its pid is gone, and the lock was last touched while that cuti held it (a Claude Code
 * that took it over later would have touched it long after).
 */
export async function isDeadCutiLock(note: LockNote | null, lockPath: string): Promise<boolean> {
  if (note === null || note.pid === process.pid || !note.locks.includes(lockPath) || isAlive(note.pid)) return false;
  const info = await fsp.lstat(lockPath).catch(() => null);
  return info !== null && info.isDirectory() && info.mtimeMs <= note.at + HELD_AT_MOST_MS;
}

export async function withClaudeCodeLocks<T>(paths: ClaudeCodePaths, fn: () => Promise<T>): Promise<T> {
  const lockfile = await loadLockfile();
  // A linked config dir (dotfiles managers do this) is used where it points.
  await ensurePrivateDir(paths.configDir, { followLink: true });
  const locks = claudeCodeLocks(paths);
  await ensurePrivateDir(paths.cutiHome, { followLink: true });
  // Read before ours replaces it: it may name locks a killed run left.
  const earlier = readLockNote(paths);
  await writeFileAtomically(lockNotePath(paths), `${JSON.stringify({ pid: process.pid, at: Date.now(), locks: locks.map((l) => l.path) })}\n`);
  const releases: Array<() => Promise<void>> = [];
  const take = (lock: { path: string; staleMs: number }) =>
    lockfile.lock(lock.path, {
      realpath: false,
      lockfilePath: lock.path,
      stale: lock.staleMs,
      // Claude Code touches its locks every 5 s; matching it keeps ours from looking stale.
      update: 5_000,
      retries: { retries: 20, factor: 1.3, minTimeout: 20, maxTimeout: 300 },
      onCompromised: () => undefined,
    });
  try {
    for (const lock of locks) {
      try {
        if (await isDeadCutiLock(earlier, lock.path)) await fsp.rmdir(lock.path).catch(() => undefined);
        releases.push(await take(lock));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
          throw new CutiError('claude_code_busy', `Claude Code is busy with its login (${lock.path} is held); try again in a moment`);
        }
        throw describeFsError(error, lock.path);
      }
    }
    return await fn();
  } finally {
    for (const release of releases.reverse()) await release().catch(() => undefined);
    await removeFileIfExists(lockNotePath(paths)).catch(() => undefined);
  }
}

/**
 * The file a live path really is: people keep Claude Code's settings in dotfile repos
 * and link them in, and a write must update the target rather than replace the link.
 */
async function realTarget(path: string): Promise<string> {
  return Promise.resolve(realPathOf(path));
}

export async function readLiveFile(paths: ClaudeCodePaths, file: LoginFile): Promise<string | undefined> {
  const read = readTextIfExists(await realTarget(livePathOf(paths, file)));
  return read?.text;
}

export async function readLiveLogin(paths: ClaudeCodePaths): Promise<LoginSnapshot> {
  const snapshot: LoginSnapshot = {};
  for (const file of LOGIN_FILES) {
    const text = await readLiveFile(paths, file);
    if (text !== undefined) snapshot[file] = text;
  }
  return snapshot;
}

/** The real path a live file is read from and written to. */
export async function liveTargetOf(paths: ClaudeCodePaths, file: LoginFile): Promise<string> {
  return realTarget(livePathOf(paths, file));
}

/** The mode a live file is written with: its own (it is Claude Code's file); 0600 for a new one and for tokens. */
export async function liveModeOf(target: string, file: LoginFile): Promise<number> {
  if (file === '.credentials.json') return FILE_MODE;
  const info = await fsp.stat(target).catch(() => null);
  return info?.isFile() ? info.mode & 0o777 : FILE_MODE;
}

export async function writeLiveFile(paths: ClaudeCodePaths, file: LoginFile, text: string): Promise<void> {
  const target = await liveTargetOf(paths, file);
  await ensurePrivateDir(dirname(target), { followLink: true });
  await writeFileAtomically(target, text, undefined, { mode: await liveModeOf(target, file) });
}

export async function removeLiveFile(paths: ClaudeCodePaths, file: LoginFile): Promise<void> {
  await removeFileIfExists(await liveTargetOf(paths, file));
}

/** How many backups of replaced Claude Code files cuti keeps. */
export const BACKUPS_KEPT = 20;

/**
 * Copies the live files that are about to change into a new, private, timestamped
 * directory under the backup root, and prunes the oldest beyond BACKUPS_KEPT.
 * Returns the directory, or null when none of the files exists.
 */
export async function backupLiveFiles(paths: ClaudeCodePaths, files: readonly LoginFile[]): Promise<string | null> {
  const present: Array<[LoginFile, string]> = [];
  for (const file of files) {
    const text = await readLiveFile(paths, file);
    if (text !== undefined) present.push([file, text]);
  }
  if (present.length === 0) return null;
  const stamp = pythonIsoTimestamp(new Date(), Number(process.hrtime.bigint() % 1000n)).replace(/[:.]/g, '-');
  let dir = join(paths.backupRoot, stamp);
  for (let n = 1; await exists(dir); n++) dir = join(paths.backupRoot, `${stamp}_${n}`);
  await ensurePrivateDir(dir);
  for (const [file, text] of present) await writeFileAtomically(join(dir, file), text);
  await pruneBackups(paths.backupRoot);
  return dir;
}

async function exists(path: string): Promise<boolean> {
  try {
    await fsp.realpath(path);
    return true;
  } catch {
    return false;
  }
}

async function pruneBackups(root: string): Promise<void> {
  const names = (await fsp.readdir(root).catch(() => [] as string[])).sort();
  for (const old of names.slice(0, Math.max(0, names.length - BACKUPS_KEPT))) {
    await fsp.rm(join(root, old), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** cuti's backups of Claude Code's files, oldest first, with what each holds. */
export async function listBackups(paths: ClaudeCodePaths): Promise<Array<{ dir: string; files: LoginSnapshot }>> {
  const backups: Array<{ dir: string; files: LoginSnapshot }> = [];
  for (const name of (await fsp.readdir(paths.backupRoot).catch(() => [] as string[])).sort()) {
    const dir = join(paths.backupRoot, name);
    const files: LoginSnapshot = {};
    for (const file of LOGIN_FILES) {
      try {
        const read = readTextIfExists(join(dir, file));
        if (read !== null) files[file] = read.text;
      } catch {
        // Unreadable: doctor reports it; it is nobody's here.
      }
    }
    backups.push({ dir, files });
  }
  return backups;
}

export async function removeBackup(dir: string): Promise<void> {
  await fsp.rm(dir, { recursive: true, force: true });
}
