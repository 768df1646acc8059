import * as fs from 'node:fs';
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, promises as fsp } from 'node:fs';
import { randomInt } from 'node:crypto';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';

import { CorruptFileError, describeFsError, LockLostError, LockTimeoutError, UnsafePathError } from '../domain/errors.js';
import { faultPoint } from './fault-injection.js';

// proper-lockfile (with graceful-fs) is loaded on the first write only: read-only
// commands start faster without it.
export const loadLockfile = async () => (await import('proper-lockfile')).default;

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** How long a lock may go untouched before another process treats its owner as dead. */
export const LOCK_STALE_MS = 4000;

/**
 * Creates a directory (and parents) that is owner-only from the moment it exists, and
 * refuses an existing one that other users can write to (see assertNotWritableByOthers).
 * `followLink` is for the accounts root itself, which people may keep elsewhere and link.
 */
export async function ensurePrivateDir(path: string, options: { followLink?: boolean } = {}): Promise<void> {
  const look = options.followLink ? fsp.stat : fsp.lstat;
  // A delete may move the directory aside meanwhile: make it again. That shows as ENOENT
  // from the look, or from the mkdir itself: a recursive mkdir that finds the directory
  // there (EEXIST) stats it to check it is one, and the stat fails if it moved in between.
  for (let attempt = 1; ; attempt++) {
    let info;
    try {
      await fsp.mkdir(path, { recursive: true, mode: DIR_MODE });
      info = await look(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 5) continue;
      throw describeFsError(error, path);
    }
    if (!info.isDirectory()) throw new UnsafePathError(path, 'is not a directory');
    assertNotWritableByOthers(path, info.mode);
    return;
  }
}

/**
 * Secrets are only written into directories no one else can write to: in such a directory
 * another user could rename, replace or link the files cuti writes and catch a secret or
 * swap a credential (ssh refuses loose key directories for the same reason).
 */
function assertNotWritableByOthers(dir: string, mode: number): void {
  if ((mode & 0o022) === 0) return;
  const shown = (mode & 0o7777).toString(8).padStart(4, '0');
  throw new UnsafePathError(
    dir,
    `is writable by other users (mode ${shown}); cuti will not write secrets there. Fix with: chmod 700 ${dir}`,
  );
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
  // Synchronous on purpose, like readTextIfExists: see the note there.
  assertNoEscapingLinkSync(root, path);
  return Promise.resolve();
}

function assertNoEscapingLinkSync(root: string, path: string): void {
  let info;
  try {
    info = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw describeFsError(error, path);
  }
  if (!info.isSymbolicLink()) return;
  const realRoot = realpathOrNull(root) ?? root;
  const target = realpathOrNull(path);
  if (target === null || !isInside(realRoot, target)) {
    throw new UnsafePathError(path, 'is a symbolic link pointing outside the accounts directory; cuti refuses to follow it');
  }
}

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/**
 * The largest file cuti reads. accounts.json for 10,000 accounts is about 2 MB and Claude
 * Code's own files a few; a file far beyond that is not one cuti should parse (a blocking
 * parse of it would also outlast the lock it is read under).
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Deeper nesting than any file cuti or the original tool writes: JSON that deep is
 * refused before anything is written, rather than overflowing the stack when it is
 * written back (the original, in Python, fails on it too).
 */
export const MAX_JSON_DEPTH = 256;

// One decoder for every read. fatal: a file that is not UTF-8 is refused, not read with
// U+FFFD in place of its bytes and so changed on the next write. ignoreBOM: a BOM stays
// in the text, as readFileSync kept it, so JSON.parse refuses it as before.
let utf8: InstanceType<typeof TextDecoder> | undefined;

export interface ReadResult {
  text: string;
  mode: number;
}

/**
 * Reads a file, or returns null when it does not exist. Errors name the path. With
 * `storeRoot`, a symbolic link that leads outside it is reported as such.
 *
 * The system calls are synchronous on purpose: these are small local files, and each
 * asynchronous call costs a thread-pool round trip. Listing 10,000 accounts took 2.5 s
 * that way, almost all of it in that overhead.
 */
