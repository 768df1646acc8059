import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const API_KEYS_FILE = '.api_keys.json';
export const OAUTH_CREDENTIALS_FILE = '.credentials.json';
/** The locks every writer into an account's directory takes (its keys, its saved login); moving the directory takes them all. */
export const DIR_LOCKED_FILES = [API_KEYS_FILE, OAUTH_CREDENTIALS_FILE] as const;
export const METADATA_FILE = 'accounts.json';
export const ACCOUNTS_DIR = 'claude-accounts';

/** The home directory: $HOME when set, so tests and sandboxes can move it. */
export function homeDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOME && env.HOME !== '' ? env.HOME : homedir();
}

/** `~/.cuti`, or `CUTI_HOME` when set (tests and people with several setups). */
export function cutiHome(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.CUTI_HOME;
  if (override !== undefined && override !== '') return resolve(override);
  return join(homeDir(env), '.cuti');
}

export function accountsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(cutiHome(env), ACCOUNTS_DIR);
}

/** Which secret store the home uses, and a move between stores left unfinished (cuti's own). */
export const SECRET_STORE_FILE = '.secret-store.json';
