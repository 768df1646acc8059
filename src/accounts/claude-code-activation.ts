import {
  carrySharedCredentials,
  describeLoginProblem,
  loginIdentity,
  loginProblem,
  mergeLoginIntoGlobalConfig,
  removeLoginFromGlobalConfig,
  type LoginSnapshot,
} from '../domain/claude-login.js';
import { CorruptFileError, CutiError } from '../domain/errors.js';
import type { StorageAdapter } from '../storage/adapter.js';
import { backupLiveFiles, readLiveLogin, removeLiveFile, withClaudeCodeLocks, writeLiveFile } from './claude-code-login.js';
import type { ClaudeCodePaths } from './claude-code-paths.js';

/**
 * Moving Claude Code OAuth logins between Claude Code's live config dir and cuti's
 * accounts, the way the original tool's save/use/new do, made safe: Claude Code's
 * locks held throughout, every refusal before the first write, a backup of whatever
 * is replaced, and a refreshed token never lost.
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

/** Reads the live login under Claude Code's locks, refusing one without tokens. */
export async function snapshotLiveLogin(paths: ClaudeCodePaths): Promise<LoginSnapshot> {
  return withClaudeCodeLocks(paths, async () => {
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
}

/**
 * Puts an account's saved login into Claude Code's config dir. `previous` is the
 * account that was active: when the live login is that account's, its newer tokens
 * (Claude Code rotates refresh tokens) are saved back into it before being replaced.
 */
export async function installLogin(
  storage: StorageAdapter,
  paths: ClaudeCodePaths,
  name: string,
  previous: string | null,
): Promise<InstallResult> {
  const arriving = await storage.readLoginSnapshot(name);
  const arrivingCredentials = requireUsableLogin(arriving, storage.accountPath(name));
  return withClaudeCodeLocks(paths, async () => {
    const live = await readLiveLogin(paths);
    const liveCredentials = live['.credentials.json'];
    const liveUsable = liveCredentials !== undefined && loginProblem(liveCredentials) === null;
    const liveId = loginIdentity(live['.claude.json']);

    if (liveUsable && liveId !== null && liveId === loginIdentity(arriving['.claude.json'])) {
      // Same account already live: its live tokens are the newest; keep them and update the copy.
      if (liveCredentials !== arrivingCredentials) await storage.writeLoginSnapshot(name, { '.credentials.json': liveCredentials });
      return { outcome: 'already-live', backupDir: null, refreshed: liveCredentials !== arrivingCredentials ? name : null };
    }

    // Every check that can refuse comes before the first write.
    const liveConfig = live['.claude.json'];
    const mergedConfig =
      liveConfig === undefined ? arriving['.claude.json'] : await mergeLoginIntoGlobalConfig(liveConfig, arriving['.claude.json']);
    if (mergedConfig === null) throw new CorruptFileError(paths.globalConfigPath, 'not a valid JSON object');

    let refreshed: string | null = null;
    if (liveUsable && previous !== null && previous !== name && liveId !== null) {
      const previousSnapshot: LoginSnapshot = await storage.readLoginSnapshot(previous).catch(() => ({}));
      if (loginIdentity(previousSnapshot['.claude.json']) === liveId && previousSnapshot['.credentials.json'] !== liveCredentials) {
        await storage.writeLoginSnapshot(previous, { '.credentials.json': liveCredentials });
        refreshed = previous;
      }
    }
    const backupDir = await backupLiveFiles(paths, ['.credentials.json', '.claude.json']);
    await writeLiveFile(paths, '.credentials.json', await carrySharedCredentials(arrivingCredentials, liveCredentials));
    if (mergedConfig !== undefined) await writeLiveFile(paths, '.claude.json', mergedConfig);
    return { outcome: 'installed', backupDir, refreshed };
  });
}

/**
 * Signs Claude Code out so a new login can be made: the credentials file goes and the
 * identity leaves `.claude.json` (the rest of it, projects and MCP servers, stays).
 * Returns the backup of what was removed, or null when nothing was there.
 */
export async function clearLiveLogin(paths: ClaudeCodePaths): Promise<string | null> {
  return withClaudeCodeLocks(paths, async () => {
    const live = await readLiveLogin(paths);
    const config = live['.claude.json'];
    const signedOut = config === undefined ? undefined : await removeLoginFromGlobalConfig(config);
    if (signedOut === null) throw new CorruptFileError(paths.globalConfigPath, 'not a valid JSON object');
    const backupDir = await backupLiveFiles(paths, ['.credentials.json', '.claude.json']);
    await removeLiveFile(paths, '.credentials.json');
    if (signedOut !== undefined && signedOut !== config) await writeLiveFile(paths, '.claude.json', signedOut);
    return backupDir;
  });
}
