import type { Command } from 'commander';

import type { CredentialEnv } from '../../accounts/claude-code-service.js';
import { CREDENTIAL_SOURCES, displayValue, parseCredentialSource } from '../../domain/claude-env.js';
import { CutiError } from '../../domain/errors.js';
import { shownValue } from '../../domain/redact.js';
import { detectShell, exportLine, isShell, SHELLS, suggestedName, unsetLine, type Shell } from '../../domain/shell-quote.js';
import type { CliContext } from '../context.js';
import { printJson } from '../json-output.js';
import { renderTable } from '../render/table.js';
import { safe, shown } from '../../domain/safe-text.js';

interface EnvOptions {
  provider?: string;
  shell?: string;
  json: boolean;
  export: boolean;
  save: boolean;
  unset: boolean;
}

function parseShell(value: string | undefined, env: NodeJS.ProcessEnv): Shell {
  if (value === undefined) return detectShell(env.SHELL);
  if (!isShell(value)) {
    throw new CutiError('usage', `Invalid shell: ${shownValue(value)} (valid: ${SHELLS.join(', ')})`, { exitCode: 2 });
  }
  return value;
}

/** Lines that clear every managed variable the account does not set, then set its own. */
export function exportScript(shell: Shell, credential: CredentialEnv): string[] {
  const setting = new Set(credential.vars.map(([name]) => name));
  return [
    ...credential.clear.filter((name) => !setting.has(name)).map((name) => unsetLine(shell, name)),
    ...credential.vars.map(([name, value]) => exportLine(shell, name, value)),
  ];
}

export function registerEnv(claude: Command, ctx: () => CliContext): void {
  claude
    .command('env')
    .description("Print an account's credentials as shell exports, for eval \"$(cuti claude env <account>)\"")
    .argument('[account]', 'account name (default: the active account)')
    .option('-p, --provider <provider>', `which of the account's credentials: ${CREDENTIAL_SOURCES.join(', ')}`)
    .option('--shell <shell>', `shell syntax: ${SHELLS.join(', ')} (default: from $SHELL)`)
    .option('-e, --export', 'print export lines even on a terminal', false)
    .option('-s, --save', "write the exports to env.sh (0600) in the account's directory", false)
    .option('-u, --unset', 'print the lines that remove every variable cuti manages', false)
    .option('--json', 'print the variables as JSON (values included)', false)
    .addHelpText(
      'after',
      '\nOn a terminal, without --export/--shell/--json, values are shown masked; piped or captured\n' +
        '(eval "$(cuti claude env work)"), the export lines are printed.',
    )
    .action(async (account: string | undefined, options: EnvOptions) => {
      const c = ctx();
      const shell = parseShell(options.shell, c.env);
      if (options.unset) {
        const names = c.claudeCode.varsToClear(null, c.env);
        if (options.json) printJson(c, { unset: names });
        else for (const name of names) c.out.data(unsetLine(shell, name));
        return;
      }
      const source = options.provider === undefined ? undefined : parseCredentialSource(options.provider);
      const credential = await c.claudeCode.credentialEnv(account, source, c.env);
      const name = shown(credential.account);
      if (options.json) {
        const set = credential.vars.map(([variable, value]) => ({ name: variable, value }));
        printJson(c, { account: credential.account, source: credential.source, set, unset: credential.clear });
        return;
      }
      if (options.save) {
        const script = ['#!/bin/sh', `# Credentials of cuti account ${name} (${credential.source}); source this file`, ...exportScript('bash', credential), ''];
        const path = await c.claudeCode.saveEnvScript(credential.account, script.join('\n'));
        c.out.line(safe`${c.out.style.green('✓')} Saved environment script to: ${c.out.style.cyan(path)}`);
        c.out.line();
        c.out.line(c.out.style.dim(safe`To use: ${c.out.style.cyan(safe`source ${path}`)}`));
        return;
      }
      const scripted = options.export || options.shell !== undefined || !c.out.output.isTTY;
      if (scripted) {
        for (const line of exportScript(shell, credential)) c.out.data(line);
        return;
      }
      const { style } = c.out;
      c.out.line(safe`${style.green('Environment variables for account:')} ${style.cyan(name)} (${credential.source})`);
      c.out.line();
      const rows = credential.vars.map(([variable, value]) => [variable, displayValue(variable, value)]);
      c.out.line(await renderTable('', ['Variable', 'Value'], rows, c.out.width));
      c.out.line();
      c.out.line(style.yellow('To apply these variables:'));
      const word = suggestedName(credential.account);
      c.out.line(safe`  ${style.cyan(shell === 'fish' ? `cuti claude env ${word} | source` : `eval "$(cuti claude env ${word})"`)}`);
      c.out.line(style.yellow('Or run one command with them:'));
      c.out.line(safe`  ${style.cyan(safe`cuti claude exec ${word} -- claude`)}`);
      c.out.line(style.yellow('To unset all variables:'));
      c.out.line(safe`  ${style.cyan(shell === 'fish' ? 'cuti claude env --unset | source' : 'eval "$(cuti claude env --unset)"')}`);
    });
}
