import type { Command } from 'commander';

import type { ClaudeCodeStatus } from '../../accounts/claude-code-service.js';
import { sanitizeForDisplay } from '../../domain/sanitize.js';
import { suggestedName } from '../../domain/shell-quote.js';
import { printWarnings, type CliContext } from '../context.js';
import { accountJson, printJson } from '../json-output.js';

/** The one line `use` and `status` print about what Claude Code will use. */
export function verdictLine(ctx: CliContext, status: ClaudeCodeStatus): string {
  const { style } = ctx.out;
  const mark = status.verdict.usesActive ? style.green('✓') : style.yellow('⚠');
  return `${mark} ${status.verdict.summary}`;
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
          `${style.green('Active account:')} ${style.cyan(sanitizeForDisplay(status.active.name))} (${sanitizeForDisplay(status.active.type)}; uses ${source})`,
        );
      } else {
        c.out.line(`${style.yellow('No active account')} ${style.dim("(activate one with 'cuti claude use <account>')")}`);
      }
      c.out.line();
      c.out.line(verdictLine(c, status));
      if (verdict.winner) c.out.line(`  ${style.dim('Claude Code will use:')} ${verdict.winner.description}`);
      for (const sent of verdict.alsoSent) c.out.line(`  ${style.dim('Also sent with it:')} ${sent.description}`);
      for (const hidden of verdict.shadowed) c.out.line(`  ${style.dim('Also present, outranked:')} ${hidden.description}`);
      if (status.claude) {
        const said = `${status.claude.authMethod}${status.claude.apiProvider ? ` (${status.claude.apiProvider})` : ''}`;
        c.out.line(`  ${style.dim('Claude Code itself says:')} ${sanitizeForDisplay(said)} ${style.dim(`(${sanitizeForDisplay(status.claude.command)} auth status)`)}`);
        if (status.claudeAgrees === false) {
          // Seen with 2.1.332: `auth status` skips project and local settings, which requests do follow.
          c.out.line(`  ${style.yellow('⚠')} That is not what cuti worked out above (claude auth status does not read project or local settings; its requests do)`);
        }
      }
      c.out.line(`  ${style.dim('Claude Code config dir:')} ${sanitizeForDisplay(status.configDir)}`);
      if (status.active && !verdict.usesActive && status.activeSource !== null && status.activeSource !== 'oauth') {
        const name = suggestedName(status.active.name);
        c.out.line();
        c.out.line(style.dim('To hand the active account to Claude Code:'));
        c.out.line(`  ${style.cyan(`cuti claude exec ${name} -- claude`)}`);
        c.out.line(`  ${style.cyan(`eval "$(cuti claude env ${name})"`)}`);
        if (status.activeSource === 'anthropic') c.out.line(`  ${style.cyan(`cuti claude use ${name} --claude-code`)}  ${style.dim('(apiKeyHelper)')}`);
      }
    });
}
