import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { memo, useEffect, useMemo } from 'react';

import type { AccountSummary } from '../accounts/service.js';
import { useAppState, useAppStore } from '../ui/store-context.js';
import { fit, wrapLines } from '../ui/text.js';
import { useTheme } from '../ui/theme.js';
import { shown } from '../domain/safe-text.js';
import { textWidth } from '../domain/text-width.js';
import { formatDate, formatDateTime } from '../domain/timestamps.js';
import { visibleAccounts } from '../state/store.js';
import { windowStart } from '../state/window.js';
import { anyTestMarks, TEST_COLUMN, testMark } from '../state/test-marks.js';

interface Columns {
  name: number;
  type: number;
  created: number;
  lastUsed: number;
  /** The connection test's mark (0: not shown). */
  test: number;
}

/**
 * Columns share the width: Type takes what its longest entry needs (at most 23), Name
 * the rest, up to what the longest name needs (so at 200 columns the dates stay next to
 * the names instead of 150 columns away). Narrow terminals drop "Last used", then the
 * test mark, then "Created", and only then cut Type, so a name is not cut to `bedrock…`
 * while Type keeps 23 columns. The test column shows only once something was tested.
 */
export function columnsFor(width: number, withTest = false, typeWidth = 23, nameWidth = Number.POSITIVE_INFINITY): Columns {
  const room = width - 3; // pointer, marker, space
  let type = Math.min(23, Math.max(4, typeWidth));
  let created = 10;
  let lastUsed = 16;
  let test = withTest ? TEST_COLUMN : 0;
  const nameFor = () =>
    room - type - 1 - (created > 0 ? created + 1 : 0) - (lastUsed > 0 ? lastUsed + 1 : 0) - (test > 0 ? test + 1 : 0);
  if (nameFor() < 16) lastUsed = 0;
  if (nameFor() < 12) test = 0;
  if (nameFor() < 12) created = 0;
  if (nameFor() < 12) type = Math.max(4, Math.min(type, Math.floor((room - 1) * 0.4)));
  return { name: Math.max(4, Math.min(nameFor(), Math.max(12, nameWidth))), type, created, lastUsed, test };
}

/** ● active; ⚠ a file that could not be read or that others can read (as `cuti claude list` marks it), or no credentials. */
function marker(account: AccountSummary): string {
  if (account.warnings.length > 0) return '⚠';
  if (account.active) return '●';
  return account.hasCredentials ? ' ' : '⚠';
}

/** The four cells of a row, each cut to its column (the last one is left out when it does not fit). */
export function rowCells(account: AccountSummary, c: Columns): string[] {
  const cells = [fit(shown(account.name), c.name), fit(shown(account.type), c.type)];
  if (c.created > 0) cells.push(fit(shown(formatDate(account.created)), c.created));
  if (c.lastUsed > 0) cells.push(fit(shown(formatDateTime(account.lastUsed, 'never')), c.lastUsed));
  return cells;
}

/** The test column's cell: a spinner while a test runs, else the mark and its time. */
function TestCell({ mark, running, selected }: { mark: string; running: boolean; selected: boolean }) {
  if (running) {
    return (
      <Text inverse={selected}>
        <Spinner type="dots" />
        {' test '}
      </Text>
    );
  }
  return <Text inverse={selected}>{fit(mark, TEST_COLUMN)}</Text>;
}

export function rowText(account: AccountSummary, c: Columns, selected: boolean): string {
  // The pointer keeps the selection visible without colour (NO_COLOR, screen readers).
  return `${selected ? '❯' : ' '}${marker(account)} ${rowCells(account, c).join(' ')}`;
}

interface RowProps {
  account: AccountSummary;
  columns: Columns;
  width: number;
  selected: boolean;
  /** The connection test's mark, `✓ 14:32`; '' when never tested. */
  mark: string;
  testing: boolean;
}

/** Columns of the cells, each with the space after it: pointer and marker, then name, type, created, last used. */
function cellWidths(c: Columns): number[] {
  const widths = [3 + c.name + 1, c.type + 1];
  if (c.created > 0) widths.push(c.created + 1);
  if (c.lastUsed > 0) widths.push(c.lastUsed + 1);
  return widths;
}

/**
 * One account. Memoised, so moving the selection re-renders two rows, not the page.
 * The selected row is one inverse line across the width. The others put each cell in
 * a box of its column's width: Ink's cost per frame grows with every character written,
 * spaces included, and padding was more than half of each line.
 */
