import { runCli } from './cli/program.js';

// Set the exit code rather than calling process.exit, so stdout drains to pipes.
process.exitCode = await runCli(process.argv);
