import { existsSync, mkdirSync } from 'node:fs';

import { accountClaudeConfigDir } from './claude-code-paths.js';

export { CONFIG_DIR_LOGIN_TYPE } from '../domain/claude-login.js';

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