export function readTextIfExists(path: string, storeRoot?: string): ReadResult | null {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO planted where a file should be must not hang cuti in open().
    // O_NOFOLLOW: a symbolic link is refused (ELOOP) rather than followed.
    fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    // Checked only now, not with an lstat before every open: a link out of the store
    // gets the message that says so.
    if (code === 'ELOOP' && storeRoot !== undefined) assertNoEscapingLinkSync(storeRoot, path);
    throw describeFsError(error, path);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new UnsafePathError(path, 'is not a regular file');
    if (info.size > MAX_FILE_BYTES) {
      throw new CorruptFileError(path, `${Math.ceil(info.size / 2 ** 20)} MB is more than cuti reads (${MAX_FILE_BYTES / 2 ** 20} MB)`);
    }
    const bytes = readFileSync(fd);
    if (bytes.length > MAX_FILE_BYTES) throw new CorruptFileError(path, `more than cuti reads (${MAX_FILE_BYTES / 2 ** 20} MB)`);
    utf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw new CorruptFileError(path, 'not valid UTF-8 text');
    }
    return { text, mode: info.mode & 0o777 };
  } catch (error) {
    throw describeFsError(error, path);
  } finally {
    closeSync(fd);
  }
}

/** Parses JSON text, turning a syntax error into a CorruptFileError naming the file. */
export function parseJsonFile(path: string, text: string): unknown {
  if (text.trim() === '') throw new CorruptFileError(path, 'file is empty');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw new CorruptFileError(path, `nested more than ${MAX_JSON_DEPTH} levels deep`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes file content, which may be a secret: keep it out.
    throw new CorruptFileError(path, 'not valid JSON');
  }
}

/** Whether brackets outside strings nest deeper than `limit`: one pass, no parse. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Refuses a write where `path` is a symbolic link or not a regular file: the rename would
 * replace the link, which people who linked a file there do not expect, and other tools
 * write through it.
 */
async function assertSafeToWrite(path: string): Promise<void> {
  const info = await fsp.lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw describeFsError(error, path);
  });
  if (info?.isSymbolicLink()) throw new UnsafePathError(path, 'is a symbolic link; cuti does not write through links');
  if (info && !info.isFile()) throw new UnsafePathError(path, 'is not a regular file');
  const dir = dirname(path);
  const dirInfo = await fsp.stat(dir).catch((error: unknown) => {
    throw describeFsError(error, dir);
  });
  assertNotWritableByOthers(dir, dirInfo.mode);
}

/**
 * Proof, asked for right before a file is replaced, that the writer still holds the
 * lock it read the old content under (see withFileLock). Calling it throws when it does
 * not. `ready`, awaited just before, lets a refresh of the lock that is overdue (this
 * process was slow, not stalled) land first, so that slowness alone is not refused.
 */
export interface CommitGuard {
  (): void;
  ready(): Promise<void>;
}

/** `<file>.<digits>`: the temp-file form removeOrphanTempFiles and doctor recognise. */
function tempPathFor(path: string): string {
  return `${path}.${process.pid}${randomInt(1_000_000_000).toString().padStart(9, '0')}`;
}

/**
 * Replaces `path` atomically: a new 0600 temp file in the same directory (O_EXCL, so a
 * planted file or link there is never written through), fsync, the lock check, rename,
 * then fsync of the directory so the rename itself survives a crash. The check and the
 * rename run in one synchronous step, so nothing can interleave between them.
 */
export async function writeFileAtomically(path: string, text: string, guard?: CommitGuard, options: { mode?: number } = {}): Promise<void> {
  await assertSafeToWrite(path);
  const temp = tempPathFor(path);
  let renamed = false;
  try {
    const flags = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW;
    const file = await fsp.open(temp, flags, FILE_MODE);
    try {
      // `mode` is for files that belong to another program (Claude Code's settings): kept as they were.
      if (options.mode !== undefined && options.mode !== FILE_MODE) await file.chmod(options.mode);
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    faultPoint('before-commit');
    await guard?.ready();
    guard?.();
    renameSync(temp, path);
    renamed = true;
    const dir = await fsp.open(dirname(path), fsConstants.O_RDONLY);
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch (error) {
    if (!renamed) await fsp.unlink(temp).catch(() => undefined);
    throw describeFsError(error, path);
  }
}

/** Temp files a writer killed mid-write leaves beside `path`. */
export async function removeOrphanTempFiles(path: string): Promise<string[]> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const orphans = names.filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)));
  await Promise.all(orphans.map((n) => fsp.unlink(join(dir, n)).catch(() => undefined)));
  return orphans;
}

export function lockPathFor(path: string): string {
  return `${path}.lock`;
}

