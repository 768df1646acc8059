import type { Command } from 'commander';

import { sanitizeForDisplay } from '../../domain/sanitize.js';
import { providerLabel } from '../../domain/providers/index.js';
import { printWarnings, type CliContext } from '../context.js';
import { accountJson, credentialJson, printJson } from '../json-output.js';
import { renderPanel } from '../render/panel.js';

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

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
      const s = sanitizeForDisplay;
      const lines = [
        `Name: ${s(details.name)}`,
        `Type: ${s(details.type)}`,
        `Created: ${s(details.created)}`,
        `Last Used: ${s(details.lastUsed)}`,
        `Has Credentials: ${yesNo(details.hasCredentials)}`,
        `Active: ${yesNo(details.active)}`,
      ];
      if (details.oauth) {
        lines.push(`Subscription: ${s(details.oauth.subscription)}`);
        if (details.oauth.email) lines.push(`Email: ${s(details.oauth.email)}`);
      }
      for (const credential of details.credentials) {
        lines.push('', `${providerLabel(credential.provider)} API key:`);
        for (const field of credential.fields.filter((f) => f.label !== 'Provider')) {
          lines.push(`  ${field.label}: ${s(field.masked)}`);
        }
      }
      if (details.credentials.length > 0) lines.push('', 'Reveal a key with: cuti claude show-api-key <account> --provider <p> --show-secret');
      lines.push('', `Path: ${s(details.path)}`);
      c.out.line(renderPanel(`Account: ${s(details.name)}`, lines));
    });
}
