import type { Command } from 'commander';

import { suggestedName } from '../../domain/shell-quote.js';
import { ValidationError } from '../../domain/errors.js';
import { parseProvider, PROVIDERS, type Provider } from '../../domain/providers/index.js';
import { printWarnings, type CliContext } from '../context.js';
import { applyHandOver, prepareHandOver } from '../claude-code-handover.js';
import { recoveryLine } from '../../accounts/claude-code-journal.js';
import { verdictLine } from './status.js';
import { safe, shown } from '../../domain/safe-text.js';

interface UseOptions {
  provider?: string;
  claudeCode: boolean;
  yes: boolean;
}

/**
 * What `use --claude-code` hands over without -p: the Anthropic key when the account has
 * one (as it always has), else the account's only provider; an account with several cloud
 * providers and no Anthropic key must say which.
 */
async function handOverByDefault(c: CliContext, account: string): Promise<Provider> {
  const held = (await c.service.listProviders(account)).credentials.map((credential) => credential.provider);
  const [only, ...more] = held;
  if (only === undefined || held.includes('anthropic')) return 'anthropic';
  if (more.length === 0) return only;
  throw new ValidationError(`Account ${shown(account)} holds ${held.join(' and ')} credentials; choose which to hand over with -p`);
}

export function registerUse(claude: Command, ctx: () => CliContext): void {
  claude
    .command('use')
    .description('Make an account the active one (and put its Claude Code login in place)')
    .argument('<account>', 'account name')
    .option('-p, --provider <provider>', `the account's provider to use by default: ${PROVIDERS.join(', ')}`)
    .option(
      '--claude-code',
      "also point Claude Code's settings.json at it (merge, backup first): apiKeyHelper ('cuti claude print-key'); for Bedrock awsCredentialExport ('cuti claude print-aws'); for Vertex/Foundry the env block (no secret written). Without -p: the Anthropic key, else the account's only provider",
      false,
    )
    .option('-y, --yes', 'with --claude-code: change settings.json without asking', false)
    .action(async (account: string, options: UseOptions) => {
      const c = ctx();
      const provider = options.provider === undefined ? undefined : parseProvider(options.provider);
      // Everything that can refuse --claude-code happens before anything changes.
      const handOver = options.claudeCode ? await prepareHandOver(c, account, provider ?? (await handOverByDefault(c, account)), options.yes) : null;
      const result = await c.claudeCode.use(account, provider === undefined ? {} : { provider });
      const { style } = c.out;
      const name = shown(account);
      c.out.line(safe`${style.green('✓')} Switched to account: ${style.cyan(name)}`);
      if (result.login) {
        const { login } = result;
        const recovered = login.recovered === null ? null : recoveryLine(login.recovered);
        if (recovered !== null) c.err.line(c.err.style.yellow(safe`⚠ ${recovered}`));
        if (login.outcome === 'already-live') {
          c.out.line(style.dim(safe`  Its Claude Code login is already the one in ${login.configDir}`));
        } else {
          c.out.line(safe`  Claude Code login put in place in ${login.configDir}`);
          if (login.backupDir) c.out.line(style.dim(safe`  The login it replaced is kept in ${login.backupDir}`));
        }
        if (login.refreshed && login.refreshed !== account) {
          c.out.line(style.dim(safe`  Saved the refreshed tokens back into account ${login.refreshed}`));
        }
      }
      if (handOver !== null) await applyHandOver(c, handOver);
      if (result.helperRemoved) {
        c.out.line(safe`  Removed cuti's apiKeyHelper from ${result.helperRemoved.path}: this account has no Anthropic key to hand over`);
        if (result.helperRemoved.backupDir) c.out.line(style.dim(safe`  Previous settings.json kept in ${result.helperRemoved.backupDir}`));
      }
      const status = await c.claudeCode.claudeCodeStatus(c.env, { askClaude: false });
      printWarnings(c, status.warnings);
      c.out.line();
      c.out.line(verdictLine(c, status));
      if (!status.verdict.usesActive && !result.login) {
        const word = suggestedName(account);
        c.out.line(style.dim(safe`  Run Claude Code with it: ${style.cyan(safe`cuti claude exec ${word} -- claude`)}`));
        c.out.line(style.dim(safe`  or export it here:       ${style.cyan(safe`eval "$(cuti claude env ${word})"`)}`));
      }
    });
}
