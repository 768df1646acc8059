import { Command, CommanderError } from 'commander';

import { HIDDEN_VALUE, looksLikeSecret, redactSecrets } from '../domain/redact.js';
import { safe, safeLines, type SafeText } from '../domain/safe-text.js';
import { commandsFor, registerClaudeCommands } from './command-registry.js';
import { createCliContext, processIO, type CliContext, type CliIO } from './context.js';
import { errorDocument, jsonRequested } from './json-output.js';
import { EXIT, reportError } from './report-error.js';
import { styleFor } from './style.js';
import { VERSION } from './version.js';

/** The program with the subcommands `args` (argv after the script) needs; see commandsFor. */
export async function buildProgram(
  getContext: () => CliContext,
  args: readonly string[],
  options: { json?: boolean; io?: CliIO } = {},
): Promise<Command> {
  const { stdout, stderr, env } = options.io ?? processIO();
  const program = new Command('cuti')
    .description('Manage Claude credentials: Anthropic API keys, AWS Bedrock and Claude Code logins')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true);

  const claude = program
    .command('claude')
    .description('Manage Claude accounts and their credentials');

  const needed = commandsFor(args);
  await registerClaudeCommands(claude, getContext, needed.claude);
  if (needed.completion) (await import('./commands/completion.js')).registerCompletion(program, stdout);

  // Every (sub)command: usage errors become one `✗` line on stderr and exit code 2.
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({
      // Under --json the error is reported once, as a JSON document on stdout.
      outputError: (text, write) => {
        if (options.json) return;
        const line = safe`${styleFor(stderr, env).red('✗')} ${usageErrorText(text)}`;
        write(`${line.text}\n`);
      },
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
      // Help wraps to the terminal's width, and to 80 columns when it is not a terminal.
      getOutHelpWidth: () => stdout.columns ?? 80,
      getErrHelpWidth: () => stderr.columns ?? 80,
    });
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/**
 * Commander's usage errors quote what was typed. Sanitise it (a typed name may hold an
 * escape sequence), and shorten an unknown option or command: it may be a secret typed
 * in the wrong place (`--apikey=<secret>`, or a key that starts with `-`).
 */
function usageErrorText(text: string): SafeText {
  const shorten = (token: string) => {
    if (looksLikeSecret(token)) return HIDDEN_VALUE;
    const eq = token.indexOf('=');
    if (eq !== -1) return `${token.slice(0, eq)}=…`;
    return token.length > 24 ? `${token.slice(0, 8)}…` : token;
  };
  const quoted = text
    .replace(/^error: /, '')
    .trim()
    .replace(/(unknown (?:option|command) )'([^']*)'/g, (_m, lead: string, token: string) => `${lead}'${shorten(token)}'`);
  // Commander quotes other typed values too (an invalid argument, a choice): the net below.
  return safeLines(redactSecrets(quoted));
}

function reportProgramError(error: unknown, json: boolean, io: CliIO): number {
  if (error instanceof CommanderError) {
    // Help and version "errors" are how commander ends a successful --help/--version.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.ok;
    if (json) {
      const message = usageErrorText(error.message).text;
      io.stdout.write(`${errorDocument({ code: 'usage', message, exitCode: EXIT.usage })}\n`);
    }
    return EXIT.usage;
  }
  return reportError(error, json, io);
}

/** Runs a command line through the full parser: help, options, usage errors, suggestions. */
export async function runProgram(argv: string[], io: CliIO = processIO()): Promise<number> {
  let context: CliContext | undefined;
  const json = jsonRequested(argv.slice(2));
  const program = await buildProgram(() => (context ??= createCliContext(io)), argv.slice(2), { json, io });
  try {
    await program.parseAsync(argv);
    // A command that passes on another exit status (exec: the child's) sets it on the context.
    if (context?.exitCode !== undefined) return context.exitCode;
    // process.exitCode is not how commands report it (in-process runs share the process),
    // but one set by mistake must not turn a failure into success.
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return reportProgramError(error, json, io);
  }
}