/**
 * How long a writer waits for a lock held by someone else before giving up. A live
 * holder keeps it for milliseconds; a dead one's lock goes stale after LOCK_STALE_MS.
 */
export const LOCK_WAIT_MS = 20_000;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What `fn` gets inside withFileLock: the guard to pass to every write it makes. */
export interface HeldLock {
  assertHeld: CommitGuard;
  /**
   * The lock's directory went away with a rename of its parent (an account directory
   * moved aside to be deleted): releasing must not remove whatever lock now sits at
   * its old path, which is another writer's.
   */
  movedAway(): void;
}

/**
 * proper-lockfile's file system, wrapped to learn the mtime it gives our lock directory
 * (it keeps that to itself). A lock whose directory no longer carries that mtime was
 * taken over. A lost lock's directory is someone else's: releasing it must not remove it.
 */
function trackingFs(lockPath: string) {
  /**
   * `freshSince`: the latest moment the lock is known to have been fresh on disk (made,
   * or given that mtime); past it plus LOCK_STALE_MS anyone may take the lock over.
   * `expired`: it was refreshed only after that, so it no longer covers a commit.
   */
  const state = { mtimeMs: null as number | null, freshSince: 0, probing: false, lost: false, expired: false };
  const isOurs = (p: unknown) => p === lockPath;
  const wrapped = { ...fs } as typeof fs & Record<string, unknown>;
  wrapped.mkdir = ((p: string, ...rest: unknown[]) => {
    const cb = rest.pop() as (err: NodeJS.ErrnoException | null) => void;
    fs.mkdir(p, ...(rest as []), (err: NodeJS.ErrnoException | null) => {
      if (!err && isOurs(p)) {
        state.probing = true;
        state.freshSince = Date.now();
      }
      cb(err);
    });
  }) as typeof fs.mkdir;
  wrapped.stat = ((p: string, cb: (err: NodeJS.ErrnoException | null, st?: fs.Stats) => void) => {
    fs.stat(p, (err, st) => {
      // The stat right after our mkdir (mtime-precision probe) reads our first mtime.
      if (!err && isOurs(p) && state.probing) {
        state.mtimeMs = st.mtime.getTime();
        state.probing = false;
      }
      cb(err, st);
    });
  }) as typeof fs.stat;
  wrapped.utimes = ((p: string, atime: Date, mtime: Date, cb: (err: NodeJS.ErrnoException | null) => void) => {
    fs.utimes(p, atime, mtime, (err) => {
      if (!err && isOurs(p)) {
        // A refresh that lands when the lock could already have been taken over revives
        // nothing: no later commit may rely on the lock.
        if (Date.now() - state.freshSince >= LOCK_STALE_MS) state.expired = true;
        state.mtimeMs = mtime.getTime();
        // Capped at now: proper-lockfile first sets an mtime up to a second ahead.
        state.freshSince = Math.min(mtime.getTime(), Date.now());
      }
      cb(err);
    });
  }) as typeof fs.utimes;
  wrapped.rmdir = ((p: string, cb: (err: NodeJS.ErrnoException | null) => void) => {
    if (isOurs(p) && state.lost) return cb(null);
    fs.rmdir(p, cb);
  }) as typeof fs.rmdir;
  wrapped.rmdirSync = ((p: string) => {
    if (isOurs(p) && state.lost) return;
    fs.rmdirSync(p);
  }) as typeof fs.rmdirSync;
  return { fs: wrapped, state };
}

/**
 * A lock this old is refused at commit time even if it is still ours: past LOCK_STALE_MS
 * anyone may take it over, and the rename must not race that. The check and the rename
 * are adjacent synchronous calls, yet the process can be descheduled between them and a
 * rename can wait on a busy disk's journal: this much time is left for both.
 */
const COMMIT_MARGIN_MS = 1000;

/**
 * Renames `from` to `to` (an account directory) only if every lock in `locks` is still
 * ours: an overdue refresh may land first (CommitGuard.ready), then the checks and the
 * rename run in one synchronous step, so no takeover can come between them.
 */
export async function renameWhileHeld(from: string, to: string, locks: readonly HeldLock[]): Promise<void> {
  for (const lock of locks) await lock.assertHeld.ready();
  for (const lock of locks) lock.assertHeld();
  renameSync(from, to);
}

