import { describe, expect, it } from 'vitest';

import type { AccountSummary } from '../../src/accounts/service.js';
import { filterAccounts } from '../../src/state/filter.js';
import { accountNames } from '../../src/state/store.js';
import { menuItems, newWizard } from '../../src/state/wizard.js';

const account = (name: string): AccountSummary => ({
  name,
  type: 'API (Anthropic)',
  created: '2025-10-01T00:31:34.953588',
  lastUsed: 'never',
  active: false,
  hasCredentials: true,
  providers: ['anthropic'],
  oauth: null,
  isBackup: false,
  warnings: [],
});

const many = Array.from({ length: 10_000 }, (_, i) => account(`acct-${String(i).padStart(5, '0')}`));
const names = (list: readonly AccountSummary[]) => list.map((a) => a.name);
/** What a filter must give, computed the slow, obvious way. */
const expected = (list: readonly AccountSummary[], filter: string) =>
  names(list.filter((a) => a.name.toLowerCase().includes(filter.toLowerCase())));

describe('filterAccounts', () => {
  it('gives the same array for the same list and filter, so selectors and memoised rows see no change', () => {
    expect(filterAccounts(many, '')).toBe(many);
    const first = filterAccounts(many, '0012');
    expect(filterAccounts(many, '0012')).toBe(first);
    expect(names(first)).toEqual(expected(many, '0012'));
    // Another list with the same names is another input.
    const copy = [...many];
    expect(filterAccounts(copy, '0012')).not.toBe(first);
    expect(names(filterAccounts(copy, '0012'))).toEqual(names(first));
  });

  it('matches case-insensitively, as each key narrows, widens or changes the filter', () => {
    const list = [account('Work-Prod'), account('work-dev'), account('personal'), account('PROD-2')];
    for (const filter of ['p', 'pr', 'PRO', 'prod', 'prod-', 'pro', 'w', 'wo', 'x', '', 'rK-']) {
      expect(names(filterAccounts(list, filter))).toEqual(expected(list, filter));
    }
  });

  it('searches every name again when a longer filter lowercases differently (final sigma)', () => {
    // 'ΑΣ' lowercases to 'ας' but 'ΑΣΑ' to 'ασα': the second is not a narrowing of the first.
    const list = [account('ας'), account('xασα')];
    expect(names(filterAccounts(list, 'ΑΣ'))).toEqual(['ας']);
    expect(names(filterAccounts(list, 'ΑΣΑ'))).toEqual(['xασα']);
  });

  it('follows typing over 10,000 names with the same results as a full search', () => {
    let filter = '';
    for (const ch of 'acct-0999') {
      filter += ch;
      expect(names(filterAccounts(many, filter))).toEqual(expected(many, filter));
    }
    expect(names(filterAccounts(many, 'acct-09999'))).toEqual(['acct-09999']);
  });
});

describe('the wizard\'s account menu', () => {
  it('is built once per list of accounts, not on every key', () => {
    const names = accountNames(many);
    expect(accountNames(many)).toBe(names);
    const wizard = newWizard(null, 'list');
    const items = menuItems(wizard, names);
    expect(menuItems({ ...wizard, menuIndex: 5 }, names)).toBe(items);
    expect(items).toHaveLength(10_001);
    expect(items[1]).toEqual({ label: 'acct-00000', value: 'acct-00000' });
  });
});
