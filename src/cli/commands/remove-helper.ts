import type { Command } from 'commander';

import type { CliContext } from '../context.js';
import { safe } from '../../domain/safe-text.js';

/** Undoes `use --claude-code`: Claude Code goes back to its own credentials. */
export function registerRemoveHelper(claude: Command, ctx: () => CliContext): void {
  claude
    .command('remove-helper')
    .description("Remove cuti's apiKeyHelper and awsCredentialExport from Claude Code's settings (undoes use --claude-code; backup first)")
    .action(async () => {
      const c = ctx();
      const change = await c.claudeCode.removeKeyHelper();
      const { style } = c.out;
      if (change === null) {
        c.out.line(style.dim("Claude Code's settings hold no apiKeyHelper or awsCredentialExport of cuti's; nothing to do"));
        return;
      }
      c.out.line(safe`${style.green('✓')} Removed cuti's ${change.removed.join(' and ')} from ${change.path}`);
      if (change.backupDir) c.out.line(style.dim(safe`  Previous settings.json kept in ${change.backupDir}`));
      if (change.remainingEnv.length > 0) {
        // Written by `use --claude-code` or by hand: cuti cannot tell, so it leaves them.
        c.out.line(style.dim(safe`  Its env block still sets ${change.remainingEnv.join(' ')}; Claude Code follows them`));
      }
    });
}
