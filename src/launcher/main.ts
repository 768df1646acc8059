import { createCliContext, processIO, type CliIO } from '../cli/context.js';
import { fastCommand } from './fast-path.js';
import { EXIT, reportError } from '../cli/report-error.js';

export { setTuiLoader } from '../cli/tui-loader.js';
export { setConnectionTestLoader } from '../cli/connection-test-loader.js';

/** The CLI bundle's entry (the launcher, src/launcher/cli.ts, loads it): runs a command line, returns the exit code. */
export async function runCli(argv: string[], io: CliIO = processIO()): Promise<number> {
  const fast = fastCommand(argv.slice(2));
  if (fast === null) {
    // The parser and every command's options are loaded only when needed.
    const { runProgram } = await import('../cli/program.js');
    return runProgram(argv, io);
  }
  try {
    const context = createCliContext(io);
    await fast(context);
    return context.exitCode ?? EXIT.ok;
  } catch (error) {
    return reportError(error, false, io);
  }
}
