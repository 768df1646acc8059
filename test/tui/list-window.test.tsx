import { Box, type DOMElement } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { act, createRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

import type { ClaudeCodeService } from '../../src/accounts/claude-code-service.js';
import type { AccountService, AccountSummary } from '../../src/accounts/service.js';
import { StoreContext } from '../../src/ui/store-context.js';
import { AccountListScreen } from '../../src/screens/AccountList.js';
import { MemoryPrefs } from '../../src/storage/prefs.js';
import { createAppStore } from '../../src/state/store.js';

afterEach(() => {
  act(() => cleanup());
});

const COUNT = 10_000;
const nameOf = (i: number) => `acct-${String(i).padStart(5, '0')}`;
const accounts: AccountSummary[] = Array.from({ length: COUNT }, (_, i) => ({
  name: nameOf(i),
  type: 'API (Anthropic)',
  created: '2025-10-01T00:31:34.953588',
  lastUsed: 'never',
  active: i === 1,
  hasCredentials: true,
  providers: ['anthropic'],
  oauth: null,
  isBackup: false,
  warnings: [],
}));

/** Every account name in Ink's element tree, drawn or clipped: what was rendered, not what shows. */
function renderedNames(node: DOMElement): Set<string> {
  const found = new Set<string>();
  const walk = (n: DOMElement['childNodes'][number]) => {
    if (n.nodeName === '#text') for (const m of n.nodeValue.matchAll(/acct-\d{5}/g)) found.add(m[0]);
    else for (const child of n.childNodes) walk(child);
  };
  walk(node);
  return found;
}

async function listOf10k(height: number) {
  const service = {
    listAccounts: async () => ({ accounts, active: nameOf(1), hiddenBackups: 0 }),
    secretStoreInUse: async () => 'file',
  } as unknown as AccountService;
  const store = createAppStore({ service, claudeCode: {} as ClaudeCodeService, prefs: new MemoryPrefs() });
  await store.getState().actions.load();
  const root = createRef<DOMElement>();
  let frame!: () => string | undefined;
  act(() => {
    frame = render(
      <StoreContext.Provider value={store}>
        <Box ref={root} flexDirection="column">
          <AccountListScreen width={100} height={height} />
        </Box>
      </StoreContext.Provider>,
    ).lastFrame;
  });
  const rendered = () => renderedNames(root.current as DOMElement);
  return { store, frame, rendered };
}

describe('account list over 10,000 accounts', () => {
  it('renders only the rows that fit, wherever the selection is', async () => {
    const height = 20;
    const rows = height - 1; // the column header takes one line
    const { store, frame, rendered } = await listOf10k(height);
    expect([...rendered()]).toEqual(Array.from({ length: rows }, (_, i) => nameOf(i)));

    act(() => store.getState().actions.move(5000));
    const middle = rendered();
    expect(middle.size).toBe(rows);
    expect(middle.has(nameOf(5000))).toBe(true);
    expect(frame()).toMatch(new RegExp(`^❯ +${nameOf(5000)}`, 'm'));

    act(() => store.getState().actions.moveToEdge('bottom'));
    expect([...rendered()]).toEqual(Array.from({ length: rows }, (_, i) => nameOf(COUNT - rows + i)));

    // The filter line takes one more.
    act(() => {
      store.getState().actions.startFilter();
      store.getState().actions.typeFilter('acct-0');
    });
    expect(rendered().size).toBe(rows - 1);
    expect(frame()).toContain('10000/10000 match');
  });
});
