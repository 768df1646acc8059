import type { Command } from 'commander';

import type { ClaudeCodeStatus } from '../../accounts/claude-code-service.js';
import { suggestedName } from '../../domain/shell-quote.js';
import { printWarnings, type CliContext } from '../context.js';
import { accountJson, printJson } from '../json-output.js';
import { safe, type SafeText } from '../../domain/safe-text.js';

/** The one line `use` and `status` print about what Claude Code will use. */
export function verdictLine(ctx: CliContext, status: ClaudeCodeStatus): SafeText {
  const { style } = ctx.out;
  const mark = status.verdict.usesActive ? style.green('✓') : style.yellow('⚠');
  return safe`${mark} ${status.verdict.summary}`;
}

export function registerStatus(claude: Command, ctx: () => CliContext): void {
  claude
    .command('status')
    .description('Show the active account and what Claude Code will actually use right now')
    .option('--json', 'print JSON for scripts', false)
    .action(async (options: { json: boolean }) => {
      const c = ctx();
      const status = await c.claudeCode.claudeCodeStatus(c.env);
      const { verdict } = status;
      if (options.json) {
        printJson(c, {
          active: status.active ? { ...accountJson(status.active), source: status.activeSource } : null,
          claudeCode: {
            configDir: status.configDir,
            settingsPath: status.settingsPath,
            uses: verdict.winner,
            usesActiveAccount: verdict.usesActive,
            summary: verdict.summary,
            shadowed: verdict.shadowed,
            alsoSent: verdict.alsoSent,
            // Claude Code's own answer (`claude auth status`), when it is installed.
            claudeAuthStatus: status.claude,
            agreesWithClaude: status.claudeAgrees,
          },
          warnings: status.warnings,
        });
        return;
      }
      printWarnings(c, status.warnings);
      const { style } = c.out;
      if (status.active) {
        const source = status.activeSource === 'oauth' ? 'Claude Code login' : (status.activeSource ?? 'no credentials');
        c.out.line(
          safe`${style.green('Active account:')} ${style.cyan(status.active.name)} (${status.active.type}; uses ${source})`,
        );
      } else {
        c.out.line(safe`${style.yellow('No active account')} ${style.dim("(activate one with 'cuti claude use <account>')")}`);
      }
      c.out.line();
      c.out.line(verdictLine(c, status));
      if (verdict.winner) c.out.line(safe`  ${style.dim('Claude Code will use:')} ${verdict.winner.description}`);
      for (const sent of verdict.alsoSent) c.out.line(safe`  ${style.dim('Also sent with it:')} ${sent.description}`);
      for (const hidden of verdict.shadowed) c.out.line(safe`  ${style.dim('Also present, outranked:')} ${hidden.description}`);
      if (status.claude) {
        const said = `${status.claude.authMethod}${status.claude.apiProvider ? ` (${status.claude.apiProvider})` : ''}`;
        c.out.line(safe`  ${style.dim('Claude Code itself says:')} ${said} ${style.dim(safe`(${status.claude.command} auth status)`)}`);
        if (status.claudeAgrees === false) {
          // Seen with 2.1.332: `auth status` skips project and local settings, which requests do follow.
          c.out.line(safe`  ${style.yellow('⚠')} That is not what cuti worked out above (claude auth status does not read project or local settings; its requests do)`);
        }
      }
      c.out.line(safe`  ${style.dim('Claude Code config dir:')} ${status.configDir}`);
      if (status.active && !verdict.usesActive && status.activeSource !== null && status.activeSource !== 'oauth') {
        const name = suggestedName(status.active.name);
        c.out.line();
        c.out.line(style.dim('To hand the active account to Claude Code:'));
        c.out.line(safe`  ${style.cyan(safe`cuti claude exec ${name} -- claude`)}`);
        c.out.line(safe`  ${style.cyan(safe`eval "$(cuti claude env ${name})"`)}`);
        if (status.activeSource === 'anthropic') c.out.line(safe`  ${style.cyan(safe`cuti claude use ${name} --claude-code`)}  ${style.dim('(apiKeyHelper)')}`);
      }
    });
}
