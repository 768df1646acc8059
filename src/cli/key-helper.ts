import { resolve } from 'node:path';

import { KEY_HELPER_MARKER } from '../domain/auth-precedence.js';
import { quotePosix } from '../domain/shell-quote.js';

/**
 * The shell command Claude Code's apiKeyHelper runs: this very cuti, by absolute path
 * (Claude Code may start without the user's PATH, in any directory), with an absolute
 * CUTI_HOME when one is in use, marked so that cuti knows its own helper again. It
 * names no key: cuti looks the key up each time Claude Code asks. With `account`, that
 * account's key (exec); without, the active account's (use --claude-code).
 */
export function keyHelperCommand(
  env: NodeJS.ProcessEnv,
  account?: string,
  execPath = process.execPath,
  script = process.argv[1] ?? 'cuti',
): string {
  const prefix = env.CUTI_HOME ? `CUTI_HOME=${quotePosix(resolve(env.CUTI_HOME))} ` : '';
  const which = account === undefined ? '' : ` ${quotePosix(account)}`;
  return `${KEY_HELPER_MARKER} ${prefix}${quotePosix(execPath)} ${quotePosix(resolve(script))} claude print-key${which}`;
}

/**
 * The command Claude Code's `awsCredentialExport` runs: this cuti's `print-aws` for the
 * active account, by absolute path as for the key helper. It names no secret.
 */
export function awsExportCommand(env: NodeJS.ProcessEnv, execPath = process.execPath, script = process.argv[1] ?? 'cuti'): string {
  const prefix = env.CUTI_HOME ? `CUTI_HOME=${quotePosix(resolve(env.CUTI_HOME))} ` : '';
  return `${prefix}${quotePosix(execPath)} ${quotePosix(resolve(script))} claude print-aws`;
}
