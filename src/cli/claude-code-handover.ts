import type { SettingsPlan } from '../domain/claude-code-settings-plan.js';
import { providerModule, type Provider } from '../domain/providers/index.js';
import { safe, shown } from '../domain/safe-text.js';
import { suggestedName } from '../domain/shell-quote.js';
import type { CliContext } from './context.js';
import { awsExportCommand, keyHelperCommand } from './key-helper.js';
import { confirm } from './prompt.js';

/**
 * `use --claude-code`: points Claude Code's user settings at one account's credential,
 * as Claude Code's documentation recommends per provider (see planSettingsHandOver):
 * an Anthropic key through `apiKeyHelper`, Bedrock access keys through
 * `awsCredentialExport`, and the non-secret variables (provider switch, region,
 * project, resource, profile, model pins) in the `env` block. Variables an earlier
 * hand-over of another provider wrote are taken out in the same edit.
 */

export interface HandOver {
  account: string;
  provider: Provider;
  path: string;
  plan: SettingsPlan;
}

const HELPER_TOOL = { apiKeyHelper: 'print-key', awsCredentialExport: 'print-aws' } as const;
const HELPER_FETCHES = { apiKeyHelper: 'the key (the key itself is written nowhere)', awsCredentialExport: 'the AWS keys (the keys themselves are written nowhere)' } as const;

/** `apiKeyHelper`, `awsCredentialExport and CLAUDE_CODE_USE_BEDROCK`, `CLAUDE_CODE_USE_VERTEX`: what a hand-over is named by. */
function headline(handOver: HandOver): string {
  const names: string[] = [];
  if (handOver.plan.helper !== null) names.push(handOver.plan.helper.key);
  const cloud = providerModule(handOver.provider).cloudSwitch?.variable;
  if (cloud !== undefined) names.push(cloud);
  return names.join(' and ');
}

/**
 * Checks everything that can refuse (the account holds the credential, its form can be
 * handed over, settings.json is JSON) and asks before changing a file that belongs to
 * Claude Code. Returns the hand-over to apply, or null when the person said no.
 */
export async function prepareHandOver(c: CliContext, account: string, provider: Provider, yes: boolean): Promise<HandOver | null> {
  const commands = { apiKeyHelper: keyHelperCommand(c.env), awsCredentialExport: awsExportCommand(c.env) };
  const handOver = { provider, ...(await c.claudeCode.planSettingsHandOver(account, provider, commands)) };
  const { plan } = handOver;
  if (yes || plan.edits.length === 0) return handOver;
  const where = shown(handOver.path);
  const { style } = c.err;
  if (plan.helper !== null) {
    c.err.line(safe`Claude Code will run this to get ${HELPER_FETCHES[plan.helper.key]}:`);
    c.err.line(safe`  ${plan.helper.command}`);
  }
  const written = plan.written.map(([name, value]) => `${name}=${value}`);
  if (written.length > 0) c.err.line(safe`Its env block will hold: ${written.join(' ')}`);
  if (plan.removed.length > 0) c.err.line(style.dim(safe`and no longer: ${plan.removed.join(' ')}`));
  if (!(await confirm(`Set ${headline(handOver)} in ${where}?`, c, '--yes'))) {
    c.err.line(style.dim(plan.helper?.key === 'apiKeyHelper' ? 'apiKeyHelper left unchanged' : 'settings.json left unchanged'));
    return null;
  }
  return handOver;
}

export async function applyHandOver(c: CliContext, handOver: HandOver): Promise<void> {
  const { plan } = handOver;
  const change = await c.claudeCode.setClaudeCodeSettings(plan.edits);
  const { style } = c.out;
  const where = shown(change.path);
  if (!change.changed) {
    const helper = plan.helper;
    if (helper !== null) c.out.line(style.dim(safe`  ${helper.key} in ${where} already runs cuti claude ${HELPER_TOOL[helper.key]}`));
    else c.out.line(style.dim(safe`  ${where} already points Claude Code at this account`));
  } else {
    c.out.line(safe`${style.green('✓')} ${headline(handOver)} set in ${where}`);
    const others = plan.written.filter(([name]) => name !== providerModule(handOver.provider).cloudSwitch?.variable);
    if (others.length > 0) c.out.line(style.dim(safe`  env: ${others.map(([name, value]) => `${name}=${value}`).join(' ')}`));
    if (plan.removed.length > 0) c.out.line(style.dim(safe`  Taken out of env (an earlier hand-over's): ${plan.removed.join(' ')}`));
    if (change.backupDir) c.out.line(style.dim(safe`  Previous settings.json kept in ${change.backupDir}`));
    if (plan.replaced !== null) c.out.line(style.dim(safe`  It replaced: ${plan.replaced}`));
  }
  if (plan.withheld.length > 0) withheldNotice(c, handOver);
}

/**
 * A secret Claude Code has no helper setting for (a Foundry API key) is not written:
 * settings values are plain text that reaches every process Claude Code starts. It is
 * handed over to one Claude Code at a time instead, by `exec` (or an `env` export).
 */
function withheldNotice(c: CliContext, handOver: HandOver): void {
  const { style } = c.err;
  const word = suggestedName(handOver.account);
  const label = providerModule(handOver.provider).label;
  c.err.line(
    safe`${style.yellow('⚠')}  ${handOver.plan.withheld.join(', ')} not written: Claude Code has no helper setting for a ${label} key, and settings values are plain text every subprocess sees`,
  );
  c.err.line(safe`   Start Claude Code with the key: ${style.cyan(safe`cuti claude exec ${word} -- claude`)} (or ${style.cyan(safe`eval "$(cuti claude env ${word})"`)})`);
  if (handOver.provider === 'foundry') c.err.line(style.dim('   Started without it, Claude Code signs in to Azure itself (az login)'));
}
