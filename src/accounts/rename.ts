import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

import { EXEC_GUARD_VAR } from '../domain/claude-env.js';
import { CutiError, ValidationError } from '../domain/errors.js';
import { shown } from '../domain/safe-text.js';
import { refuseLookalike, validateAccountName } from '../domain/validation.js';
import type { RenameOutcome, StorageAdapter, StoreHealth, StoreProblem } from '../storage/adapter.js';
import { accountsRoot } from '../storage/paths.js';
import { existingConfigDir } from './claude-code-config-dir.js';
import { journalPath, readJournal } from './claude-code-journal.js';
import { realPathOf, type ClaudeCodePaths } from './claude-code-paths.js';
import { requireAccount } from './service.js';

/*
 * `cuti claude rename <old> <new>` and the TUI's rename: an account gets another name,
 * and both cuti and the original tool go on reading it (the storage adapter moves the
 * directory, the accounts.json entry and the active mark, crash-safe). What depends on
 * the old name from outside the store is checked here, before anything moves:
 *   - a process started with the account's credentials (`exec`, or a shell and the
 *     programs it started after `eval "$(cuti claude env <old>)"`) keeps the old path
 *     in CLAUDE_CONFIG_DIR, or the old name in its key helper; Claude Code would then
 *     write its login and sessions into a directory that is gone (or make it again);
 *     so a rename is refused while such a process runs (found through /proc on Linux,
 *     and always in the environment cuti itself runs in);
 *   - an interrupted login switch names accounts in its journal: it is finished first.
 * Keychain entries are named by random ids, not by account, so references still resolve.
 */

export interface RenameResult extends RenameOutcome {
  from: string;
  to: string;
  /** The account's own Claude Code directory at its new path, when it has one. */
  configDir: string | null;
}

export interface RenameContext {
  storage: StorageAdapter;
  now: () => string;
  /** Claude Code's paths (for its swap journal); null where there are none (memory tests). */
  paths: ClaudeCodePaths | null;
  /** The environment cuti runs in. */
  env: NodeJS.ProcessEnv;
  /** Processes to look through for users of the account; /proc on Linux. */
  processes?: () => ProcessInfo[];
}

export interface ProcessInfo {
  pid: number;
  command: string;
  env: Record<string, string>;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Whether an environment hands this account to what runs in it: CLAUDE_CONFIG_DIR inside
 * its directory, or `exec` of an account of that name in the same home (names repeat
 * across homes, so the home the environment would use is compared too).
 */
export function environmentUses(env: NodeJS.ProcessEnv, account: string, accountDir: string): boolean {
  if (env[EXEC_GUARD_VAR] === account && realPathOf(join(accountsRoot(env), account)) === realPathOf(accountDir)) return true;
  const configDir = env.CLAUDE_CONFIG_DIR;
  return configDir !== undefined && configDir !== '' && isAbsolute(configDir) && isInside(realPathOf(accountDir), realPathOf(resolve(configDir)));
}

/** This user's processes, with their environments, from /proc (empty elsewhere: nothing to read). */
export function procProcesses(): ProcessInfo[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid);
  } catch {
    return [];
  }
  const found: ProcessInfo[] = [];
  for (const pid of pids) {
    let raw: string;
    try {
      raw = readFileSync(`/proc/${pid}/environ`, 'utf8');
    } catch {
      continue; // another user's, or gone
    }
    // Only processes that may use an account are worth their command line.
    if (!raw.includes('CLAUDE_CONFIG_DIR=') && !raw.includes(`${EXEC_GUARD_VAR}=`)) continue;
    const env: Record<string, string> = {};
    for (const pair of raw.split('\0')) {
      const eq = pair.indexOf('=');
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    let command = '';
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    } catch {
      // gone meanwhile
    }
    found.push({ pid: Number(pid), command, env });
  }
  return found;
}

