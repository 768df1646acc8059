import type { Command } from 'commander';

import { EMPTY, safe } from '../../domain/safe-text.js';
import { parseProvider, providerLabel, PROVIDERS } from '../../domain/providers/index.js';
import { printWarnings, type CliContext } from '../context.js';
import { credentialJson, printJson } from '../json-output.js';
import { renderPanel, WholeLine, type PanelLine } from '../render/panel.js';

export function registerShowApiKey(claude: Command, ctx: () => CliContext): void {
  claude
    .command('show-api-key')
    .description('Display API key credentials (masked by default)')
    .argument('<account>', 'account name')
    .option('-p, --provider <provider>', `provider: ${PROVIDERS.join(', ')}`, SHOW_API_KEY_DEFAULTS.provider)
    .option('--show-secret', 'reveal full credentials (default: masked)')
    .option('--json', 'print JSON for scripts (masked unless --show-secret)')
    .action((account: string, options: ShowApiKeyOptions) => showApiKey(ctx(), account, options));
}

export interface ShowApiKeyOptions {
  provider: string;
  showSecret?: boolean;
  json?: boolean;
}

/** What `show-api-key` does when no option is given (the parser's defaults, and the fast path's). */
export const SHOW_API_KEY_DEFAULTS: ShowApiKeyOptions = { provider: 'anthropic' };

export async function showApiKey(c: CliContext, account: string, options: ShowApiKeyOptions): Promise<void> {
  const provider = parseProvider(options.provider);
  // Only a reveal reads a secret kept in the keychain; masked, the reference carries the mask.
  const credential = await c.service.getCredential(account, provider, { reveal: Boolean(options.showSecret) });
  if (options.json) {
    printJson(c, { account, ...credentialJson(credential, Boolean(options.showSecret)), warnings: credential.warnings });
    return;
  }
  printWarnings(c, credential.warnings);
  // A revealed secret is never wrapped, so it can be copied whole; masked lines wrap to the terminal.
  const lines: PanelLine[] = credential.fields.map((f) =>
    options.showSecret ? new WholeLine(safe`${f.label}: ${f.value}`) : safe`${f.label}: ${f.masked}`,
  );
  if (!options.showSecret) lines.push(EMPTY, safe`Use --show-secret to reveal full credentials`);
  c.out.line(await renderPanel(safe`${providerLabel(provider)} API Key - ${account}`, lines, { maxWidth: c.out.width }));
}
