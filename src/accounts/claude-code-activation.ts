import {
  carrySharedCredentials,
  describeLoginProblem,
  isRefreshOf,
  loginIdentity,
  loginProblem,
  mergeLoginIntoGlobalConfig,
  removeLoginFromGlobalConfig,
  type LoginFile,
  type LoginSnapshot,
} from '../domain/claude-login.js';
import { CorruptFileError, CutiError } from '../domain/errors.js';
import { pythonIsoTimestamp } from '../domain/timestamps.js';
import type { StorageAdapter } from '../storage/adapter.js';
import {
  changedSinceError,
  hashOf,
  journalPath,
  readJournal,
  removeJournal,
  rollBackIfPartial,
  writeJournal,
  type JournalFile,
  type Recovery,
  type SwapJournal,
} from './claude-code-journal.js';
import {
  backupLiveFiles,
  liveModeOf,
  liveTargetOf,
  readLiveLogin,
  removeLiveFile,
  withClaudeCodeLocks,
  writeLiveFile,
} from './claude-code-login.js';
import { liveDirInsideStore, type ClaudeCodePaths } from './claude-code-paths.js';
import { faultPoint } from './fault-points.js';
import { shown } from '../domain/safe-text.js';

/**
 * Moving Claude Code OAuth logins between Claude Code's live config dir and cuti's
 * accounts, the way the original tool's save/use/new do, made safe: Claude Code's
 * locks held throughout, every refusal before the first write, a backup of whatever
 * is replaced, a journal that lets the next run finish or undo a swap that was killed
 * half-way, and a refreshed token never lost nor put back over a newer one.
 */

function requireUsableLogin(snapshot: LoginSnapshot, where: string): string {
  const credentials = snapshot['.credentials.json'];
  if (credentials === undefined) {
    throw new CutiError('no_login', `No Claude Code login found in ${where}`, {
      hint: "Log in with 'claude' first (or point CLAUDE_CONFIG_DIR at the config dir that holds the login)",
    });
  }
  const problem = loginProblem(credentials);
  if (problem) throw new CutiError('empty_login', describeLoginProblem(problem, `${where}/.credentials.json`));
  return credentials;
}

/**
 * Refuses a "live" config dir that is really a saved account: after `eval "$(cuti
 * claude env A)"`, or inside `cuti claude exec A`, CLAUDE_CONFIG_DIR points into the
 * store, and a swap there would write another login into account A.
 */
export function requireLiveOutsideStore(paths: ClaudeCodePaths, doing: string): void {
  const inside = liveDirInsideStore(paths);
  if (inside === null) return;
  throw new CutiError(
    'config_dir_in_store',
    `Claude Code's config dir ${shown(inside)} is inside cuti's store (a saved account, not the live login); refusing to ${doing}`,
    {
      hint: 'CLAUDE_CONFIG_DIR was set by cuti claude env or exec: run eval "$(cuti claude env --unset)" or leave that shell, then retry',
    },
  );
}

/**
 * Finishes or undoes a swap an earlier run left half-done (see claude-code-journal).
 * Call with Claude Code's locks held. `finish` does what the swap had left after its
 * file writes (recording the active account). Returns what was done, or null.
 */
export async function recoverInterruptedSwap(
  paths: ClaudeCodePaths,
  finish: (journal: SwapJournal) => Promise<void>,
): Promise<Recovery | null> {
  const journal = readJournal(paths.cutiHome);
  if (journal === null) return null;
  const recovery = await rollBackIfPartial(journal);
  if (recovery.kind === 'changed-since') throw changedSinceError(journal, recovery.path, journalPath(paths.cutiHome));
  if (recovery.kind === 'completed') await finish(journal);
  await removeJournal(paths.cutiHome);
  return recovery;
}

