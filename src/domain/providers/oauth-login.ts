import type { EnvVars } from './types.js';

/**
 * A Claude Code subscription login, the one credential kind that is not an entry of
 * `.api_keys.json`: Claude Code keeps it in a configuration directory (and, on macOS,
 * in a Keychain item named after that directory), and is handed it by pointing
 * CLAUDE_CONFIG_DIR there. cuti never reads the tokens to hand them over.
 */
export const oauthLogin = {
  id: 'oauth',
  label: 'Claude Code login',
  envVars: ['CLAUDE_CONFIG_DIR'] as const,
  env: (configDir: string): EnvVars => [['CLAUDE_CONFIG_DIR', configDir]],
  /** How `list` shows a login's type: its subscription (`max` → `Max`), as the original tool does. */
  typeLabel: (subscription: string): string => subscription,
} as const;
