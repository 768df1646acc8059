import type { Command } from 'commander';

import { CutiError } from '../../domain/errors.js';
import { suggestedName } from '../../domain/shell-quote.js';
import type { CliContext } from '../context.js';
import { safe, shown } from '../../domain/safe-text.js';

/**
 * The original tool's `save`: snapshots Claude Code's current login (from
 * CLAUDE_CONFIG_DIR or ~/.claude) into an account and makes it the active one.
 */
export function registerSave(claude: Command, ctx: () => CliContext): void {
  claude
    .command('save')
    .description("Save the current Claude Code login (CLAUDE_CONFIG_DIR or ~/.claude) as an account")
    .argument('[account]', 'account name')
    .option('-n, --name <account>', 'account name (as the original tool spells it)')
    .option('-f, --force', 'overwrite an existing account', false)
    .action(async (positional: string | undefined, options: { name?: string; force: boolean }) => {
      const c = ctx();
      if (positional !== undefined && options.name !== undefined && positional !== options.name) {
        throw new CutiError('usage', 'Give the account name once: either <account> or --name', { exitCode: 2 });
      }
      const account = positional ?? options.name;
      if (account === undefined) {
        throw new CutiError('usage', "missing account name: cuti claude save <account> (or -n <account>)", { exitCode: 2 });
      }
      const result = await c.claudeCode.saveLogin(account, { force: options.force });
      const { style } = c.out;
      const name = shown(account);
      c.out.line(safe`${style.green('✓')} ${result.updated ? 'Updated' : 'Saved'} account: ${style.cyan(name)} (${result.type})`);
      c.out.line();
      c.out.line(style.dim('The current Claude Code login has been saved, and this account is now active.'));
      c.out.line(style.dim(safe`Switch to this account anytime with: ${style.cyan(safe`cuti claude use ${suggestedName(account)}`)}`));
    });
}
