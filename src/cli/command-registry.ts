import type { Command } from 'commander';

import type { CliContext } from './context.js';
import { COMPLETE_ACCOUNTS } from './hidden-commands.js';

/** Adds one subcommand (its options, help and action) to `cuti claude`. */
export type RegisterCommand = (claude: Command, ctx: () => CliContext) => void;

/**
 * Every `cuti claude` subcommand, in the order help lists them, each behind a dynamic
 * import: a run loads the one module it needs, not all of them. Start-up is most of
 * what a command like `list` or `print-key` costs, and compiling every command's code
 * (and what it imports) was the largest part of it.
 */
export const CLAUDE_COMMANDS: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  'add-api-key': async () => (await import('./commands/add-api-key.js')).registerAddApiKey,
  'show-api-key': async () => (await import('./commands/show-api-key.js')).registerShowApiKey,
  'list-api-keys': async () => (await import('./commands/list-api-keys.js')).registerListApiKeys,
  'delete-api-key': async () => (await import('./commands/delete-api-key.js')).registerDeleteApiKey,
  list: async () => (await import('./commands/list.js')).registerList,
  info: async () => (await import('./commands/info.js')).registerInfo,
  tui: async () => (await import('./commands/tui.js')).registerTui,
  use: async () => (await import('./commands/use.js')).registerUse,
  status: async () => (await import('./commands/status.js')).registerStatus,
  current: async () => (await import('./commands/current.js')).registerCurrent,
  save: async () => (await import('./commands/save.js')).registerSave,
  login: async () => (await import('./commands/login.js')).registerLogin,
  new: async () => (await import('./commands/new.js')).registerNew,
  delete: async () => (await import('./commands/delete.js')).registerDelete,
  rename: async () => (await import('./commands/rename.js')).registerRename,
  exec: async () => (await import('./commands/exec.js')).registerExec,
  env: async () => (await import('./commands/env.js')).registerEnv,
  'print-aws': async () => (await import('./commands/print-aws.js')).registerPrintAws,
  'print-key': async () => (await import('./commands/print-key.js')).registerPrintKey,
  'remove-helper': async () => (await import('./commands/remove-helper.js')).registerRemoveHelper,
  doctor: async () => (await import('./commands/doctor.js')).registerDoctor,
  'secret-store': async () => (await import('./commands/secret-store.js')).registerSecretStore,
  test: async () => (await import('./commands/test.js')).registerTest,
  // Hidden: the shell completion scripts call it for account names (see completion.ts).
  [COMPLETE_ACCOUNTS]: async () => (await import('./commands/completion.js')).registerCompleteAccounts,
};

/**
 * The subcommands a run needs registered. `cuti claude <known command> …` needs only
 * that one; anything else (help, a typo that wants a suggestion, `cuti completion`,
 * which describes every command) gets them all.
 */
export function commandsFor(args: readonly string[]): { claude: string[]; completion: boolean } {
  const [group, name] = args;
  if (group === 'claude' && name !== undefined && Object.hasOwn(CLAUDE_COMMANDS, name)) {
    return { claude: [name], completion: false };
  }
  return { claude: Object.keys(CLAUDE_COMMANDS), completion: true };
}

export async function registerClaudeCommands(
  claude: Command,
  ctx: () => CliContext,
  names: readonly string[],
): Promise<void> {
  const registers = await Promise.all(names.map((name) => CLAUDE_COMMANDS[name]!()));
  for (const register of registers) register(claude, ctx);
}
