import type { AccountSummary } from '../accounts/service.js';
import { cachedPer } from './cached-per.js';

/**
 * Lower-cased names, computed once per account list: a filter key then costs one plain
 * loop of `includes` over 10,000 strings (well under 2 ms), no allocation per account.
 */
const lowerNames = cachedPer((accounts: readonly AccountSummary[]) => accounts.map((a) => a.name.toLowerCase()));

/** What `@…` matches: the type column and the providers ("max", "api (bedrock)", "anthropic", "oauth"). */
const lowerKinds = cachedPer((accounts: readonly AccountSummary[]) =>
  accounts.map((a) => `${a.type} ${a.providers.join(' ')}${a.oauth ? ' oauth login' : ''}`.toLowerCase()),
);

interface Filtered {
  accounts: readonly AccountSummary[];
  filter: string;
  byKind: boolean;
  needle: string;
  /** Positions of the matches in `accounts`, to narrow from on the next key. */
  indexes: number[];
  result: readonly AccountSummary[];
}

/**
 * The last result, because every render and every key asks for it: the same list and
 * filter give the same array (so selectors and memoised rows see no change).
 */
let last: Filtered | null = null;

/**
 * Case-insensitive substring match on the name; `@text` matches the type or provider
 * instead (`@bedrock`, `@max`, `@oauth`). An empty filter is the list itself.
 */
export function filterAccounts(accounts: readonly AccountSummary[], filter: string): readonly AccountSummary[] {
  if (filter === '') return accounts;
  if (last && last.accounts === accounts && last.filter === filter) return last.result;
  const byKind = filter.startsWith('@');
  const needle = (byKind ? filter.slice(1) : filter).toLowerCase();
  const names = byKind ? lowerKinds(accounts) : lowerNames(accounts);
  const indexes: number[] = [];
  // A longer needle containing the previous one (same kind of match) can only match what that one matched.
  if (last && last.accounts === accounts && last.byKind === byKind && needle.includes(last.needle)) {
    for (const i of last.indexes) if ((names[i] as string).includes(needle)) indexes.push(i);
  } else {
    for (let i = 0; i < names.length; i++) if ((names[i] as string).includes(needle)) indexes.push(i);
  }
  const result = indexes.map((i) => accounts[i] as AccountSummary);
  last = { accounts, filter, byKind, needle, indexes, result };
  return result;
}
