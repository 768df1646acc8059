import type { AccountSummary } from '../accounts/service.js';

/**
 * Case-insensitive substring match on the name. The last result is cached per
 * (list, filter) pair, because every render asks for it and 10,000 accounts must stay
 * instant while the selection moves.
 */
let cache: { accounts: readonly AccountSummary[]; filter: string; result: readonly AccountSummary[] } | null = null;
const lowered = new WeakMap<AccountSummary, string>();

function lowerName(account: AccountSummary): string {
  let name = lowered.get(account);
  if (name === undefined) {
    name = account.name.toLowerCase();
    lowered.set(account, name);
  }
  return name;
}

export function filterAccounts(accounts: readonly AccountSummary[], filter: string): readonly AccountSummary[] {
  if (filter === '') return accounts;
  if (cache && cache.accounts === accounts && cache.filter === filter) return cache.result;
  const needle = filter.toLowerCase();
  // Narrowing an earlier filter only needs to search its result.
  const base = cache && cache.accounts === accounts && filter.startsWith(cache.filter) ? cache.result : accounts;
  const result = base.filter((a) => lowerName(a).includes(needle));
  cache = { accounts, filter, result };
  return result;
}
