import { chmod, lstat, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { LOGIN_FILES } from '../domain/claude-login.js';
import { CorruptFileError, describeFsError, errorMessage } from '../domain/errors.js';
import type { StoreHealth, StoreProblem } from './adapter.js';
import { DIR_MODE, FILE_MODE, LOCK_STALE_MS, parseJsonFile, readTextIfExists, takeOverStaleLock } from './file-io.js';
import { looseModeWarning } from './file-modes.js';
import { API_KEYS_FILE, METADATA_FILE, OAUTH_CREDENTIALS_FILE, SECRET_STORE_FILE } from './paths.js';
import { checkApiKeys, checkMetadata, checkOAuthCredentials } from './schemas.js';
import { checkSecretSettings } from './secret-settings.js';

/*
 * The filesystem adapter's health check, behind `cuti claude doctor`: checks the whole
 * accounts tree the way ssh checks a key before using it, and repairs what can be
 * repaired without touching data: permissions, locks left by dead processes, and temp
 * files of interrupted writes. A file that does not parse is reported, never rewritten.
 */

/** A temp file younger than this may belong to a write in progress. */
export const ORPHAN_TEMP_AGE_MS = 60_000;

export type ProblemKind = 'loose-mode' | 'unreadable' | 'corrupt' | 'not-a-file' | 'symlink' | 'orphan-temp' | 'stale-lock';

export interface Problem {
  kind: ProblemKind;
  path: string;
  /** One line for people; names the path, never a file's content. */
  message: string;
  /** What `--fix` does about it, when it can. */
  fix: { action: 'chmod'; mode: number } | { action: 'remove-temp' } | { action: 'remove-lock' } | null;
}

/** What the scan saw of one entry: facts only, so the rules below stay pure. */
export interface ScannedEntry {
  path: string;
  name: string;
  kind: 'file' | 'dir' | 'symlink' | 'other';
  mode: number;
  ageMs: number;
  /** For the JSON files cuti reads: why it does not parse, if it does not. */
  parseProblem?: string;
}

// The files cuti and the original tool write into the tree; their write-file-atomic temp
// files are `<name>.<digits>`.
const KNOWN_FILES = new Set<string>([API_KEYS_FILE, METADATA_FILE, SECRET_STORE_FILE, ...LOGIN_FILES, 'env.sh']);
const TEMP_FILE = /^(.+)\.(\d+)$/;

export function isOrphanTempName(name: string): boolean {
  const match = TEMP_FILE.exec(name);
  return match !== null && KNOWN_FILES.has(match[1] ?? '');
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');
const minutes = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

/** The rules: which scanned entries are problems, and how each would be fixed. Pure. */
export function findProblems(entries: ScannedEntry[]): Problem[] {
  const problems: Problem[] = [];
  for (const entry of entries) {
    const { path, mode } = entry;
    if (entry.kind === 'symlink') {
      problems.push({
        kind: 'symlink',
        path,
        message: `${path} is a symbolic link; cuti will not read or write through it. Replace it with the file or directory itself`,
        fix: null,
      });
      continue;
    }
    if (entry.kind === 'dir' && entry.name.endsWith('.lock')) {
      if (entry.ageMs > LOCK_STALE_MS) {
        problems.push({
          kind: 'stale-lock',
          path,
          message: `${path} is a lock left by a process that died (${minutes(entry.ageMs)} old)`,
          fix: { action: 'remove-lock' },
        });
      }
      continue;
    }
    if (entry.kind === 'file' && isOrphanTempName(entry.name)) {
      if (entry.ageMs > ORPHAN_TEMP_AGE_MS) {
        problems.push({
          kind: 'orphan-temp',
          path,
          message: `${path} is a temp file left by an interrupted write (${minutes(entry.ageMs)} old); it may hold a secret`,
          fix: { action: 'remove-temp' },
        });
      }
      continue;
    }
    if (KNOWN_FILES.has(entry.name) && entry.kind !== 'file') {
      problems.push({
        kind: 'not-a-file',
        path,
        message: `${path} should be a file but is ${entry.kind === 'dir' ? 'a directory' : 'a special file'}; move it away`,
        fix: null,
      });
      continue;
    }
    if (entry.kind === 'dir' && (mode & 0o077) !== 0) {
      problems.push({
        kind: 'loose-mode',
        path,
        message: `${path} is accessible by others (mode ${octal(mode)}); fix with: chmod 700 ${path}`,
        fix: { action: 'chmod', mode: DIR_MODE },
      });
    } else if (entry.kind === 'file' && (mode & 0o077) !== 0) {
      problems.push({
        kind: 'loose-mode',
        path,
        message: looseModeWarning(path, mode) ?? path,
        fix: { action: 'chmod', mode: FILE_MODE },
      });
    } else if (entry.kind === 'file' && (mode & 0o600) !== 0o600) {
      problems.push({
        kind: 'unreadable',
        path,
        message: `${path} is not readable and writable by its owner (mode ${octal(mode)}); fix with: chmod 600 ${path}`,
        fix: { action: 'chmod', mode: FILE_MODE },
      });
    } else if (entry.kind === 'dir' && (mode & 0o700) !== 0o700) {
      problems.push({
        kind: 'unreadable',
        path,
        message: `${path} is not fully accessible to its owner (mode ${octal(mode)}); fix with: chmod 700 ${path}`,
        fix: { action: 'chmod', mode: DIR_MODE },
      });
    }
    if (entry.parseProblem !== undefined) {
      problems.push({ kind: 'corrupt', path, message: entry.parseProblem, fix: null });
    }
  }
  return problems;
}

/** The shape checks of the JSON files cuti reads, by file name. */
const SHAPE_CHECKS: Record<string, (raw: unknown) => { ok: true } | { ok: false; problem: string }> = {
  [API_KEYS_FILE]: checkApiKeys,
  [METADATA_FILE]: checkMetadata,
  [OAUTH_CREDENTIALS_FILE]: checkOAuthCredentials,
  [SECRET_STORE_FILE]: checkSecretSettings,
};

/** Why a JSON file cuti reads does not parse or has the wrong shape, or undefined. */
function parseProblemOf(path: string, name: string): string | undefined {
  const check = SHAPE_CHECKS[name];
  if (check === undefined) return undefined;
  try {
    const file = readTextIfExists(path);
    if (file === null) return undefined;
    const checked = check(parseJsonFile(path, file.text));
    // The message the adapters give when they refuse the same file.
    return checked.ok ? undefined : new CorruptFileError(path, checked.problem).message;
  } catch (error) {
    // CorruptFileError and friends: messages that name the path, never the content.
    return errorMessage(error);
  }
}

async function scanEntry(path: string, name: string, now: number): Promise<ScannedEntry> {
  const info = await lstat(path);
  const kind = info.isSymbolicLink() ? 'symlink' : info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other';
  const entry: ScannedEntry = { path, name, kind, mode: info.mode & 0o7777, ageMs: now - info.mtimeMs };
  // A file its owner cannot read is reported by its mode; parse it once that is fixed.
  if (kind === 'file' && (entry.mode & 0o400) !== 0) {
    const parseProblem = parseProblemOf(path, name);
    if (parseProblem !== undefined) entry.parseProblem = parseProblem;
  }
  return entry;
}

/** A directory's entries; one its owner cannot list is already reported by its mode. */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') return [];
    throw describeFsError(error, dir);
  }
}

