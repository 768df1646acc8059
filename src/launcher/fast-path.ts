import { LIST_DEFAULTS, listAccounts } from '../cli/commands/list.js';
import { listApiKeys } from '../cli/commands/list-api-keys.js';
import { SHOW_API_KEY_DEFAULTS, showApiKey } from '../cli/commands/show-api-key.js';
import type { CliContext } from '../cli/context.js';

type Run = (ctx: CliContext) => Promise<void>;

const isOperand = (arg: string | undefined): arg is string => arg !== undefined && arg !== '' && !arg.startsWith('-');

/**
 * The everyday read commands in their plainest form (`cuti claude list`,
 * `list-api-keys <account>`, `show-api-key <account>`), run without building the
 * argument parser, which is a noticeable share of their start-up. Only exact shapes
 * are taken, where the parser would find nothing to parse: no options, no extra
 * operands, nothing that starts with `-`. Anything else returns null and goes through
 * the full program, so behaviour cannot differ; these call the same functions the
 * parsed commands do.
 */
export function fastCommand(args: readonly string[]): Run | null {
  const [group, command, account, ...rest] = args;
  if (group !== 'claude' || rest.length > 0) return null;
  if (command === 'list' && account === undefined) return (c) => listAccounts(c, LIST_DEFAULTS);
  if (!isOperand(account)) return null;
  if (command === 'list-api-keys') return (c) => listApiKeys(c, account, {});
  if (command === 'show-api-key') return (c) => showApiKey(c, account, SHOW_API_KEY_DEFAULTS);
  return null;
}
