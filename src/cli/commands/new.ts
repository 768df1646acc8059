import type { Command } from 'commander';

import type { CliContext } from '../context.js';
import { safe } from '../../domain/safe-text.js';

/**
 * The original tool's `new`: keeps the current Claude Code login as a `backup_…`
 * account, then signs Claude Code out so you can log in with another account.
 */
export function registerNew(claude: Command, ctx: () => CliContext): void {
  claude
    .command('new')
    .description('Back up the current Claude Code login, then sign Claude Code out to log in afresh')
    .action(async () => {
      const c = ctx();
      const { style } = c.out;
      const result = await c.claudeCode.newLogin();
      if (result.backupAccount) {
        c.out.line(safe`${style.green('✓')} Current login backed up as account: ${style.cyan(result.backupAccount)}`);
      }
      if (result.backupDir) c.out.line(style.dim(safe`  Copies of the replaced files: ${result.backupDir}`));
      c.out.line(safe`${style.green('✓')} Signed Claude Code out (its other settings and projects are kept)`);
      c.out.line();
      c.out.line(style.bold('Next steps:'));
      c.out.line(safe`  1. Log in: ${style.cyan('claude')} (then /login)`);
      c.out.line(safe`  2. Save the new login: ${style.cyan('cuti claude save "Account Name"')}`);
      c.out.line();
      c.out.line(style.dim('Previous logins stay available: cuti claude list --backups'));
    });
}
