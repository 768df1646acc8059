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
