import type { AccountSummary } from '../accounts/service.js';
import { CutiError, errorMessage } from '../domain/errors.js';
import { safe } from '../domain/safe-text.js';
import type { AppState, Screen, SortKey } from './app-state.js';
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

const SORTERS: Record<Exclude<SortKey, 'name'>, (a: AccountSummary, b: AccountSummary) => number> = {
  // Most recent first; "never" sorts last (the stored times are ISO strings, so they compare as text).
  lastUsed: (a, b) => (b.lastUsed === 'never' ? '' : b.lastUsed).localeCompare(a.lastUsed === 'never' ? '' : a.lastUsed),
  type: (a, b) => a.type.localeCompare(b.type),
};

let lastSorted: { source: readonly AccountSummary[]; sort: SortKey; result: readonly AccountSummary[] } | null = null;

/** The list as shown: filtered, then sorted (the service lists by name; sorting is stable, so ties stay by name). */
export const visibleAccounts = (state: AppState): readonly AccountSummary[] => {
  const filtered = filterAccounts(state.accounts, state.filter);
  if (state.sort === 'name') return filtered;
  if (lastSorted?.source === filtered && lastSorted.sort === state.sort) return lastSorted.result;
  const result = [...filtered].sort(SORTERS[state.sort]);
  lastSorted = { source: filtered, sort: state.sort, result };
  return result;
};

export const selectedAccount = (state: AppState): AccountSummary | undefined =>
  visibleAccounts(state)[state.selected];

/** The account an action is about: the open page's on the detail screen, else the list's selection. */
export const focusedAccountName = (state: AppState): string | undefined =>
  state.screen === 'detail' ? state.detail?.name : selectedAccount(state)?.name;

/** The accounts' names, the same array for the same list (the wizard's account menu is built from it once). */
export const accountNames = cachedPer((accounts: readonly AccountSummary[]): readonly string[] => accounts.map((a) => a.name));

/** Where a wizard or delete dialog goes back to: the detail screen only if it is still open. */
export const screenToReturnTo = (state: AppState, returnTo: 'list' | 'detail'): Screen =>
  returnTo === 'detail' && state.detail ? 'detail' : 'list';
