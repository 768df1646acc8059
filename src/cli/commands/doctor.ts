import type { Command } from 'commander';

import { runDoctor } from '../../accounts/doctor.js';
import type { StoreProblem } from '../../storage/adapter.js';
import type { CliContext } from '../context.js';
import { printJson } from '../json-output.js';
import { safe } from '../../domain/safe-text.js';

const problemJson = (p: StoreProblem & { fixed?: boolean }) => ({
  kind: p.kind,
  path: p.path,
  message: p.message,
  fixable: p.fix !== null,
  ...(p.fixed === undefined ? {} : { fixed: p.fixed }),
});

export function registerDoctor(claude: Command, ctx: () => CliContext): void {
  claude
    .command('doctor')
    .description('Check the accounts store: permissions, unreadable or corrupt files, stale locks, leftover temp files')
    .option('--fix', 'repair permissions and remove stale locks and leftover temp files (never touches data)', false)
    .option('--json', 'print JSON for scripts', false)
    .action(async (options: { fix: boolean; json: boolean }) => {
      const c = ctx();
      const store = await runDoctor(c.service.storage, c.service.secrets, { fix: options.fix });
      // And Claude Code's side: leftovers of killed swaps next to its files, cuti's backups of them.
      const claudeCode = await c.claudeCode.claudeCodeDoctor({ fix: options.fix });
      const report = {
        root: store.root,
        checked: store.checked + claudeCode.checked,
        found: [...store.found, ...claudeCode.found],
        remaining: [...store.remaining, ...claudeCode.remaining],
      };
      // Problems remaining is what the exit status reports: 1 until the store is healthy.
      if (report.remaining.length > 0) c.exitCode = 1;
      if (options.json) {
        printJson(c, {
          root: report.root,
          checked: report.checked,
          found: report.found.map(problemJson),
          remaining: report.remaining.map(problemJson),
          healthy: report.remaining.length === 0,
        });
        return;
      }
      const { style } = c.out;
      c.out.line(safe`Checking ${report.root}`);
      c.out.line();
      const fixed = report.found.filter((p) => p.fixed);
      for (const problem of fixed) c.out.line(safe`${style.green('✓')} ${problem.fix ?? ''}`);
      for (const problem of report.remaining) {
        const mark = problem.fix ? style.yellow('⚠') : style.red('✗');
        c.out.line(safe`${mark} ${problem.message}`);
      }
      if (fixed.length > 0 || report.remaining.length > 0) c.out.line();
      if (report.remaining.length === 0) {
        c.out.line(safe`${style.green('✓')} ${report.checked} entries checked, no problems${fixed.length > 0 ? ' left' : ''}`);
        return;
      }
      const fixable = report.remaining.filter((p) => p.fix !== null).length;
      c.out.line(safe`${report.remaining.length} problem(s) found.`);
      if (fixable > 0 && !options.fix) {
        c.out.line(style.dim(safe`Run 'cuti claude doctor --fix' to repair permissions and remove stale locks and temp files.`));
      }
      if (report.remaining.length > fixable) {
        c.out.line(style.dim('cuti never rewrites or deletes a file it cannot parse: fix or move it by hand.'));
      }
    });
}
