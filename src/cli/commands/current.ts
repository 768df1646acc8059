import type { Command } from 'commander';

import { formatDateTime } from '../../domain/timestamps.js';
import type { CliContext } from '../context.js';
import { safe } from '../../domain/safe-text.js';

/** The original tool's `current`: the active account, its type and when it was last used. */
export function registerCurrent(claude: Command, ctx: () => CliContext): void {
  claude
    .command('current')
    .description('Show the currently active account')
    .action(async () => {
      const c = ctx();
      const { style } = c.out;
      const active = await c.service.activeAccount();
      if (!active) {
        c.out.line(style.yellow('No active account'));
        c.out.line();
        c.out.line(style.dim('Available commands:'));
        c.out.line(safe`  • ${style.cyan('cuti claude list')} - View all accounts`);
        c.out.line(safe`  • ${style.cyan('cuti claude use <account>')} - Activate an account`);
        c.out.line(safe`  • ${style.cyan('cuti claude save <account>')} - Save the current Claude Code login`);
        return;
      }
      c.out.line(safe`${style.green('Active Account:')} ${style.cyan(active.name)}`);
      c.out.line(safe`${style.dim('Type:')} ${active.type}`);
      c.out.line(safe`${style.dim('Last Used:')} ${formatDateTime(active.lastUsed, 'never')}`);
    });
}