/** Refuses while this environment, or a running process, has the account's old name or path. */
function refuseWhileInUse(context: RenameContext, from: string): void {
  const dir = context.storage.accountPath(from);
  const display = shown(from);
  if (environmentUses(context.env, from, dir)) {
    throw new CutiError('account_in_use', `Account '${display}' is in use in this shell (CLAUDE_CONFIG_DIR or cuti claude exec); a rename would leave it pointing at a name that is gone`, {
      hint: 'Leave that shell, or run eval "$(cuti claude env --unset)", then rename',
    });
  }
  const users = (context.processes ?? procProcesses)().filter((p) => environmentUses(p.env, from, dir));
  const first = users[0];
  if (first !== undefined) {
    const others = users.length > 1 ? ` and ${users.length - 1} other process(es)` : '';
    throw new CutiError(
      'account_in_use',
      `Account '${display}' is in use by a running process (pid ${first.pid}, ${shown(first.command.split('/').pop() ?? '')})${others}; a rename would leave it writing to a directory that is gone`,
      { hint: 'Quit it (and leave shells where cuti claude env set it up), then rename' },
    );
  }
}

/** `doctor`: a rename a killed run left half-done (the active mark may point at a name that is gone); `fix` finishes or undoes it. */
export async function checkInterruptedRename(
  storage: StorageAdapter,
  options: { fix: boolean; now: () => string },
): Promise<Pick<StoreHealth, 'found' | 'remaining'>> {
  const pending = await storage.pendingRename();
  if (pending === null) return { found: [], remaining: [] };
  const problem: StoreProblem = {
    kind: 'interrupted-rename',
    path: storage.location,
    message: `A rename of account '${shown(pending.from)}' to '${shown(pending.to)}' was interrupted; the account is readable, and the next rename or doctor --fix finishes or undoes it`,
    fix: 'finished or undid the interrupted rename',
  };
  if (!options.fix) return { found: [{ ...problem, fixed: false }], remaining: [problem] };
  const done = await storage.finishInterruptedRename(options.now());
  const fix = done === null ? problem.fix : `${done.outcome === 'undone' ? 'Undid' : done.outcome === 'finished' ? 'Finished' : 'Dropped'} the interrupted rename of '${shown(pending.from)}' to '${shown(pending.to)}'`;
  return { found: [{ ...problem, fix, fixed: true }], remaining: [] };
}

export async function renameAccount(context: RenameContext, from: string, to: string): Promise<RenameResult> {
  const { storage } = context;
  validateAccountName(to);
  // A rename killed half-way is finished (or undone) first; a rerun of that very rename is then done.
  const recovered = await storage.finishInterruptedRename(context.now());
  if (recovered?.outcome === 'finished' && recovered.from === from && recovered.to === to) {
    const active = (await storage.readMetadata()).active === to;
    return { from, to, wasActive: active, recovered, configDir: context.paths === null ? null : existingConfigDir(storage.accountPath(to)) };
  }
  await requireAccount(storage, from);
  if (from === to) throw new ValidationError(`Account '${shown(from)}' already has that name`);
  if (await storage.accountExists(to)) {
    throw new CutiError('account_exists', `Account '${shown(to)}' already exists`, { hint: 'Choose another name, or delete that account first' });
  }
  // The account's own old name may differ from the new one in case only.
  refuseLookalike(to, (await storage.listAccountDirs()).filter((name) => name !== from));
  // Unreadable accounts.json: refused here, before anything else is looked at.
  await storage.readMetadata();
  if (context.paths !== null && readJournal(context.paths.cutiHome) !== null) {
    throw new CutiError('interrupted_swap', `An interrupted Claude Code login switch is pending (${shown(journalPath(context.paths.cutiHome))}); it names accounts, so nothing is renamed until it is finished`, {
      hint: "Run 'cuti claude doctor --fix' to finish or undo it first",
    });
  }
  refuseWhileInUse(context, from);
  const outcome = await storage.renameAccount(from, to, context.now());
  if (outcome.recovered === null && recovered !== null) outcome.recovered = recovered;
  const configDir = context.paths === null ? null : existingConfigDir(storage.accountPath(to));
  return { ...outcome, from, to, configDir };
}
