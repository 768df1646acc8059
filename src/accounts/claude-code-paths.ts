import { join, resolve } from 'node:path';

import type { LoginFile } from '../domain/claude-login.js';
import { cutiHome, homeDir } from '../storage/paths.js';

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