/**
 * Collects the facts: the root, each account directory and each file one level inside
 * it. Symbolic links are reported, not followed.
 */
export async function scanStore(root: string, now = Date.now()): Promise<ScannedEntry[]> {
  let rootInfo;
  try {
    // A linked root is a choice people make (dotfiles): check what it points at.
    rootInfo = await stat(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw describeFsError(error, root);
  }
  const entries: ScannedEntry[] = [
    { path: root, name: '', kind: rootInfo.isDirectory() ? 'dir' : 'other', mode: rootInfo.mode & 0o7777, ageMs: 0 },
  ];
  for (const name of await namesIn(root)) {
    const entry = await scanEntry(join(root, name), name, now);
    entries.push(entry);
    if (entry.kind !== 'dir' || name.endsWith('.lock')) continue;
    for (const inner of await namesIn(entry.path)) entries.push(await scanEntry(join(entry.path, inner), inner, now));
  }
  return entries;
}

/** What `--fix` did, in a few words, for the report. */
export function describeFix(problem: Problem): string {
  if (!problem.fix) return '';
  if (problem.fix.action === 'chmod') return `chmod ${problem.fix.mode.toString(8)} ${problem.path}`;
  if (problem.fix.action === 'remove-lock') return `removed the stale lock ${problem.path}`;
  return `removed the leftover temp file ${problem.path}`;
}

/** Applies one fix. Only modes, dead locks and temp files: never a data file. */
async function applyFix(problem: Problem): Promise<void> {
  if (!problem.fix) return;
  // Re-check right before acting: never act through a link that appeared meanwhile.
  const info = await lstat(problem.path);
  if (info.isSymbolicLink()) throw new Error('became a symbolic link');
  if (problem.fix.action === 'chmod') {
    await chmod(problem.path, problem.fix.mode);
  } else if (problem.fix.action === 'remove-lock') {
    // Through proper-lockfile itself, so a process that took the lock meanwhile keeps it.
    await takeOverStaleLock(problem.path.slice(0, -'.lock'.length));
  } else {
    if (!info.isFile() || Date.now() - info.mtimeMs <= ORPHAN_TEMP_AGE_MS) throw new Error('in use');
    await unlink(problem.path);
  }
}

/** The generic form a problem is reported in, outside the filesystem adapter. */
function reported(problem: Problem): StoreProblem {
  return { kind: problem.kind, path: problem.path, message: problem.message, fix: problem.fix ? describeFix(problem) : null };
}

/** Checks the tree under `root` and, with `fix`, repairs what is safe; see StorageAdapter.checkHealth. */
export async function checkFileStore(root: string, options: { fix: boolean }): Promise<StoreHealth> {
  const entries = await scanStore(root);
  const found: StoreHealth['found'] = [];
  for (const problem of findProblems(entries)) {
    let fixed = false;
    if (options.fix && problem.fix) {
      // A fix that fails leaves the problem in `remaining`, which is what gets reported.
      fixed = await applyFix(problem).then(
        () => true,
        () => false,
      );
    }
    found.push({ ...reported(problem), fixed });
  }
  const remaining = options.fix ? findProblems(await scanStore(root)).map(reported) : found.map(({ fixed: _fixed, ...problem }) => problem);
  return { root, checked: entries.length, found, remaining };
}
