import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const API_KEYS_FILE = '.api_keys.json';
export const OAUTH_CREDENTIALS_FILE = '.credentials.json';
export const METADATA_FILE = 'accounts.json';
export const ACCOUNTS_DIR = 'claude-accounts';

/** `~/.cuti`, or `CUTI_HOME` when set (tests and people with several setups). */
export function cutiHome(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.CUTI_HOME;
  if (override !== undefined && override !== '') return resolve(override);
  return join(env.HOME && env.HOME !== '' ? env.HOME : homedir(), '.cuti');
}

export function accountsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(cutiHome(env), ACCOUNTS_DIR);
}
