import type { Command } from 'commander';

import { sanitizeForDisplay } from '../../domain/sanitize.js';
import type { CliContext } from '../context.js';
import { confirm } from '../prompt.js';

/** The original tool's `delete <account>`: removes an account and every file in it. */
export function registerDelete(claude: Command, ctx: () => CliContext): void {
  claude
    .command('delete')
    .description('Delete a saved account and all its credentials')
    .argument('<account>', 'account name')
    .option('-f, --force', 'skip confirmation', false)
    .action(async (account: string, options: { force: boolean }) => {
      const c = ctx();
      const details = await c.service.getAccountDetails(account);
      const name = sanitizeForDisplay(account);
      const { style } = c.out;
      if (!options.force) {
        c.err.line(`${c.err.style.yellow('⚠')}  About to delete account: ${c.err.style.cyan(name)}`);
        if (details.active) c.err.line(c.err.style.red('This is the currently active account!'));
        if (!(await confirm('Are you sure?', c))) {
          c.out.line(style.dim('Deletion cancelled'));
          return;
        }
      }
      const { wasActive } = await c.service.deleteAccount(account);
      c.out.line(`${style.green('✓')} Deleted account: ${style.cyan(name)}`);
      if (wasActive) {
        c.out.line();
        c.out.line(`${style.yellow('Note:')} This was your active account.`);
        c.out.line(style.dim("Use 'cuti claude use <account>' to activate another account"));
      }
    });
}
