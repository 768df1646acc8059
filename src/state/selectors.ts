import type { AccountSummary } from '../accounts/service.js';
import { CutiError, errorMessage } from '../domain/errors.js';
import { safe } from '../domain/safe-text.js';
import type { AppState, Screen } from './app-state.js';
import { cachedPer } from './cached-per.js';
import { filterAccounts } from './filter.js';

/**
 * One displayable line. Storage errors carry safe, path-naming messages; anything else
 * is a bug shown briefly. Messages can quote names or paths from disk, so sanitise them.
 */
export function describeError(error: unknown): string {
  if (error instanceof CutiError) return safe`${error.message}`.text;
  return safe`Unexpected error: ${errorMessage(error)}`.text;
}

export const visibleAccounts = (state: AppState): readonly AccountSummary[] =>
  filterAccounts(state.accounts, state.filter);

export const selectedAccount = (state: AppState): AccountSummary | undefined =>
  visibleAccounts(state)[state.selected];

/** The accounts' names, the same array for the same list (the wizard's account menu is built from it once). */
export const accountNames = cachedPer((accounts: readonly AccountSummary[]): readonly string[] => accounts.map((a) => a.name));

/** Where a wizard or delete dialog goes back to: the detail screen only if it is still open. */
export const screenToReturnTo = (state: AppState, returnTo: 'list' | 'detail'): Screen =>
  returnTo === 'detail' && state.detail ? 'detail' : 'list';
