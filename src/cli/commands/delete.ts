import { dirname } from 'node:path';

import type { Command } from 'commander';

import type { CliContext } from '../context.js';
import { confirm } from '../prompt.js';
import { safe, shown } from '../../domain/safe-text.js';

/** The original tool's `delete <account>`: removes an account and every file in it. */
export function registerDelete(claude: Command, ctx: () => CliContext): void {
  claude
    .command('delete')
    .description('Delete a saved account and all its credentials')
    .argument('<account>', 'account name')
    .option('-f, --force', 'skip confirmation', false)
    .option('--with-backups', "also remove cuti's backups of Claude Code files that hold this account's login, without asking", false)
    .action(async (account: string, options: { force: boolean; withBackups: boolean }) => {
      const c = ctx();
      if (await c.service.hasLeftEntry(account)) {
        // Only its entry in accounts.json is left (an earlier delete stopped half-way).
        await c.service.deleteAccount(account);
        c.out.line(safe`${c.out.style.green('✓')} Deleted account: ${c.out.style.cyan(shown(account))} (its files were already gone)`);
        return;
      }
      const details = await c.service.getAccountDetails(account);
      // Looked for before the account (whose saved login identifies them) is gone.
      const backups = await c.claudeCode.backupsOf(account);
      let removeBackups = options.withBackups;
      const name = shown(account);
      const { style } = c.out;
      if (!options.force) {
        c.err.line(safe`${c.err.style.yellow('⚠')}  About to delete account: ${c.err.style.cyan(name)}`);
        if (details.active) c.err.line(c.err.style.red('This is the currently active account!'));
        if (!(await confirm('Are you sure?', c))) {
          c.out.line(style.dim('Deletion cancelled'));
          return;
        }
        if (backups.length > 0 && !removeBackups) {
          const question = `Also remove ${backups.length} backup(s) of Claude Code files that hold its login (copies of its tokens)?`;
          removeBackups = await confirm(question, c);
        }
      }
      const { wasActive } = await c.service.deleteAccount(account);
      c.out.line(safe`${style.green('✓')} Deleted account: ${style.cyan(name)}`);
      if (backups.length > 0) {
        if (removeBackups) {
          await c.claudeCode.removeBackups(backups);
          c.out.line(safe`${style.green('✓')} Removed ${backups.length} backup(s) of its Claude Code login`);
        } else {
          c.out.line(style.dim(safe`  ${backups.length} backup(s) of its Claude Code login are kept in ${dirname(backups[0] ?? '')}`));
        }
      }
      if (wasActive) {
        c.out.line();
        c.out.line(safe`${style.yellow('Note:')} This was your active account.`);
        c.out.line(style.dim("Use 'cuti claude use <account>' to activate another account"));
      }
    });
}