const AccountRow = memo(function AccountRow({ account, columns, width, selected, mark, testing }: RowProps) {
  const theme = useTheme();
  const troubled = account.warnings.length > 0 || !account.hasCredentials;
  const style = { bold: account.active, color: troubled ? theme.warning : account.active ? theme.success : undefined };
  const widths = cellWidths(columns);
  if (columns.test > 0) {
    // The mark sits at the right edge, after the row drawn as it would be without it.
    const rest = width - columns.test - 1;
    return (
      <Box width={width} height={1}>
        <Box width={rest} flexShrink={0}>
          <AccountRow account={account} columns={{ ...columns, test: 0 }} width={rest} selected={selected} mark="" testing={false} />
        </Box>
        <Text inverse={selected}> </Text>
        <TestCell mark={mark} running={testing} selected={selected} />
      </Box>
    );
  }
  // Too narrow for every column (under ~50 columns): one line, cut at the edge.
  if (selected || widths.reduce((sum, w) => sum + w, 0) > width) {
    return (
      <Text wrap="truncate-end" inverse={selected} {...style}>
        {fit(rowText(account, columns, selected), width)}
      </Text>
    );
  }
  const cells = rowCells(account, columns);
  cells[0] = ` ${marker(account)} ${cells[0] ?? ''}`;
  return (
    <Box width={width} height={1}>
      {cells.map((cell, i) => (
        <Box key={i} width={widths[i]} flexShrink={0}>
          <Text wrap="truncate-end" {...style}>
            {cell.trimEnd()}
          </Text>
        </Box>
      ))}
    </Box>
  );
});

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
      <Text color={theme.muted}>From a shell: cuti claude add-api-key &lt;account&gt; (asks for the key)</Text>
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
  const visible = useAppState(visibleAccounts);
  const selected = useAppState((s) => s.selected);
  const loaded = useAppState((s) => s.loaded);
  const loadFailed = useAppState((s) => s.loadFailed);
  const tests = useAppState((s) => s.tests);
  const showFilter = filtering || filter !== '';
  const listRows = Math.max(1, height - 1 - (showFilter ? 1 : 0));
  const typeWidth = useMemo(() => accounts.reduce((max, a) => Math.max(max, textWidth(shown(a.type))), 4), [accounts]);
  // The same object while the width holds, so memoised rows stay as they are.
  const withTest = anyTestMarks(accounts, tests);
  const nameWidth = useMemo(() => accounts.reduce((max, a) => Math.max(max, textWidth(shown(a.name))), 4), [accounts]);
  const columns = useMemo(() => columnsFor(width, withTest, typeWidth, nameWidth), [width, withTest, typeWidth, nameWidth]);

  useEffect(() => {
    store.getState().actions.setViewportRows(listRows);
  }, [store, listRows]);

  if (!loaded) return null;
  if (accounts.length === 0 && loadFailed) return <LoadFailed />;
  if (accounts.length === 0) return <EmptyState />;

  const start = windowStart(selected, visible.length, listRows);
  const left = `   ${fit('Name', columns.name)} ${fit('Type', columns.type)}${columns.created > 0 ? ` ${fit('Created', columns.created)}` : ''}${columns.lastUsed > 0 ? ` ${fit('Last used', columns.lastUsed)}` : ''}`;
  const header = columns.test > 0 ? `${fit(left, width - columns.test - 1)} ${fit('Test', columns.test)}` : left;
  // Where the selection is in a list longer than the screen: "12/1000".
  const position = visible.length > listRows ? ` ${selected + 1}/${visible.length}` : '';

  return (
    <Box flexDirection="column" width={width} height={height}>
      {showFilter ? (
        <Text wrap="truncate-end">
          <Text color={theme.key} bold>
            {' / '}
          </Text>
          <Text>{shown(filter)}</Text>
          {filtering ? <Text inverse> </Text> : null}
          <Text color={theme.muted}>{`  ${visible.length}/${accounts.length} match`}</Text>
        </Text>
      ) : null}
      <Text bold color={theme.muted} wrap="truncate-end">
        {fit(header, width - position.length)}
        {position}
      </Text>
      {visible.length === 0 ? (
        // Wrapped, not cut: at 40 columns the way out (Esc) is at the end of the message.
        wrapLines(
          filter.startsWith('@')
            ? `No account's type or provider contains "${shown(filter.slice(1))}". Esc clears the filter.`
            : `No account name contains "${shown(filter)}". Esc clears the filter.`,
          width - 2,
        )
          .slice(0, listRows)
          .map((line, i) => (
            <Text key={i} color={theme.warning}>
              {`  ${line}`}
            </Text>
          ))
      ) : (
        visible.slice(start, start + listRows).map((account, offset) => (
          // Keyed by slot (position modulo the page): scrolling by one moves one slot from
          // top to bottom and leaves the others as they are, and a filter that changes
          // every row updates the slots' text instead of replacing every row's nodes.
          <AccountRow
            key={(start + offset) % listRows}
            account={account}
            columns={columns}
            width={width}
            selected={start + offset === selected}
            mark={columns.test > 0 ? testMark(account, tests[account.name]) : ''}
            testing={tests[account.name]?.running ?? false}
          />
        ))
      )}
    </Box>
  );
}
