import type { Command } from 'commander';

import { CutiError } from '../../domain/errors.js';
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
    .option('--copy', 'copy the secret to the clipboard (OSC 52 and the platform tool), cleared again after 45 s')
    .action((account: string, options: ShowApiKeyOptions) => showApiKey(ctx(), account, options));
}

export interface ShowApiKeyOptions {
  provider: string;
  showSecret?: boolean;
  json?: boolean;
  copy?: boolean;
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
  if (options.copy) await copyToClipboard(c, account, credential.fields);
  // A revealed secret is never wrapped, so it can be copied whole; masked lines wrap to the terminal.
  const lines: PanelLine[] = credential.fields.map((f) =>
    options.showSecret ? new WholeLine(safe`${f.label}: ${f.value}`) : safe`${f.label}: ${f.masked}`,
  );
  if (!options.showSecret) lines.push(EMPTY, safe`Use --show-secret to reveal full credentials`);
  c.out.line(await renderPanel(safe`${providerLabel(provider)} API Key - ${account}`, lines, { maxWidth: c.out.width }));
}

/**
 * `--copy`: the provider's main secret (the API key; for Bedrock the secret access key
 * or bearer token: its last secret field) goes to the clipboard, never to the screen.
 * OSC 52 goes to stderr only when that is the terminal, so a pipe gets no escape codes.
 */
async function copyToClipboard(c: CliContext, account: string, fields: readonly { label: string; value: string; secret: boolean }[]): Promise<void> {
  const field = fields.filter((f) => f.secret).at(-1);
  if (!field) return;
  const { copySecret } = await import('../../platform/clipboard.js');
  const terminal = c.err.output.isTTY ? (text: string) => c.err.output.write(text) : undefined;
  const result = copySecret(field.value, { env: c.env, writeTerminal: terminal });
  if (!result.osc52 && result.tool === null) {
    throw new CutiError('no_clipboard', 'Nothing to copy to: no terminal on stderr for OSC 52 and no clipboard tool (wl-copy, xclip, pbcopy)');
  }
  const how = [...(result.osc52 ? ['OSC 52'] : []), ...(result.tool ? [result.tool] : [])].join(' and ');
  c.err.line(safe`${c.err.style.green('✓')} Copied the ${field.label} of ${account} (${how}); cleared in ${result.clearSeconds} s`);
}
