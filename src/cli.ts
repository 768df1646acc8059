import { runCli } from './cli/program.js';

// A reader that stopped early (`cuti claude env --unset | head -1`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Set the exit code rather than calling process.exit, so stdout drains to pipes.
process.exitCode = await runCli(process.argv);
