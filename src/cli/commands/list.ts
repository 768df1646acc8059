import type { Command } from 'commander';

import type { AccountSummary } from '../../accounts/service.js';
import { formatDate, formatDateTime } from '../../domain/timestamps.js';
import { printWarnings, type CliContext } from '../context.js';
import { accountJson, printJson } from '../json-output.js';
import { renderTable } from '../render/table.js';
import { safe } from '../../domain/safe-text.js';

export const ACTIVE_MARK = '🟢 Active';
export const NO_CREDENTIALS_MARK = '⚠️  No Credentials';

export function statusLabel(account: AccountSummary): string {
  if (!account.hasCredentials) return NO_CREDENTIALS_MARK;
  return account.active ? ACTIVE_MARK : '';
}

export function registerList(claude: Command, ctx: () => CliContext): void {
  claude
    .command('list')
    .description('List all Claude accounts (OAuth logins and API keys)')
    .option('--backups', 'include auto-generated backup accounts', LIST_DEFAULTS.backups)
    // The original tool's flag: it declares it and shows the same table, so scripts pass it.
    .option('-v, --verbose', 'accepted for compatibility with the original tool (same table)')
    .option('--json', 'print JSON for scripts')
    .action((options: ListOptions) => listAccounts(ctx(), options));
}

export interface ListOptions {
  backups: boolean;
  json?: boolean;
}

/** What `list` does when no option is given (the parser's defaults, and the fast path's). */
export const LIST_DEFAULTS: ListOptions = { backups: false };

export async function listAccounts(c: CliContext, options: ListOptions): Promise<void> {
  const { style } = c.out;
  const list = await c.service.listAccounts({ includeBackups: options.backups });
  if (options.json) {
    printJson(c, { accounts: list.accounts.map(accountJson), active: list.active, hiddenBackups: list.hiddenBackups });
    return;
  }
  printWarnings(
    c,
    list.accounts.flatMap((a) => a.warnings),
  );
  if (list.accounts.length === 0) {
    c.out.line(style.yellow('No Claude accounts found.'));
    c.out.line();
    c.out.line(style.dim('Add your first API key with:'));
    // No key on the command line (shell history): without --api-key cuti asks for it.
    c.out.line(safe`  ${style.cyan('cuti claude add-api-key <account>')}  ${style.dim('(asks for the key)')}`);
    c.out.line(style.dim('or browse and add keys interactively:'));
    c.out.line(safe`  ${style.cyan('cuti claude tui')}`);
    return;
  }
  const rows = list.accounts.map((a) => [
    a.name,
    a.type,
    formatDate(a.created),
    formatDateTime(a.lastUsed, 'never'),
    statusLabel(a),
  ]);
  c.out.line(await renderTable('Claude Accounts', ['Name', 'Type', 'Created', 'Last Used', 'Status'], rows, c.out.width));
  if (list.hiddenBackups > 0) {
    c.out.line();
    c.out.line(style.dim(safe`Note: ${list.hiddenBackups} backup account(s) hidden. Use --backups to show them.`));
  }
  c.out.line();
  if (list.active) {
    c.out.line(safe`${style.green('Active Account:')} ${list.active}`);
  } else {
    c.out.line(style.yellow('No active account'));
    c.out.line(style.dim("Use 'cuti claude use <account>' to activate an account"));
  }
}
