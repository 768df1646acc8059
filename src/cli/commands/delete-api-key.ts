import type { Command } from 'commander';

import { parseProvider, PROVIDERS } from '../../domain/providers/index.js';
import type { CliContext } from '../context.js';
import { confirm } from '../prompt.js';
import { safe, shown } from '../../domain/safe-text.js';

export function registerDeleteApiKey(claude: Command, ctx: () => CliContext): void {
  claude
    .command('delete-api-key')
    .description('Delete an API key from an account')
    .argument('<account>', 'account name')
    .requiredOption('-p, --provider <provider>', `provider: ${PROVIDERS.join(', ')} (required)`)
    .option('-f, --force', 'skip confirmation', false)
    .action(async (account: string, options: { provider: string; force: boolean }) => {
      const c = ctx();
      const provider = parseProvider(options.provider);
      // Fails with the spec's "No … API key found" before asking anything.
      await c.service.getCredential(account, provider);
      const { style } = c.out;
      const name = shown(account);
      if (!options.force) {
        c.err.line(safe`${c.err.style.yellow('⚠')}  About to delete ${provider} API key from account: ${c.err.style.cyan(name)}`);
        if (!(await confirm('Are you sure?', c))) {
          c.out.line(style.dim('Deletion cancelled'));
          return;
        }
      }
      await c.service.deleteCredential(account, provider);
      c.out.line(safe`${style.green('✓')} Deleted ${provider} API key from account: ${style.cyan(name)}`);
    });
}
