import type { Command } from 'commander';

import { suggestedName } from '../../domain/shell-quote.js';
import { parseProvider, PROVIDERS } from '../../domain/providers/index.js';
import { printWarnings, type CliContext } from '../context.js';
import { awsExportCommand, keyHelperCommand } from '../key-helper.js';
import { confirm } from '../prompt.js';
import { recoveryLine } from '../../accounts/claude-code-journal.js';
import { verdictLine } from './status.js';
import { safe, shown } from '../../domain/safe-text.js';

interface UseOptions {
  provider?: string;
  claudeCode: boolean;
  yes: boolean;
}

export function registerUse(claude: Command, ctx: () => CliContext): void {
  claude
    .command('use')
    .description('Make an account the active one (and put its Claude Code login in place)')
    .argument('<account>', 'account name')
    .option('-p, --provider <provider>', `the account's provider to use by default: ${PROVIDERS.join(', ')}`)
    .option('--claude-code', "also point Claude Code at cuti: apiKeyHelper ('cuti claude print-key'), or for Bedrock awsCredentialExport ('cuti claude print-aws'); settings.json merge, backup first", false)
    .option('-y, --yes', 'with --claude-code: change settings.json without asking', false)
    .action(async (account: string, options: UseOptions) => {
      const c = ctx();
      const provider = options.provider === undefined ? undefined : parseProvider(options.provider);
      // Everything that can refuse --claude-code happens before anything changes.
      // Bedrock is handed over when asked for by name (-p bedrock): without it, --claude-code means the Anthropic key.
      const bedrock = options.claudeCode && provider === 'bedrock';
      const helper = options.claudeCode && !bedrock ? await prepareKeyHelper(c, account, options.yes) : null;
      const awsExport = bedrock ? await prepareAwsExport(c, account, options.yes) : null;
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
      if (helper !== null) await applyKeyHelper(c, helper);
      if (awsExport !== null) await applyAwsExport(c, awsExport);
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

/**
 * Checks that --claude-code can be done (an Anthropic key, a readable settings file)
 * and asks before changing a file that belongs to Claude Code. Returns the command to
 * set, or null when the person said no.
 */
async function prepareKeyHelper(c: CliContext, account: string, yes: boolean): Promise<string | null> {
  await c.claudeCode.anthropicKey(account);
  const settings = await c.claudeCode.readClaudeCodeSettings({ forWrite: true });
  const command = keyHelperCommand(c.env);
  if (yes || settings.apiKeyHelper === command) return command;
  const where = shown(settings.path);
  c.err.line(safe`Claude Code will run this to get the key (the key itself is written nowhere):`);
  c.err.line(safe`  ${command}`);
  if (!(await confirm(`Set apiKeyHelper in ${where}?`, c, '--yes'))) {
    c.err.line(c.err.style.dim('apiKeyHelper left unchanged'));
    return null;
  }
  return command;
}

async function applyKeyHelper(c: CliContext, command: string): Promise<void> {
  const change = await c.claudeCode.setClaudeCodeKeyHelper(command);
  const { style } = c.out;
  const where = shown(change.path);
  if (!change.changed) {
    c.out.line(style.dim(safe`  apiKeyHelper in ${where} already runs cuti claude print-key`));
    return;
  }
  c.out.line(safe`${style.green('✓')} apiKeyHelper set in ${where}`);
  if (change.backupDir) c.out.line(style.dim(safe`  Previous settings.json kept in ${change.backupDir}`));
  if (change.previous) c.out.line(style.dim(safe`  It replaced: ${change.previous}`));
}

type SettingsValues = Array<{ path: string[]; value: string }>;

/**
 * For Bedrock, Claude Code's documented hook: `awsCredentialExport` runs a command
 * (cuti's print-aws, naming no secret) and takes the keys it prints, so no secret
 * lands in settings.json; the env block gets only the switch and the region. Checks
 * the account holds access keys (the one form that can be exported) and asks first.
 */
async function prepareAwsExport(c: CliContext, account: string, yes: boolean): Promise<SettingsValues | null> {
  await c.claudeCode.awsCredentialExport(account);
  const { entry } = await c.service.getCredential(account, 'bedrock');
  await c.claudeCode.readClaudeCodeSettings({ forWrite: true });
  const command = awsExportCommand(c.env);
  const values: SettingsValues = [
    { path: ['awsCredentialExport'], value: command },
    { path: ['env', 'CLAUDE_CODE_USE_BEDROCK'], value: '1' },
  ];
  if (typeof entry.region === 'string' && entry.region !== '') values.push({ path: ['env', 'AWS_REGION'], value: entry.region });
  if (yes) return values;
  c.err.line(safe`Claude Code will run this to get the AWS keys (the keys themselves are written nowhere):`);
  c.err.line(safe`  ${command}`);
  if (!(await confirm('Set awsCredentialExport and CLAUDE_CODE_USE_BEDROCK in Claude Code\'s settings.json?', c, '--yes'))) {
    c.err.line(c.err.style.dim('settings.json left unchanged'));
    return null;
  }
  return values;
}

async function applyAwsExport(c: CliContext, values: SettingsValues): Promise<void> {
  const change = await c.claudeCode.setClaudeCodeSettings(values);
  const { style } = c.out;
  const where = shown(change.path);
  if (!change.changed) {
    c.out.line(style.dim(safe`  awsCredentialExport in ${where} already runs cuti claude print-aws`));
    return;
  }
  c.out.line(safe`${style.green('✓')} awsCredentialExport and CLAUDE_CODE_USE_BEDROCK set in ${where}`);
  if (change.backupDir) c.out.line(style.dim(safe`  Previous settings.json kept in ${change.backupDir}`));
}
