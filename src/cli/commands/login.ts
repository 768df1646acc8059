import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

import type { Command } from 'commander';

import { varsToClear } from '../../domain/claude-env.js';
import { CutiError } from '../../domain/errors.js';
import { suggestedName } from '../../domain/shell-quote.js';
import type { CliContext } from '../context.js';
import { safe, shown } from '../../domain/safe-text.js';

/** Where `claude` is on this PATH, or null. */
export function findOnPath(command: string, path: string | undefined): string | null {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * `login <account>`: a Claude Code subscription login kept where Claude Code keeps
 * it. The account gets its own Claude Code configuration directory and Claude Code's
 * own sign-in (`claude auth login`) runs with CLAUDE_CONFIG_DIR pointing there. cuti
 * never reads, copies or refreshes the tokens (Anthropic's terms reserve that to
 * Claude Code); `exec` and `env` hand the login over by pointing CLAUDE_CONFIG_DIR at
 * the directory, which also works on macOS, where the login lives in a Keychain item
 * named after that directory.
 */
export function registerLogin(claude: Command, ctx: () => CliContext): void {
  claude
    .command('login')
    .description("Sign in to Claude Code for an account, in the account's own Claude Code directory (Claude Code keeps the login)")
    .argument('<account>', 'account name')
    .action(async (account: string) => {
      const c = ctx();
      const claudeBin = findOnPath('claude', c.env.PATH);
      if (claudeBin === null) {
        throw new CutiError('claude_not_found', "Claude Code ('claude') is not on PATH", {
          hint: 'Install it with: npm install -g @anthropic-ai/claude-code',
        });
      }
      const { configDir } = await c.claudeCode.prepareConfigDirLogin(account);
      const env: NodeJS.ProcessEnv = { ...c.env };
      // Nothing inherited may decide the sign-in instead (a key, another config dir).
      for (const name of varsToClear('oauth', c.env)) delete env[name];
      env.CLAUDE_CONFIG_DIR = configDir;
      const display = shown(account);
      c.err.line(c.err.style.dim(safe`Running Claude Code's sign-in for account ${display} (CLAUDE_CONFIG_DIR=${configDir})`));
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(claudeBin, ['auth', 'login'], { stdio: 'inherit', env });
        child.on('error', (error) => reject(new CutiError('exec_failed', `could not run claude: ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
        child.on('exit', (status, signal) => resolve(status ?? (signal ? 128 : 1)));
      });
      if (code !== 0) {
        throw new CutiError('login_failed', `Claude Code's sign-in ended with status ${code}; account ${display} holds no login yet`, {
          hint: `Try again with: cuti claude login ${suggestedName(account)}`,
          exitCode: code,
        });
      }
      const { style } = c.out;
      c.out.line(safe`${style.green('✓')} Claude Code login for account: ${style.cyan(display)}`);
      c.out.line(style.dim(safe`  Claude Code keeps it in ${configDir} (cuti never reads it)`));
      c.out.line(style.dim(safe`Use it: ${style.cyan(safe`cuti claude exec ${suggestedName(account)} -- claude`)}`));
    });
}
