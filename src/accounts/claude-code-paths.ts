import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

import type { LoginFile } from '../domain/claude-login.js';
import { ACCOUNTS_DIR, cutiHome, homeDir } from '../storage/paths.js';

/**
 * Where a running Claude Code keeps its login and settings on this machine: its
 * config dir is CLAUDE_CONFIG_DIR or ~/.claude; its global config (`.claude.json`,
 * which names the signed-in account) sits inside CLAUDE_CONFIG_DIR when that is set,
 * and in the home directory otherwise.
 */
export interface ClaudeCodePaths {
  configDir: string;
  credentialsPath: string;
  globalConfigPath: string;
  settingsPath: string;
  /** Where cuti keeps copies of Claude Code files it replaced. */
  backupRoot: string;
  /** cuti's own home (CUTI_HOME or ~/.cuti), which must never be taken for Claude Code's. */
  cutiHome: string;
  /** True when the config dir comes from CLAUDE_CONFIG_DIR. */
  fromEnv: boolean;
}

function expandTilde(path: string, env: NodeJS.ProcessEnv): string {
  return path === '~' || path.startsWith('~/') ? join(homeDir(env), path.slice(1)) : path;
}

export function claudeCodePaths(env: NodeJS.ProcessEnv = process.env): ClaudeCodePaths {
  const override = env.CLAUDE_CONFIG_DIR;
  const configDir = override ? resolve(expandTilde(override, env)) : join(homeDir(env), '.claude');
  return {
    configDir,
    credentialsPath: join(configDir, '.credentials.json'),
    globalConfigPath: override ? join(configDir, '.claude.json') : join(homeDir(env), '.claude.json'),
    settingsPath: join(configDir, 'settings.json'),
    backupRoot: join(cutiHome(env), 'backups', 'claude-code'),
    cutiHome: cutiHome(env),
    fromEnv: Boolean(override),
  };
}

/** The live path that holds each snapshot file. */
export function livePathOf(paths: ClaudeCodePaths, file: LoginFile): string {
  if (file === '.credentials.json') return paths.credentialsPath;
  if (file === '.claude.json') return paths.globalConfigPath;
  return paths.settingsPath;
}

/**
 * The Claude Code configuration directory cuti gives an account of its own (`cuti claude
 * login <account>`, and `exec`/`env` of such an account point CLAUDE_CONFIG_DIR at it).
 * It is a subdirectory of the account's directory, so deleting the account deletes it,
 * while the account directory itself (cuti's files: `.api_keys.json`, a saved snapshot)
 * stays cuti's and `doctor` can tell which part is Claude Code's. Claude Code writes its
 * sessions, settings and (on Linux/Windows) its login there; on macOS the login goes to a
 * Keychain item named after a hash of this path, so the path is always given absolute and
 * without a trailing slash. cuti never reads the tokens inside.
 */
export const ACCOUNT_CLAUDE_CONFIG_DIR = 'claude-code';

export function accountClaudeConfigDir(accountDir: string): string {
  return join(resolve(accountDir), ACCOUNT_CLAUDE_CONFIG_DIR);
}

/** The path with every link resolved, as far as it exists (the rest appended as given). */
export function realPathOf(path: string): string {
  const missing: string[] = [];
  let existing = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(existing), ...missing.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return resolve(path);
      missing.push(existing.slice(parent.length).replace(/^\/+/, ''));
      existing = parent;
    }
  }
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The path inside cuti's home that Claude Code's config dir (or global config) resolves
 * to, or null when it is outside. Inside means it is a saved account (set there by
 * `cuti claude env` or `exec`), never the live login: writing into it would overwrite an
 * account. Both sides are resolved, so links and `..` cannot hide it.
 */
export function liveDirInsideStore(paths: ClaudeCodePaths): string | null {
  const home = realPathOf(join(paths.cutiHome, ACCOUNTS_DIR));
  for (const candidate of [paths.configDir, dirname(paths.globalConfigPath)]) {
    const real = realPathOf(candidate);
    if (isInside(home, real)) return candidate;
  }
  return null;
}

/** True when CLAUDE_CONFIG_DIR points into cuti's store (cuti set it for an account). */
export function configDirSetByCuti(paths: ClaudeCodePaths): boolean {
  return paths.fromEnv && isInside(realPathOf(join(paths.cutiHome, ACCOUNTS_DIR)), realPathOf(paths.configDir));
}
