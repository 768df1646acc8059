import { Command, CommanderError } from 'commander';

import { CutiError, errorMessage } from '../domain/errors.js';
import { sanitizeLines } from '../domain/sanitize.js';
import { registerAddApiKey } from './commands/add-api-key.js';
import { registerDeleteApiKey } from './commands/delete-api-key.js';
import { registerDoctor } from './commands/doctor.js';
import { registerInfo } from './commands/info.js';
import { registerList } from './commands/list.js';
import { registerListApiKeys } from './commands/list-api-keys.js';
import { registerShowApiKey } from './commands/show-api-key.js';
import { registerTui } from './commands/tui.js';
import { registerCompletion, registerCompleteAccounts } from './commands/completion.js';
import { registerCurrent } from './commands/current.js';
import { registerDelete } from './commands/delete.js';
import { registerEnv } from './commands/env.js';
import { registerExec } from './commands/exec.js';
import { registerNew } from './commands/new.js';
import { registerPrintKey } from './commands/print-key.js';
import { registerSave } from './commands/save.js';
import { registerStatus } from './commands/status.js';
import { registerUse } from './commands/use.js';
import { createCliContext, type CliContext } from './context.js';
import { errorDocument, jsonRequested } from './json-output.js';
import { styleFor } from './style.js';

declare const __CUTI_VERSION__: string;
export const VERSION = typeof __CUTI_VERSION__ === 'string' ? __CUTI_VERSION__ : '0.0.0-dev';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

export function buildProgram(getContext: () => CliContext, options: { json?: boolean } = {}): Command {
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
  registerTui(claude, getContext);
  registerUse(claude, getContext);
  registerStatus(claude, getContext);
  registerCurrent(claude, getContext);
  registerSave(claude, getContext);
  registerNew(claude, getContext);
  registerDelete(claude, getContext);
  registerExec(claude, getContext);
  registerEnv(claude, getContext);
  registerPrintKey(claude, getContext);
  registerDoctor(claude, getContext);
  registerCompleteAccounts(claude, getContext);
  registerCompletion(program);

  // Every (sub)command: usage errors become one `✗` line on stderr and exit code 2.
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({
      // Under --json the error is reported once, as a JSON document on stdout.
      outputError: (text, write) => {
        if (!options.json) write(`${styleFor(process.stderr).red('✗')} ${usageErrorText(text)}\n`);
      },
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
function usageErrorText(text: string): string {
  const shorten = (token: string) => {
    const eq = token.indexOf('=');
    if (eq !== -1) return `${token.slice(0, eq)}=…`;
    return token.length > 24 ? `${token.slice(0, 8)}…` : token;
  };
  const quoted = text
    .replace(/^error: /, '')
    .trim()
    .replace(/(unknown (?:option|command) )'([^']*)'/g, (_m, lead: string, token: string) => `${lead}'${shorten(token)}'`);
  return sanitizeLines(quoted);
}

function reportError(error: unknown, json: boolean): number {
  const err = styleFor(process.stderr);
  if (error instanceof CommanderError) {
    // Help and version "errors" are how commander ends a successful --help/--version.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.ok;
    if (json) {
      const message = usageErrorText(error.message);
      process.stdout.write(`${errorDocument({ code: 'usage', message, exitCode: EXIT.usage })}\n`);
    }
    return EXIT.usage;
  }
  if (json) {
    const known = error instanceof CutiError;
    const message = errorMessage(error);
    process.stdout.write(
      `${errorDocument({
        code: known ? error.code : 'unexpected',
        message: known ? message : `Unexpected error: ${message}`,
        ...(known && error.hint ? { hint: error.hint } : {}),
        exitCode: known ? error.exitCode : EXIT.error,
      })}\n`,
    );
    return known ? error.exitCode : EXIT.error;
  }
  if (error instanceof CutiError) {
    // The spec shows a missing key as `⚠  No … API key found` (still exit 1).
    const mark = error.severity === 'warning' ? `${err.yellow('⚠')}  ` : `${err.red('✗')} `;
    process.stderr.write(`${mark}${sanitizeLines(error.message)}\n`);
    if (error.hint) process.stderr.write(`\n${err.dim(sanitizeLines(error.hint))}\n`);
    return error.exitCode;
  }
  // Anything else is a bug; show its message but no stack (CUTI_DEBUG=1 shows it).
  const message = errorMessage(error);
  process.stderr.write(`${err.red('✗')} Unexpected error: ${sanitizeLines(message)}\n`);
  if (process.env.CUTI_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.error;
}

export async function runCli(argv: string[]): Promise<number> {
  let context: CliContext | undefined;
  const json = jsonRequested(argv.slice(2));
  const program = buildProgram(() => (context ??= createCliContext()), { json });
  try {
    await program.parseAsync(argv);
    // A command that passes on another exit status (exec: the child's) sets process.exitCode.
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return reportError(error, json);
  }
}