/** Reads the live login under Claude Code's locks, refusing one without tokens. */
export async function snapshotLiveLogin(paths: ClaudeCodePaths): Promise<LoginSnapshot> {
  // No login at all is refused before the locks: taking them creates Claude Code's
  // config dir and cuti's home, and a refused save must leave the disk as it was.
  if ((await readLiveLogin(paths))['.credentials.json'] === undefined) requireUsableLogin({}, paths.configDir);
  return withClaudeCodeLocks(paths, async () => {
    if (readJournal(paths.cutiHome) !== null) {
      throw new CutiError('interrupted_swap', 'An interrupted Claude Code login switch is pending; refusing to save a login that may be half-switched', {
        hint: "Run 'cuti claude doctor --fix' (or any 'cuti claude use') to finish or undo it first",
      });
    }
    const live = await readLiveLogin(paths);
    requireUsableLogin(live, paths.configDir);
    return live;
  });
}

export interface InstallResult {
  /** `installed`: the account's login is now live; `already-live`: it was, and cuti refreshed its copy. */
  outcome: 'installed' | 'already-live';
  backupDir: string | null;
  /** An account whose saved tokens were refreshed from the live login before it was replaced. */
  refreshed: string | null;
  /** What was done about a swap an earlier run left half-done. */
  recovered: Recovery | null;
}

/** The live files a swap writes, in the order it writes them. */
type PlannedWrite = { file: LoginFile; text: string | undefined };

async function journalFor(
  paths: ClaudeCodePaths,
  operation: SwapJournal['operation'],
  account: string | null,
  live: LoginSnapshot,
  writes: PlannedWrite[],
  backupDir: string | null,
): Promise<SwapJournal> {
  const files: JournalFile[] = [];
  for (const { file, text } of writes) {
    const path = await liveTargetOf(paths, file);
    files.push({ path, before: hashOf(live[file]), after: hashOf(text), mode: await liveModeOf(path, file) });
  }
  return { version: 1, operation, account, configDir: paths.configDir, backupDir, files, startedAt: pythonIsoTimestamp() };
}

/**
 * Writes the planned live files under a journal: backup, journal, each file, then
 * `commit` (accounts.json), then the journal goes. A kill anywhere in between is
 * finished or undone by the next run.
 */
async function journalledSwap(
  paths: ClaudeCodePaths,
  operation: SwapJournal['operation'],
  account: string | null,
  live: LoginSnapshot,
  writes: PlannedWrite[],
  commit: () => Promise<void>,
): Promise<string | null> {
  const changing = writes.filter(({ file, text }) => live[file] !== text);
  const backupDir = await backupLiveFiles(
    paths,
    changing.map((w) => w.file),
  );
  faultPoint(`${operation}:after-backup`);
  await writeJournal(paths.cutiHome, await journalFor(paths, operation, account, live, changing, backupDir));
  faultPoint(`${operation}:after-journal`);
  for (const { file, text } of changing) {
    if (text === undefined) await removeLiveFile(paths, file);
    else await writeLiveFile(paths, file, text);
    faultPoint(`${operation}:after-${file.replace(/^\./, '')}`);
  }
  await commit();
  faultPoint(`${operation}:after-commit`);
  await removeJournal(paths.cutiHome);
  return backupDir;
}

export interface AccountHooks {
  /** Records the account as active (accounts.json); run before the journal goes. */
  commit: () => Promise<void>;
  /** What an earlier run's interrupted swap had left to record. */
  finish: (journal: SwapJournal) => Promise<void>;
  /** Every saved account whose tokens include one of the live ones, other than `except`. */
  otherOwnersOf: (credentials: string, except: string) => Promise<string[]>;
}

/**
 * Puts an account's saved login into Claude Code's config dir. `previous` is the
 * account that was active: when the live login is that account's (same identity, and
 * its tokens belong to no other account), its newer tokens (Claude Code rotates
 * refresh tokens) are saved back into it before being replaced; older ones never are.
 */
