import type { Command } from 'commander';

import { moveSecrets, type MoveResult } from '../../accounts/secret-store-move.js';
import { secretStoreStatus } from '../../accounts/secret-store-report.js';
import { ValidationError } from '../../domain/errors.js';
import { SECRET_STORE_KINDS, type SecretStoreKind } from '../../storage/secret-settings.js';
import type { CliContext } from '../context.js';
import { printJson } from '../json-output.js';
import { safe, shown } from '../../domain/safe-text.js';

const STORE_LABEL: Record<SecretStoreKind, string> = { file: 'file (.api_keys.json, as the original tool keeps them)', keychain: 'OS keychain' };

/** Said after every move into the keychain, and in the status of a keychain home. */
export const ORIGINAL_TOOL_NOTE =
  'The original Python cuti cannot read secrets kept in the keychain: it sees references, not keys. Move them back with: cuti claude secret-store file';

function parseStore(value: string): SecretStoreKind {
  if ((SECRET_STORE_KINDS as readonly string[]).includes(value)) return value as SecretStoreKind;
  throw new ValidationError(`Unknown secret store '${shown(value)}'`, 'Choose one of: keychain, file');
}

export function registerSecretStore(claude: Command, ctx: () => CliContext): void {
  claude
    .command('secret-store')
    .description('Show where secrets are kept, or move them all into the OS keychain or back into .api_keys.json')
    .argument('[store]', 'keychain or file: move every secret there (all or nothing; rerun to finish an interrupted move)')
    .option('--json', 'print JSON for scripts', false)
    .action(async (store: string | undefined, options: { json: boolean }) => {
      const c = ctx();
      if (store === undefined) return showStatus(c, options.json);
      const to = parseStore(store);
      const result = await moveSecrets(c.service.storage, c.service.secrets, to, c.service.now);
      if (options.json) {
        printJson(c, { store: to, ...result, ...(to === 'keychain' ? { note: ORIGINAL_TOOL_NOTE } : {}) });
        return;
      }
      printMove(c, result);
    });
}

function printMove(c: CliContext, result: MoveResult): void {
  const { style } = c.out;
  const where = result.to === 'keychain' ? 'into the OS keychain' : 'back into .api_keys.json, in the original tool\'s form';
  const accounts = `${result.accounts} account${result.accounts === 1 ? '' : 's'}`;
  if (result.moved > 0) c.out.line(safe`${style.green('✓')} Moved ${result.moved} secret${result.moved === 1 ? '' : 's'} of ${accounts} ${where}`);
  else c.out.line(safe`${style.green('✓')} Every secret is already ${result.to === 'keychain' ? 'in the OS keychain' : 'in .api_keys.json'}`);
  if (result.resumed) c.out.line(style.dim('  (finished a move that had been interrupted)'));
  c.out.line(safe`  Secret store: ${STORE_LABEL[result.to]}`);
  if (result.removed > 0) c.out.line(safe`  Removed ${result.removed} keychain entr${result.removed === 1 ? 'y' : 'ies'} no account references any more`);
  if (result.leftovers > 0) {
    c.err.line(safe`${c.err.style.yellow('⚠')}  ${result.leftovers} keychain entr${result.leftovers === 1 ? 'y' : 'ies'} could not be removed; rerun, or see: cuti claude doctor`);
  }
  if (result.cleanupSkipped !== null && result.to === 'file') {
    c.err.line(safe`${c.err.style.yellow('⚠')}  Leftover keychain entries were not looked for: ${result.cleanupSkipped}`);
  }
  if (result.to === 'keychain') c.err.line(safe`${c.err.style.yellow('⚠')}  ${ORIGINAL_TOOL_NOTE}`);
}

async function showStatus(c: CliContext, json: boolean): Promise<void> {
  const status = await secretStoreStatus(c.service.storage, c.service.secrets);
  // The store in use must work: a keychain home whose keychain is out of reach is a failure.
  if (status.store === 'keychain' && !status.keychain.reachable) c.exitCode = 1;
  if (json) {
    printJson(c, {
      store: status.store,
      keychain: status.keychain,
      unfinishedMove: status.unfinishedMove,
      secrets: { inKeychain: status.inKeychain, inFiles: status.inFiles },
    });
    return;
  }
  const { style } = c.out;
  c.out.line(safe`Secret store: ${style.bold(STORE_LABEL[status.store])}`);
  c.out.line(safe`Secrets: ${status.inKeychain} in the OS keychain, ${status.inFiles} in .api_keys.json files`);
  if (status.keychain.reachable) c.out.line(safe`Keychain: ${style.green('reachable')}`);
  else {
    c.out.line(safe`Keychain: ${style.red('not reachable')}: ${status.keychain.reason ?? ''}`);
    if (status.keychain.hint) c.out.line(style.dim(safe`  ${status.keychain.hint}`));
  }
  if (status.unfinishedMove) {
    c.out.line(safe`${style.yellow('⚠')} A move to the ${status.unfinishedMove.to} store did not finish; finish it with: cuti claude secret-store ${status.unfinishedMove.to}`);
  }
  if (status.store === 'keychain' || status.inKeychain > 0) c.out.line(style.dim(ORIGINAL_TOOL_NOTE));
}
