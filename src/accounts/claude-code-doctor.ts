import { chmod, lstat, readdir, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { LOGIN_FILES } from '../domain/claude-login.js';
import { DIR_MODE, FILE_MODE, loadLockfile } from '../storage/file-io.js';
import { journalPath, readJournal } from './claude-code-journal.js';
import { BACKUPS_KEPT, claudeCodeLocks, isDeadCutiLock, readLockNote } from './claude-code-login.js';
import type { StoreProblem } from '../storage/adapter.js';
import { ORPHAN_TEMP_AGE_MS } from '../storage/fs-health.js';
import type { ClaudeCodePaths } from './claude-code-paths.js';

/** What `--fix` does about a problem on Claude Code's side. */
export type FixAction =
  | { action: 'chmod'; mode: number }
  | { action: 'remove-temp' }
  | { action: 'remove-claude-code-lock'; staleMs: number }
  | { action: 'remove-backup' }
  | { action: 'recover-swap' };

/** A problem as doctor reports it (`fix` says in words what --fix does), with how to fix it. */
export interface ClaudeCodeProblem extends StoreProblem {
  action: FixAction | null;
}

type Found = { kind: string; path: string; message: string; fix: FixAction | null };

function describeFix(path: string, fix: FixAction): string {
  if (fix.action === 'chmod') return `chmod ${fix.mode.toString(8)} ${path}`;
  if (fix.action === 'remove-claude-code-lock') return `removed the stale lock ${path}`;
  if (fix.action === 'remove-backup') return `removed the backup ${path}`;
  if (fix.action === 'recover-swap') return `finished or undid the interrupted Claude Code login switch (${path})`;
  return `removed the leftover temp file ${path}`;
}

function asReported(found: Found): ClaudeCodeProblem {
  return { kind: found.kind, path: found.path, message: found.message, fix: found.fix && describeFix(found.path, found.fix), action: found.fix };
}

/*
 * `doctor` on Claude Code's side of things: what a killed swap leaves next to Claude
 * Code's files (temp files that may hold tokens, Claude Code's own lock directories,
 * the swap journal) and cuti's backups of Claude Code's files (copies of tokens:
 * private, and not kept for ever). The checks are facts in, problems out; the fixes
 * remove only leftovers and backups past their keep, and finish a half-done swap.
 */

/** Backups of Claude Code's files older than this are reported, and removed by --fix. */
export const BACKUP_MAX_AGE_DAYS = 30;
const DAY_MS = 86_400_000;

const TEMP_OF_LIVE_FILE = new RegExp(`^(?:${LOGIN_FILES.map((f) => f.replace(/\./g, '\\.')).join('|')})\\.\\d+$`);

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');
const seconds = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : ms < 2 * DAY_MS ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / DAY_MS)} days`);

async function namesIn(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).sort();
}

async function info(path: string) {
  return lstat(path).catch(() => null);
}

/** Temp files of interrupted writes beside Claude Code's live files. */
async function tempFiles(paths: ClaudeCodePaths, now: number): Promise<Found[]> {
  const problems: Found[] = [];
  const dirs = [...new Set([paths.configDir, dirname(paths.globalConfigPath)])];
  for (const dir of dirs) {
    for (const name of await namesIn(dir)) {
      if (!TEMP_OF_LIVE_FILE.test(name)) continue;
      const path = join(dir, name);
      const st = await info(path);
      if (!st?.isFile()) continue;
      const age = now - st.mtimeMs;
      const loose = (st.mode & 0o077) !== 0 ? `, readable by others (mode ${octal(st.mode)})` : '';
      problems.push(
        age > ORPHAN_TEMP_AGE_MS
          ? {
              kind: 'claude-code-temp',
              path,
              message: `${path} is a temp file left by an interrupted write (${seconds(age)} old${loose}); it may hold tokens`,
              fix: { action: 'remove-temp' },
            }
          : {
              kind: 'claude-code-temp',
              path,
              message: `${path} is a temp file (${seconds(age)} old${loose}): a write in progress, or one just interrupted; check again in a minute`,
              fix: null,
            },
      );
    }
  }
  return problems;
}

/** Claude Code's lock directories that no live process holds. */
async function leftLocks(paths: ClaudeCodePaths, now: number): Promise<Found[]> {
  const problems: Found[] = [];
  const note = readLockNote(paths);
  for (const lock of claudeCodeLocks(paths)) {
    const st = await info(lock.path);
    if (!st?.isDirectory()) continue;
    const age = now - st.mtimeMs;
    if (await isDeadCutiLock(note, lock.path)) {
      problems.push({
        kind: 'claude-code-lock',
        path: lock.path,
        message: `${lock.path} is a Claude Code lock left by a cuti that was killed; Claude Code waits for it until it is ${seconds(lock.staleMs)} old`,
        fix: { action: 'remove-claude-code-lock', staleMs: 0 },
      });
    } else if (age > lock.staleMs) {
      problems.push({
        kind: 'claude-code-lock',
        path: lock.path,
        message: `${lock.path} is a Claude Code lock left by a process that died (${seconds(age)} old)`,
        fix: { action: 'remove-claude-code-lock', staleMs: lock.staleMs },
      });
    }
  }
  return problems;
}

/** cuti's backups of Claude Code's files: private modes, not too old, not too many. */
async function backups(paths: ClaudeCodePaths, now: number): Promise<{ checked: number; problems: Found[] }> {
  const problems: Found[] = [];
  let checked = 0;
  const root = dirname(paths.backupRoot);
  const mode = async (path: string, dir: boolean) => {
    const st = await info(path);
    if (st === null) return null;
    checked++;
    if (st.isSymbolicLink()) {
      problems.push({ kind: 'symlink', path, message: `${path} is a symbolic link inside cuti's backups; move it away`, fix: null });
      return null;
    }
    if ((st.mode & 0o077) !== 0) {
      const want = dir ? DIR_MODE : FILE_MODE;
      problems.push({
        kind: 'loose-mode',
        path,
        message: `${path} holds copies of Claude Code tokens and is accessible by others (mode ${octal(st.mode)}); fix with: chmod ${want.toString(8)} ${path}`,
        fix: { action: 'chmod', mode: want },
      });
    }
    return st;
  };
  if ((await mode(root, true)) === null) return { checked, problems };
  if ((await mode(paths.backupRoot, true)) === null) return { checked, problems };
  const stamps = await namesIn(paths.backupRoot);
  const extra = Math.max(0, stamps.length - BACKUPS_KEPT);
  for (const [index, stamp] of stamps.entries()) {
    const dir = join(paths.backupRoot, stamp);
    const st = await mode(dir, true);
    if (st === null) continue;
    if (st.isDirectory()) for (const file of await namesIn(dir)) await mode(join(dir, file), false);
    const age = now - st.mtimeMs;
    if (index < extra) {
      problems.push({
        kind: 'backup',
        path: dir,
        message: `${dir} is one of ${stamps.length} backups of Claude Code's files, more than the ${BACKUPS_KEPT} cuti keeps; it holds copies of tokens`,
        fix: { action: 'remove-backup' },
      });
    } else if (age > BACKUP_MAX_AGE_DAYS * DAY_MS) {
      problems.push({
        kind: 'backup',
        path: dir,
        message: `${dir} is a backup of Claude Code's files ${seconds(age)} old (kept ${BACKUP_MAX_AGE_DAYS} days); it holds copies of tokens`,
        fix: { action: 'remove-backup' },
      });
    }
  }
  return { checked, problems };
}

