import { Command, CommanderError } from 'commander';

import { CutiError } from '../domain/errors.js';
import { registerAddApiKey } from './commands/add-api-key.js';
import { registerDeleteApiKey } from './commands/delete-api-key.js';
import { registerInfo } from './commands/info.js';
import { registerList } from './commands/list.js';
import { registerListApiKeys } from './commands/list-api-keys.js';
import { registerShowApiKey } from './commands/show-api-key.js';
import { createCliContext, type CliContext } from './context.js';
import { styleFor } from './style.js';

declare const __CUTI_VERSION__: string;
export const VERSION = typeof __CUTI_VERSION__ === 'string' ? __CUTI_VERSION__ : '0.0.0-dev';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

export function buildProgram(getContext: () => CliContext): Command {
  const program = new Command('cuti')
    .description('Manage Claude credentials: Anthropic API keys, AWS Bedrock and Claude Code logins')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true);

  const claude = program
    .command('claude')
    .description('Manage Claude accounts and their credentials');

  registerAddApiKey(claude, getContext);
  registerShowApiKey(claude, getContext);
  registerListApiKeys(claude, getContext);
  registerDeleteApiKey(claude, getContext);
  registerList(claude, getContext);
  registerInfo(claude, getContext);

  // Every (sub)command: usage errors become one `✗` line on stderr and exit code 2.
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({
      outputError: (text, write) => write(`${styleFor(process.stderr).red('✗')} ${text.replace(/^error: /, '').trim()}\n`),
    });
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

function reportError(error: unknown): number {
  const err = styleFor(process.stderr);
  if (error instanceof CommanderError) {
    // Help and version "errors" are how commander ends a successful --help/--version.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof CutiError) {
    process.stderr.write(`${err.red('✗')} ${error.message}\n`);
    if (error.hint) process.stderr.write(`\n${err.dim(error.hint)}\n`);
    return error.exitCode;
  }
  // Anything else is a bug; show its message but no stack (CUTI_DEBUG=1 shows it).
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${err.red('✗')} Unexpected error: ${message}\n`);
  if (process.env.CUTI_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.error;
}

export async function runCli(argv: string[]): Promise<number> {
  let context: CliContext | undefined;
  const program = buildProgram(() => (context ??= createCliContext()));
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return reportError(error);
  }
}
