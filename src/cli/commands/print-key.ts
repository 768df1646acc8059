import type { Command } from 'commander';

import type { CliContext } from '../context.js';

/**
 * Prints one Anthropic key and nothing else, for Claude Code's `apiKeyHelper` (which
 * runs it through /bin/sh and sends stdout as the key). Errors go to stderr only.
 */
export function registerPrintKey(claude: Command, ctx: () => CliContext): void {
  claude
    .command('print-key')
    .description("Print only the active account's Anthropic API key (for Claude Code's apiKeyHelper)")
    .argument('[account]', 'account name (default: the active account)')
    .action(async (account: string | undefined) => {
      const c = ctx();
      const { key } = await c.claudeCode.anthropicKey(account);
      c.out.line(key);
    });
}
