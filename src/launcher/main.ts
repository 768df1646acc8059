import { createCliContext } from '../cli/context.js';
import { fastCommand } from './fast-path.js';
import { EXIT, reportError } from '../cli/report-error.js';

export { setTuiLoader } from '../cli/tui-loader.js';
export { setConnectionTestLoader } from '../cli/connection-test-loader.js';

/** The CLI bundle's entry (the launcher, src/launcher/cli.ts, loads it): runs a command line, returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const fast = fastCommand(argv.slice(2));
  if (fast === null) {
    // The parser and every command's options are loaded only when needed.
    const { runProgram } = await import('../cli/program.js');
    return runProgram(argv);
  }
  try {
    await fast(createCliContext());
    return EXIT.ok;
  } catch (error) {
    return reportError(error, false);
  }
}
