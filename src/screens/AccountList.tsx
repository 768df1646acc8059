import { Box, Text } from 'ink';
import { useEffect } from 'react';

import type { AccountSummary } from '../accounts/service.js';
import { useAppState, useAppStore } from '../app/store-context.js';
import { fit } from '../app/text.js';
import { useTheme } from '../app/theme.js';
import { sanitizeForDisplay } from '../domain/sanitize.js';
import { formatDate, formatDateTime } from '../domain/timestamps.js';
import { filterAccounts } from '../state/filter.js';
import { windowStart } from '../state/window.js';

interface Columns {
  name: number;
  type: number;
  created: number;
  lastUsed: number;
}

/** Name takes what the fixed columns leave; narrow terminals drop "Last used" first. */
export function columnsFor(width: number): Columns {
  const type = 23;
  const created = 10;
  let lastUsed = 16;
  let name = width - 3 - type - created - lastUsed - 4;
  if (name < 12) {
    lastUsed = 0;
    name = width - 3 - type - created - 3;
  }
  return { name: Math.max(8, name), type, created, lastUsed };
}

function marker(account: AccountSummary): string {
  if (account.active) return '●';
  return account.hasCredentials ? ' ' : '⚠';
}

export function rowText(account: AccountSummary, c: Columns, selected: boolean): string {
  const cells = [
    fit(sanitizeForDisplay(account.name), c.name),
    fit(sanitizeForDisplay(account.type), c.type),
    fit(sanitizeForDisplay(formatDate(account.created)), c.created),
  ];
  if (c.lastUsed > 0) cells.push(fit(sanitizeForDisplay(formatDateTime(account.lastUsed, 'never')), c.lastUsed));
  // The pointer keeps the selection visible without colour (NO_COLOR, screen readers).
  return `${selected ? '❯' : ' '}${marker(account)} ${cells.join(' ')}`;
}

function EmptyState() {
  const theme = useTheme();
  return (
    <Box flexDirection="column" paddingX={2} paddingY={1}>
      <Text bold>No Claude accounts yet.</Text>
      <Text> </Text>
      <Text>
        Press{' '}
        <Text color={theme.key} bold>
          a
        </Text>{' '}
        to add your first key: an Anthropic API key (sk-ant-…) or AWS Bedrock access keys.
      </Text>
      <Text> </Text>
      <Text color={theme.muted}>From a shell: cuti claude add-api-key &lt;account&gt; --api-key sk-ant-...</Text>
    </Box>
  );
}

function LoadFailed() {
  const theme = useTheme();
  return (
    <Box flexDirection="column" paddingX={2} paddingY={1}>
      <Text bold color={theme.error}>
        Your accounts could not be read.
      </Text>
      <Text>The file named below was left exactly as it is. Fix or move it, then press R to reload.</Text>
    </Box>
  );
}

/** Every account, one row each; only the rows that fit are rendered, however many there are. */
export function AccountListScreen({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const store = useAppStore();
  const accounts = useAppState((s) => s.accounts);
  const filter = useAppState((s) => s.filter);
  const filtering = useAppState((s) => s.filtering);
  const selected = useAppState((s) => s.selected);
  const loaded = useAppState((s) => s.loaded);
  const loadFailed = useAppState((s) => s.loadFailed);
  const showFilter = filtering || filter !== '';
  const listRows = Math.max(1, height - 1 - (showFilter ? 1 : 0));

  useEffect(() => {
    store.getState().actions.setViewportRows(listRows);
  }, [store, listRows]);

  if (!loaded) return null;
  if (accounts.length === 0 && loadFailed) return <LoadFailed />;
  if (accounts.length === 0) return <EmptyState />;

  const visible = filterAccounts(accounts, filter);
  const columns = columnsFor(width);
  const start = windowStart(selected, visible.length, listRows);
  const header = `   ${fit('Name', columns.name)} ${fit('Type', columns.type)} ${fit('Created', columns.created)}${columns.lastUsed > 0 ? ` ${fit('Last used', columns.lastUsed)}` : ''}`;

  return (
    <Box flexDirection="column" width={width} height={height}>
      {showFilter ? (
        <Text wrap="truncate-end">
          <Text color={theme.key} bold>
            {' / '}
          </Text>
          <Text>{sanitizeForDisplay(filter)}</Text>
          {filtering ? <Text inverse> </Text> : null}
          <Text color={theme.muted}>{`  ${visible.length}/${accounts.length} match`}</Text>
        </Text>
      ) : null}
      <Text bold color={theme.muted} wrap="truncate-end">
        {fit(header, width)}
      </Text>
      {visible.length === 0 ? (
        <Text color={theme.warning}>{`  No account name contains "${sanitizeForDisplay(filter)}". Esc clears the filter.`}</Text>
      ) : (
        visible.slice(start, start + listRows).map((account, offset) => {
          const isSelected = start + offset === selected;
          return (
            <Text
              key={account.name}
              wrap="truncate-end"
              inverse={isSelected}
              bold={account.active}
              color={account.active ? theme.success : account.hasCredentials ? undefined : theme.warning}
            >
              {fit(rowText(account, columns, isSelected), width)}
            </Text>
          );
        })
      )}
    </Box>
  );
}