/** Runs `fn` holding the file locks of every path in `paths`, taken in order (so two holders of the same set cannot deadlock). */
export async function withFileLocks<T>(paths: readonly string[], fn: (locks: HeldLock[]) => Promise<T>, held: HeldLock[] = []): Promise<T> {
  const [first, ...rest] = paths;
  if (first === undefined) return fn(held);
  return withFileLock(first, (lock) => withFileLocks(rest, fn, [...held, lock]));
}

/**
 * Runs `fn` holding a cross-process lock on `path` (a `<path>.lock` directory, the
 * proper-lockfile convention Claude Code also uses). A lock whose owner died is taken
 * over once it is LOCK_STALE_MS old. A writer that stalled that long (suspended, swapped
 * out, a slow disk) may have lost its lock that way: every write inside passes
 * `lock.assertHeld`, which fails the write, before anything is replaced, unless the lock
 * directory is still the one this process made and keeps fresh.
 */
export async function withFileLock<T>(
  path: string,
  fn: (lock: HeldLock) => Promise<T>,
  /** Called when the lock's directory has gone (removed meanwhile), before trying again. */
  options: { onMissingDir?: () => Promise<void> } = {},
): Promise<T> {
  const lockfile = await loadLockfile();
  const lockPath = lockPathFor(path);
  const tracking = trackingFs(lockPath);
  let compromised = false;
  const lockOptions = {
    realpath: false,
    lockfilePath: lockPath,
    stale: LOCK_STALE_MS,
    update: 1000, // proper-lockfile's shortest refresh interval
    retries: 0,
    fs: tracking.fs,
    // Not a crash: the next write checks the flag and fails with a clear message.
    onCompromised: () => {
      compromised = true;
      tracking.state.lost = true;
    },
  };
  // Our own retry loop: proper-lockfile's retries also repeat EACCES/EROFS for seconds,
  // and only "someone else holds it" is worth waiting for.
  const deadline = Date.now() + LOCK_WAIT_MS;
  let backoff = 5;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lockfile.lock(path, lockOptions);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && options.onMissingDir && Date.now() < deadline) {
        await options.onMissingDir();
        continue;
      }
      if (code !== 'ELOCKED') throw describeFsError(error, lockPath);
      if (Date.now() >= deadline) throw new LockTimeoutError(path);
      await pause(backoff * (0.5 + Math.random()));
      backoff = Math.min(backoff * 1.5, 50);
    }
  }
  const { state } = tracking;
  /** Since the lock was last known fresh on disk: how others judge its age, or longer. */
  const age = () => Date.now() - state.freshSince;
  const usable = () => !compromised && !state.lost && !state.expired;
  const refusable = () => usable() && age() >= LOCK_STALE_MS - COMMIT_MARGIN_MS && age() < LOCK_STALE_MS;
  const check = () => {
    let mtimeMs: number | null = null;
    try {
      mtimeMs = statSync(lockPath).mtime.getTime();
    } catch {
      // Gone: someone took it over and released it.
    }
    const ours = mtimeMs !== null && mtimeMs === state.mtimeMs;
    if (ours && usable() && age() < LOCK_STALE_MS - COMMIT_MARGIN_MS) return;
    // Not the directory this process made and refreshed: someone else's, not to be released.
    if (!ours) state.lost = true;
    throw new LockLostError(path);
  };
  const assertHeld: CommitGuard = Object.assign(check, {
    // Too old to commit, too young to be taken over: the refresh (every second) is overdue
    // because this process was slow (a busy machine, a long synchronous step), and lands
    // as soon as the event loop turns. A refresh later than LOCK_STALE_MS loses the lock
    // (see trackingFs), so a writer stalled that long is refused all the same.
    ready: async () => {
      while (refusable()) await pause(10);
    },
  });
  try {
    return await fn({ assertHeld, movedAway: () => void (tracking.state.lost = true) });
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * Removes a lock its owner left behind when it died, the way a waiting writer would:
 * proper-lockfile takes it over only if it is stale, so a live holder keeps it.
 */
export async function takeOverStaleLock(path: string): Promise<void> {
  const lockfile = await loadLockfile();
  const release = await lockfile.lock(path, { realpath: false, lockfilePath: lockPathFor(path), stale: LOCK_STALE_MS, retries: 0 });
  await release();
}

export async function removeFileIfExists(path: string, guard?: CommitGuard): Promise<void> {
  await guard?.ready();
  try {
    // Synchronous after the check, as the rename in writeFileAtomically.
    guard?.();
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw describeFsError(error, path);
  }
}
