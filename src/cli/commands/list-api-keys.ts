import type { Command } from 'commander';

import { suggestedName } from '../../domain/shell-quote.js';
import { formatDateTime } from '../../domain/timestamps.js';
import { printWarnings, type CliContext } from '../context.js';
import { printJson } from '../json-output.js';
import { safe, shown } from '../../domain/safe-text.js';

export function registerListApiKeys(claude: Command, ctx: () => CliContext): void {
  claude
    .command('list-api-keys')
    .description('List all API key providers for an account')
    .argument('<account>', 'account name')
    .option('--json', 'print JSON for scripts')
    .action((account: string, options: ListApiKeysOptions) => listApiKeys(ctx(), account, options));
}

export interface ListApiKeysOptions {
  json?: boolean;
}

export async function listApiKeys(c: CliContext, account: string, options: ListApiKeysOptions): Promise<void> {
  const { credentials, warnings } = await c.service.listProviders(account);
  if (options.json) {
    printJson(c, { account, providers: credentials.map((k) => ({ provider: k.provider, created: k.created })), warnings });
    return;
  }
  printWarnings(c, warnings);
  const { style } = c.out;
  const name = shown(account);
  if (credentials.length === 0) {
    c.out.line(style.yellow(safe`No API keys found for account: ${name}`));
    c.out.line();
    c.out.line(style.dim('Add an API key with:'));
    // No key in the suggested command: without --api-key cuti asks for it, hidden.
    c.out.line(safe`  ${style.cyan(safe`cuti claude add-api-key ${suggestedName(account)} --provider anthropic`)}`);
    return;
  }
  c.out.line(safe`${style.green('API Keys for account:')} ${style.cyan(name)}`);
  c.out.line();
  for (const credential of credentials) {
    c.out.line(safe`  • ${style.cyan(credential.provider)} - Added: ${formatDateTime(credential.created)}`);
  }
}
