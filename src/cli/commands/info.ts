import type { Command } from 'commander';

import { EMPTY, safe, type SafeText } from '../../domain/safe-text.js';
import { providerLabel } from '../../domain/providers/index.js';
import { printWarnings, type CliContext } from '../context.js';
import { accountJson, credentialJson, printJson } from '../json-output.js';
import { renderPanel } from '../render/panel.js';

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** 'Yes' only when they can be read: a key file that does not parse holds nothing cuti can use. */
function hasCredentialsText(details: { hasCredentials: boolean; credentials: unknown[]; oauth: unknown; warnings: string[] }): string {
  const unreadable = details.hasCredentials && details.credentials.length === 0 && details.oauth === null && details.warnings.length > 0;
  return unreadable ? 'Yes, but they cannot be read (see the warning)' : yesNo(details.hasCredentials);
}

export function registerInfo(claude: Command, ctx: () => CliContext): void {
  claude
    .command('info')
    .description('Show everything about one account (secrets masked)')
    .argument('<account>', 'account name')
    .option('--json', 'print JSON for scripts (secrets masked)')
    .action(async (account: string, options: { json?: boolean }) => {
      const c = ctx();
      const details = await c.service.getAccountDetails(account);
      if (options.json) {
        const credentials = details.credentials.map((k) => credentialJson(k, false));
        printJson(c, { account: { ...accountJson(details), path: details.path, credentials } });
        return;
      }
      printWarnings(c, details.warnings);
      const lines: SafeText[] = [
        safe`Name: ${details.name}`,
        safe`Type: ${details.type}`,
        safe`Created: ${details.created}`,
        safe`Last Used: ${details.lastUsed}`,
        safe`Has Credentials: ${hasCredentialsText(details)}`,
        safe`Active: ${yesNo(details.active)}`,
      ];
      if (details.oauth) {
        lines.push(safe`Subscription: ${details.oauth.subscription}`);
        if (details.oauth.email) lines.push(safe`Email: ${details.oauth.email}`);
      }
      for (const credential of details.credentials) {
        lines.push(EMPTY, safe`${providerLabel(credential.provider)} API key:`);
        for (const field of credential.fields.filter((f) => f.label !== 'Provider')) {
          lines.push(safe`  ${field.label}: ${field.masked}`);
        }
      }
      if (details.credentials.length > 0) lines.push(EMPTY, safe`Reveal a key with: cuti claude show-api-key <account> --provider <p> --show-secret`);
      lines.push(EMPTY, safe`Path: ${details.path}`);
      c.out.line(await renderPanel(safe`Account: ${details.name}`, lines, { maxWidth: c.out.width }));
    });
}
