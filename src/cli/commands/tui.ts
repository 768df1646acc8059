import type { Command } from 'commander';

import { CutiError } from '../../domain/errors.js';
import type { CliContext } from '../context.js';
import { loadTui } from '../tui-loader.js';

/** Why the TUI cannot start here, or null when stdin and stdout are both terminals. */
export function notATerminalReason(stdin: { isTTY?: boolean }, stdout: { isTTY?: boolean }): string | null {
  if (!stdin.isTTY) return 'stdin is not a terminal';
  if (!stdout.isTTY) return 'stdout is not a terminal';
  return null;
}

export function registerTui(claude: Command, ctx: () => CliContext): void {
  claude
    .command('tui')
    .description('Browse accounts and add keys in a full-screen terminal UI')
    .action(async () => {
      // Checked before Ink loads: in raw mode without a TTY it crashes with a stack trace.
      const reason = notATerminalReason(process.stdin, process.stdout);
      if (reason) {
        throw new CutiError('not_a_terminal', `cuti claude tui needs an interactive terminal (${reason}); for scripts use cuti claude list`);
      }
      // Ink decides at import time that a CI variable means "no live drawing" and would
      // leave a real terminal blank until exit. We have just checked it is a terminal.
      for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) {
        if (process.env[key] !== undefined) process.env[key] = 'false';
      }
      // Loaded lazily so plain commands never pay for React and Ink.
      const { runTui } = await loadTui();
      await runTui(ctx().env);
    });
}
