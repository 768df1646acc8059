import type { Command } from 'commander';

import { claudeCodePaths } from '../../accounts/claude-code-paths.js';
import { renameAccount } from '../../accounts/rename.js';
import { suggestedName } from '../../domain/shell-quote.js';
import type { CliContext } from '../context.js';
import { safe, shown } from '../../domain/safe-text.js';

/**
 * `rename <account> <new-name>`: not in the original tool, which reads the result all
 * the same (the directory, the accounts.json entry and the active mark move together).
 */
export function registerRename(claude: Command, ctx: () => CliContext): void {
  claude
    .command('rename')
    .description('Rename an account (its directory, its entry in accounts.json, and the active mark)')
    .argument('<account>', 'the account to rename')
    .argument('<new-name>', 'its new name')
    .action(async (account: string, newName: string) => {
      const c = ctx();
      const result = await renameAccount(
        { storage: c.service.storage, now: c.service.now, paths: claudeCodePaths(c.env), env: c.env },
        account,
        newName,
      );
      const { style } = c.out;
      if (result.recovered !== null && (result.recovered.from !== account || result.recovered.to !== newName)) {
        const { from, to, outcome } = result.recovered;
        c.err.line(c.err.style.dim(safe`An interrupted rename of ${shown(from)} to ${shown(to)} was ${outcome === 'finished' ? 'finished' : outcome === 'undone' ? 'undone' : 'dropped'} first`));
      }
      c.out.line(safe`${style.green('✓')} Renamed account: ${style.cyan(shown(account))} → ${style.cyan(shown(newName))}`);
      if (result.wasActive) c.out.line(style.dim('  It is still the active account.'));
      if (result.configDir !== null) {
        c.out.line(style.dim(safe`  Its Claude Code directory is now ${result.configDir}`));
        c.out.line(style.dim(safe`  Shells set up with cuti claude env for the old name: run ${style.cyan(safe`eval "$(cuti claude env ${suggestedName(newName)})"`)} there again`));
        if (process.platform === 'darwin') {
          // Claude Code names its macOS Keychain item after the config dir's path.
          c.out.line(style.dim(safe`  On macOS Claude Code finds its login by that path: sign in again with ${style.cyan(safe`cuti claude login ${suggestedName(newName)}`)}`));
        }
      }
    });
}
