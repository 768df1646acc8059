import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';

import type { Command } from 'commander';

import { childEnvironment, CREDENTIAL_SOURCES, EXEC_GUARD_VAR, parseCredentialSource } from '../../domain/claude-env.js';
import { CutiError } from '../../domain/errors.js';
import { claudeCodePaths } from '../../accounts/claude-code-paths.js';
import { isClaudeCommand, planHandOff } from '../../domain/claude-handoff.js';
import { printWarnings, type CliContext } from '../context.js';
import { keyHelperCommand } from '../key-helper.js';
import { shown } from '../../domain/safe-text.js';

/** Exit statuses a shell gives when it cannot run a command (POSIX): documented in the README. */
export const EXIT_NOT_EXECUTABLE = 126;
export const EXIT_NOT_FOUND = 127;

/**
 * Every signal a terminal, a shell or a supervisor sends to stop or poke a program: the
 * child gets each, so it is never left running, orphaned, with the credentials. SIGUSR1
 * too: the launcher keeps it from opening Node's inspector in cuti itself
 * (src/launcher/inspector-guard.ts), and the child may use it for something of its own.
 */
export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

/**
 * Whether a SIGINT cuti got may have come from the terminal, which sends Ctrl-C to the
 * whole foreground process group, the child included. It cannot have when stdin is not
 * a terminal, when cuti is not in the terminal's foreground group (an interactive shell
 * run by exec takes the terminal for itself), or when the terminal makes no signals
 * (ISIG off: Claude Code reads the terminal raw, so Ctrl-C is a keypress there). Then
 * the SIGINT was sent to cuti alone (kill, a supervisor) and is passed on at once.
 */
function terminalSentSigintToGroup(stdin: NodeJS.ReadStream): boolean {
  if (!stdin.isTTY) return false;
  try {
    // /proc/self/stat: "pid (comm) state ppid pgrp session tty_nr tpgid ..."
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const [, , pgrp, , , tpgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (pgrp !== tpgid) return false;
    const stty = spawnSync('stty', ['-a'], { stdio: [0, 'pipe', 'ignore'], encoding: 'utf8', timeout: 1000 });
    if (stty.status !== 0) return true;
    return !/(^|\s)-isig(\s|$)/.test(stty.stdout);
  } catch {
    // No /proc (not Linux): it may have.
    return true;
  }
}

/** How long a child has to die of a Ctrl-C before an ambiguous SIGINT is passed on. */
const SIGINT_GRACE_MS = 150;

/**
 * Splits exec's operands at `--`: at most one account before it, the command after.
 * Commander drops the `--` itself, so the split is found in the raw arguments.
 */
export function splitOperands(operands: string[], rawArgs: readonly string[]): { account: string | undefined; command: string[] } {
  const dash = rawArgs.indexOf('--');
  if (dash === -1) {
    throw new CutiError('usage', "exec needs '--' before the command: cuti claude exec [account] -- <command> [args…]", { exitCode: 2 });
  }
  const afterDash = rawArgs.length - dash - 1;
  const before = operands.slice(0, operands.length - afterDash);
  const command = operands.slice(operands.length - afterDash);
  if (before.length > 1) throw new CutiError('usage', `exec takes one account before '--', got ${before.length}`, { exitCode: 2 });
  if (command.length === 0) throw new CutiError('usage', "exec needs a command after '--'", { exitCode: 2 });
  return { account: before[0], command };
}

export function registerExec(claude: Command, ctx: () => CliContext): void {
  claude
    .command('exec')
    .description("Run a command with an account's credentials in its environment (default: the active account)")
    .usage('[account] [options] -- <command> [args...]')
    .argument('[account-and-command...]', 'account name (optional), then -- and the command')
    .option('-p, --provider <provider>', `which of the account's credentials: ${CREDENTIAL_SOURCES.join(', ')} (its Claude Code login)`)
    .action(async (operands: string[], options: { provider?: string }, command: Command) => {
      const c = ctx();
      // commander keeps the unparsed arguments on the root command (not in its typings).
      const root = (command.parent?.parent ?? command) as Command & { rawArgs: string[] };
      const { account, command: argv } = splitOperands(operands, root.rawArgs);
      const nested = c.env[EXEC_GUARD_VAR];
      if (nested !== undefined && nested !== '') {
        throw new CutiError(
          'nested_exec',
          `Already inside 'cuti claude exec' for account '${shown(nested)}'; refusing to nest, which would mix two accounts' credentials`,
          { hint: `Leave that command first (${EXEC_GUARD_VAR} is set in this environment)` },
        );
      }
      const source = options.provider === undefined ? undefined : parseCredentialSource(options.provider);
      const credential = await c.claudeCode.credentialEnv(account, source, c.env);
      const guard = { name: EXEC_GUARD_VAR, value: credential.account };
      const [file, ...args] = argv as [string, ...string[]];
      // A `claude` that brings its own --settings keeps them; then the key goes as a variable.
      const claude = isClaudeCommand(file) && !args.some((a) => a === '--settings' || a.startsWith('--settings='));
      // Which user settings Claude Code will read: those of the config dir it is given.
      const configDir = claudeCodePaths(childEnvironment(c.env, credential.vars, credential.clear, guard)).configDir;
      const { sources, warnings } = c.claudeCode.settingsSources(configDir, process.cwd(), c.env);
      const plan = planHandOff({
        source: credential.source,
        vars: credential.vars,
        claude,
        helperCommand: keyHelperCommand(c.env, credential.account),
        settings: sources,
      });
      printWarnings(c, [...warnings, ...plan.warnings]);
      const env = childEnvironment(c.env, plan.vars, [...credential.clear, ...plan.alsoClear], guard);
      c.exitCode = await runChild(plan.settings === null ? argv : [file, '--settings', plan.settings, ...args], env, c.stdin);
    });
}

/**
 * Runs the command with the given environment (secrets go in the environment only, so
 * `ps` never shows them), forwards termination signals, and resolves to its exit
 * status: its own code, or 128 + the signal number when a signal killed it.
 */
function runChild(argv: string[], env: NodeJS.ProcessEnv, stdin: NodeJS.ReadStream): Promise<number> {
  const [file, ...args] = argv as [string, ...string[]];
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => {
      if (signal === 'SIGINT' && terminalSentSigintToGroup(stdin)) {
        // Most likely Ctrl-C, which the child got too; but it may be a SIGINT sent to cuti
        // alone. Pass it on only to a child still running a moment later: one that died of
        // the terminal's is spared a second, and one that did not get it is not left out.
        setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
        }, SIGINT_GRACE_MS).unref();
        return;
      }
      child.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const stopForwarding = () => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      stopForwarding();
      const display = shown(file);
      if (error.code === 'ENOENT') reject(new CutiError('command_not_found', `command not found: ${display}`, { exitCode: EXIT_NOT_FOUND }));
      else if (error.code === 'EACCES') reject(new CutiError('command_not_executable', `permission denied: ${display}`, { exitCode: EXIT_NOT_EXECUTABLE }));
      else reject(new CutiError('exec_failed', `could not run ${display}: ${error.code ?? error.message}`));
    });
    child.on('exit', (code, signal) => {
      stopForwarding();
      if (code !== null) resolve(code);
      else resolve(128 + (signal ? (osConstants.signals[signal] ?? 0) : 0));
    });
  });
}