function pendingSwap(paths: ClaudeCodePaths): Found[] {
  const path = journalPath(paths.cutiHome);
  try {
    const journal = readJournal(paths.cutiHome);
    if (journal === null) return [];
    const what = journal.account === null ? "sign-out ('new')" : `switch to '${journal.account}'`;
    return [{ kind: 'interrupted-swap', path, message: `A Claude Code login ${what} was interrupted (${path})`, fix: { action: 'recover-swap' } }];
  } catch (error) {
    return [{ kind: 'interrupted-swap', path, message: (error as Error).message, fix: null }];
  }
}

/** Everything doctor reports on Claude Code's side, and how many entries it looked at. */
export async function claudeCodeProblems(paths: ClaudeCodePaths, now = Date.now()): Promise<{ checked: number; problems: ClaudeCodeProblem[] }> {
  const backed = await backups(paths, now);
  const problems = [...pendingSwap(paths), ...(await tempFiles(paths, now)), ...(await leftLocks(paths, now)), ...backed.problems];
  return { checked: backed.checked + 4, problems: problems.map(asReported) };
}

/** Applies one fix; `recover` finishes or undoes a half-done swap. Throws when it cannot. */
export async function applyClaudeCodeFix(problem: ClaudeCodeProblem, recover: () => Promise<void>): Promise<void> {
  const fix = problem.action;
  if (fix === null) return;
  if (fix.action === 'recover-swap') {
    await recover();
    return;
  }
  const st = await lstat(problem.path);
  if (st.isSymbolicLink()) throw new Error('became a symbolic link');
  if (fix.action === 'chmod') await chmod(problem.path, fix.mode);
  else if (fix.action === 'remove-backup') await rm(problem.path, { recursive: true, force: true });
  else if (fix.action === 'remove-temp') {
    if (!st.isFile() || Date.now() - st.mtimeMs <= ORPHAN_TEMP_AGE_MS) throw new Error('in use');
    await unlink(problem.path);
  } else if (fix.action === 'remove-claude-code-lock') {
    if (fix.staleMs === 0) {
      await rmdir(problem.path);
      return;
    }
    // Through proper-lockfile, with Claude Code's own stale time: a holder that came back keeps it.
    const lockfile = await loadLockfile();
    const release = await lockfile.lock(problem.path, { realpath: false, lockfilePath: problem.path, stale: fix.staleMs, retries: 0 });
    await release();
  }
}
