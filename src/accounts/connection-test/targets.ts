import { CutiError, errorMessage, ProviderNotFoundError } from '../../domain/errors.js';
import type { AccountService } from '../service.js';
import { shown } from '../../domain/safe-text.js';

/** The provider name `-p` takes for a saved Claude Code login. */
export const LOGIN_PROVIDER = 'claude-code';

/** One credential to test: a provider entry of `.api_keys.json`, or a saved login. */
export type TestTarget =
  | { account: string; provider: string; entry: Record<string, unknown> }
  | { account: string; provider: typeof LOGIN_PROVIDER; loginText: string | undefined }
  /** Its secrets could not be read (a keychain out of reach): reported, not tested. */
  | { account: string; provider: string; unavailable: string };

export interface Selection {
  account?: string;
  provider?: string;
  all: boolean;
}

export interface ResolvedTargets {
  targets: TestTarget[];
  /** Accounts `--all` passed over: nothing to test in them. */
  skipped: string[];
  warnings: string[];
}

/** What to test: the named account, else the active one; or, with `all`, every listed account. */
export async function resolveTargets(service: AccountService, selection: Selection): Promise<ResolvedTargets> {
  if (selection.all) {
    const list = await service.listAccounts();
    const resolved: ResolvedTargets = { targets: [], skipped: [], warnings: [] };
    for (const account of list.accounts) {
      resolved.warnings.push(...account.warnings.map((w) => `${shown(account.name)}: ${w}`));
      let targets: TestTarget[];
      try {
        targets = await accountTargets(service, account.name, selection.provider, account.hasCredentials);
      } catch (error) {
        // One account that cannot be read (a name no command takes, a file cuti will not
        // parse) is passed over with its reason, as list shows it; the others are tested.
        resolved.warnings.push(`${shown(account.name)}: ${errorMessage(error)}`);
        continue;
      }
      if (targets.length === 0) resolved.skipped.push(account.name);
      resolved.targets.push(...targets);
    }
    return resolved;
  }
  let name = selection.account;
  if (name === undefined) {
    const active = await service.activeAccount();
    if (active === null) {
      throw new CutiError('no_active_account', 'No active account to test', {
        hint: 'Name one: cuti claude test <account>, or test every account: cuti claude test --all',
      });
    }
    name = active.name;
  }
  const details = await service.getAccountDetails(name);
  const targets = await accountTargets(service, name, selection.provider, details.hasCredentials);
  if (targets.length === 0) {
    if (selection.provider !== undefined) throw new ProviderNotFoundError(name, selection.provider, shown(name));
    throw new CutiError('nothing_to_test', `Account ${shown(name)} holds no credentials to test`);
  }
  return { targets, skipped: [], warnings: details.warnings };
}

async function accountTargets(service: AccountService, name: string, provider: string | undefined, hasCredentials: boolean): Promise<TestTarget[]> {
  if (!hasCredentials) return [];
  const targets: TestTarget[] = [];
  if (provider === undefined || provider !== LOGIN_PROVIDER) {
    const { credentials } = await service.listProviders(name);
    for (const credential of credentials) {
      if (provider !== undefined && credential.provider !== provider) continue;
      try {
        // Through the service's one way to secrets: the keychain may hold them.
        const entry = await service.revealCredential(name, credential.provider);
        targets.push({ account: name, provider: credential.provider, entry });
      } catch (error) {
        targets.push({ account: name, provider: credential.provider, unavailable: errorMessage(error) });
      }
    }
  }
  if (provider === undefined || provider === LOGIN_PROVIDER) {
    const snapshot = await service.storage.readLoginSnapshot(name);
    const loginText = snapshot['.credentials.json'];
    if (loginText !== undefined) targets.push({ account: name, provider: LOGIN_PROVIDER, loginText });
  }
  return targets;
}