export async function installLogin(
  storage: StorageAdapter,
  paths: ClaudeCodePaths,
  name: string,
  previous: string | null,
  hooks: AccountHooks,
): Promise<InstallResult> {
  requireLiveOutsideStore(paths, `put account '${shown(name)}' in place there`);
  return withClaudeCodeLocks(paths, async () => {
    const recovered = await recoverInterruptedSwap(paths, hooks.finish);
    // Read after recovery: `previous` may just have changed.
    const arriving = await storage.readLoginSnapshot(name);
    const arrivingCredentials = requireUsableLogin(arriving, storage.accountPath(name));
    const live = await readLiveLogin(paths);
    const liveCredentials = live['.credentials.json'];
    const liveUsable = liveCredentials !== undefined && loginProblem(liveCredentials) === null;
    const liveId = loginIdentity(live['.claude.json']);
    // The live tokens belong to the live identity only if no other account holds them.
    const liveOwnedBy = async (account: string) =>
      liveUsable && (await hooks.otherOwnersOf(liveCredentials, account)).length === 0;

    if (liveUsable && liveId !== null && liveId === loginIdentity(arriving['.claude.json']) && (await liveOwnedBy(name))) {
      // Same account already live: keep its live tokens, and update the copy when they are newer.
      const refreshed = isRefreshOf(liveCredentials, arrivingCredentials);
      if (refreshed) await storage.writeLoginSnapshot(name, { '.credentials.json': liveCredentials });
      await hooks.commit();
      return { outcome: 'already-live', backupDir: null, refreshed: refreshed ? name : null, recovered };
    }

    // Every check that can refuse comes before the first write.
    const liveConfig = live['.claude.json'];
    const mergedConfig =
      liveConfig === undefined ? arriving['.claude.json'] : await mergeLoginIntoGlobalConfig(liveConfig, arriving['.claude.json']);
    if (mergedConfig === null) throw new CorruptFileError(paths.globalConfigPath, 'not a valid JSON object');

    // Read now, under the locks and after any recovery: the caller's view may be stale.
    const previousNow = (await storage.readMetadata()).active ?? previous;
    let refreshed: string | null = null;
    if (liveUsable && previousNow !== null && previousNow !== name && liveId !== null && (await liveOwnedBy(previousNow))) {
      const previousSnapshot: LoginSnapshot = await storage.readLoginSnapshot(previousNow).catch(() => ({}));
      if (loginIdentity(previousSnapshot['.claude.json']) === liveId && isRefreshOf(liveCredentials, previousSnapshot['.credentials.json'])) {
        await storage.writeLoginSnapshot(previousNow, { '.credentials.json': liveCredentials });
        refreshed = previousNow;
      }
    }
    const writes: PlannedWrite[] = [{ file: '.credentials.json', text: await carrySharedCredentials(arrivingCredentials, liveCredentials) }];
    if (mergedConfig !== undefined) writes.push({ file: '.claude.json', text: mergedConfig });
    const backupDir = await journalledSwap(paths, 'use', name, live, writes, hooks.commit);
    return { outcome: 'installed', backupDir, refreshed, recovered };
  });
}

/**
 * Signs Claude Code out so a new login can be made: the credentials file goes and the
 * identity leaves `.claude.json` (the rest of it, projects and MCP servers, stays).
 * `keep` saves the live login first (as a backup account). Returns the backup of what
 * was removed, or null when nothing was there.
 */
export async function clearLiveLogin(
  paths: ClaudeCodePaths,
  hooks: Pick<AccountHooks, 'commit' | 'finish'> & { keep: (live: LoginSnapshot) => Promise<void> },
): Promise<{ backupDir: string | null; recovered: Recovery | null }> {
  requireLiveOutsideStore(paths, 'sign Claude Code out there');
  return withClaudeCodeLocks(paths, async () => {
    const recovered = await recoverInterruptedSwap(paths, hooks.finish);
    const live = await readLiveLogin(paths);
    const config = live['.claude.json'];
    const signedOut = config === undefined ? undefined : await removeLoginFromGlobalConfig(config);
    if (signedOut === null) throw new CorruptFileError(paths.globalConfigPath, 'not a valid JSON object');
    await hooks.keep(live);
    const writes: PlannedWrite[] = [{ file: '.credentials.json', text: undefined }];
    if (signedOut !== undefined) writes.push({ file: '.claude.json', text: signedOut });
    const backupDir = await journalledSwap(paths, 'new', null, live, writes, hooks.commit);
    return { backupDir, recovered };
  });
}
