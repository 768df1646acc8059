import type { Command } from 'commander';

import { EXEC_GUARD_VAR } from '../../domain/claude-env.js';
import type { CliContext } from '../context.js';

/**
 * Prints one Anthropic key and nothing else, for Claude Code's `apiKeyHelper` (which
 * runs it through /bin/sh and sends stdout as the key). Errors go to stderr only.
 */
export function registerPrintKey(claude: Command, ctx: () => CliContext): void {
  claude
    .command('print-key')
    .description("Print only the active account's Anthropic API key (for Claude Code's apiKeyHelper)")
    .argument('[account]', "account name (default: the account of the 'cuti claude exec' it runs in, else the active one)")
    .action(async (account: string | undefined) => {
      const c = ctx();
      // Inside 'cuti claude exec <account>', Claude Code's helper must hand over that
      // account's key, not the active one's: one request, one account.
      const execAccount = c.env[EXEC_GUARD_VAR];
      const { key } = await c.claudeCode.anthropicKey(account ?? (execAccount !== undefined && execAccount !== '' ? execAccount : undefined));
      c.out.data(key);
    });
}
