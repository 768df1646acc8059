import type { Command } from 'commander';

import { EXEC_GUARD_VAR } from '../../domain/claude-env.js';
import type { CliContext } from '../context.js';

/**
 * Prints a Bedrock account's access keys as the JSON Claude Code's `awsCredentialExport`
 * setting expects (`{"Credentials": {"AccessKeyId", "SecretAccessKey", "SessionToken"?}}`),
 * so `use --claude-code` can point Claude Code at cuti and no secret lands in a settings
 * file. Errors go to stderr only.
 */
export function registerPrintAws(claude: Command, ctx: () => CliContext): void {
  claude
    .command('print-aws')
    .description("Print a Bedrock account's AWS credentials as JSON (for Claude Code's awsCredentialExport)")
    .argument('[account]', "account name (default: the account of the 'cuti claude exec' it runs in, else the active one)")
    .action(async (account: string | undefined) => {
      const c = ctx();
      const execAccount = c.env[EXEC_GUARD_VAR];
      const { document } = await c.claudeCode.awsCredentialExport(account ?? (execAccount !== undefined && execAccount !== '' ? execAccount : undefined));
      c.out.data(JSON.stringify(document));
    });
}
