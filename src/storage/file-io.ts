import { constants as fsConstants } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, realpath, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';

import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';

import { CorruptFileError, describeFsError, LockTimeoutError, UnsafePathError } from '../domain/errors.js';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** How long a lock may go untouched before another process treats its owner as dead. */
export const LOCK_STALE_MS = 4000;

/** Creates a directory (and parents) that is owner-only from the moment it exists. */
export async function ensurePrivateDir(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true, mode: DIR_MODE });
  } catch (error) {
    throw describeFsError(error, path);
  }
  const info = await lstat(path).catch((error: unknown) => {
    throw describeFsError(error, path);
  });
  if (!info.isDirectory()) throw new UnsafePathError(path, 'is not a directory');
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Refuses a path that is a symbolic link leading outside `root`: a planted link must
 * not make cuti read from, or write secrets to, somewhere else.
 */
export async function assertNoEscapingLink(root: string, path: string): Promise<void> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw describeFsError(error, path);
  }
  if (!info.isSymbolicLink()) return;
  const realRoot = await realpath(root).catch(() => root);
  const target = await realpath(path).catch(() => null);
  if (target === null || !isInside(realRoot, target)) {
    throw new UnsafePathError(path, 'is a symbolic link pointing outside the accounts directory; cuti refuses to follow it');
  }
}

export interface ReadResult {
  text: string;
  mode: number;
}

/** Reads a file, or returns null when it does not exist. Errors name the path. */
export async function readTextIfExists(path: string): Promise<ReadResult | null> {
  let handle;
  try {
    handle = await open(path, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw describeFsError(error, path);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new UnsafePathError(path, 'is not a regular file');
    const text = await handle.readFile('utf8');
    return { text, mode: info.mode & 0o777 };
  } catch (error) {
    throw describeFsError(error, path);
  } finally {
    await handle.close();
  }
}

/** Parses JSON text, turning a syntax error into a CorruptFileError naming the file. */
export function parseJsonFile(path: string, text: string): unknown {
  if (text.trim() === '') throw new CorruptFileError(path, 'file is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes file content, which may be a secret: keep it out.
    throw new CorruptFileError(path, 'not valid JSON');
  }
}

/**
 * Replaces `path` atomically: a 0600 temp file in the same directory, fsync, rename,
 * then fsync of the directory so the rename itself survives a crash.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text, { mode: FILE_MODE, fsync: true });
    const dir = await open(dirname(path), fsConstants.O_RDONLY);
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch (error) {
    throw describeFsError(error, path);
  }
}

/** Temp files a writer killed mid-write leaves beside `path`. */
export async function removeOrphanTempFiles(path: string): Promise<string[]> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  const orphans = names.filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)));
  await Promise.all(orphans.map((n) => unlink(join(dir, n)).catch(() => undefined)));
  return orphans;
}

export function lockPathFor(path: string): string {
  return `${path}.lock`;
}

/**
 * Runs `fn` holding a cross-process lock on `path` (a `<path>.lock` directory, the
 * proper-lockfile convention Claude Code also uses). A lock whose owner died is taken
 * over once it is LOCK_STALE_MS old.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      realpath: false,
      lockfilePath: lockPathFor(path),
      stale: LOCK_STALE_MS,
      update: 1000,
      retries: { retries: 400, factor: 1.2, minTimeout: 5, maxTimeout: 60, randomize: true },
      // A compromised lock (we stalled past the stale window) must not crash the process.
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new LockTimeoutError(path);
    throw describeFsError(error, lockPathFor(path));
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

export async function removeFileIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw describeFsError(error, path);
  }
}

export async function readFileIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw describeFsError(error, path);
  }
}
