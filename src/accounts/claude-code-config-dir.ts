import { existsSync, mkdirSync } from 'node:fs';

import { accountClaudeConfigDir } from './claude-code-paths.js';

/**
 * The login kind of account: Claude Code keeps the login in the account's own
 * configuration directory (`cuti claude login`), and cuti only points
 * CLAUDE_CONFIG_DIR there. Recorded as this `type` in accounts.json, so `list` knows
 * the kind without looking inside, and the original tool shows it as a type too.
 */
export const CONFIG_DIR_LOGIN_TYPE = 'Claude Code login';

/** The account's Claude Code configuration directory, if `login` made one. */
export function existingConfigDir(accountDir: string): string | null {
  const dir = accountClaudeConfigDir(accountDir);
  return existsSync(dir) ? dir : null;
}

/** Makes the directory (and the account's own), private to the user. */
export function makeConfigDir(accountDir: string): string {
  const dir = accountClaudeConfigDir(accountDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
