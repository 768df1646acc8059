import { Box, Text } from 'ink';
import { useEffect, type ReactNode } from 'react';

import { shown } from '../domain/safe-text.js';
import { fold, textWidth } from '../domain/text-width.js';
import { buildDetailRows, type DetailRow } from '../state/detail-rows.js';
import { fit, wrapLines } from '../ui/text.js';
import { useAppState, useAppStore } from '../ui/store-context.js';
import { type Theme, useTheme } from '../ui/theme.js';
import { ConnectionTestPanel, connectionTestPanelHeight } from './ConnectionTestPanel.js';

const LABEL_WIDTH = 19;
/** Where a revealed value's further lines start. */
const CONTINUATION = '    ';

interface Line {
  node: ReactNode;
  /** Part of the selected secret's block, which is kept in view whole. */
  selected: boolean;
}

interface LineContext {
  theme: Theme;
  width: number;
  cursor: number;
  revealed: number | null;
  revealLeft: number;
}

/**
 * A row as the lines it takes at this width. A revealed value is shown whole, wrapped
 * over as many lines as it needs, with the note under it: the windowing counts every
 * one of them, so nothing overflows and nothing is squeezed out.
 */
function linesOf(row: DetailRow, c: LineContext): Line[] {
  const { theme, width } = c;
  const plain = (node: ReactNode): Line => ({ node, selected: false });
  switch (row.kind) {
    case 'blank':
      return [plain(<Text> </Text>)];
    case 'heading':
      return [
        plain(
          <Text bold color={theme.accent}>
            {fit(row.text, width).trimEnd()}
          </Text>,
        ),
      ];
    case 'note':
      // Messages that matter (a corrupt file, a loose mode) wrap instead of being cut.
      return wrapLines(row.text, width).map((line) =>
        plain(<Text color={theme.warning}>{line}</Text>),
      );
    case 'command':
      // Wrapped, not cut: a command cut short is no use to copy.
      return wrapLines(row.text, width - 4).map((line, i) =>
        plain(
          <Text>
            <Text color={theme.muted}>{i === 0 ? '  $ ' : '    '}</Text>
            {line}
          </Text>,
        ),
      );
    case 'field': {
      const isSecret = row.secretIndex !== undefined;
      const isCursor = isSecret && row.secretIndex === c.cursor;
      const isRevealed = isSecret && row.secretIndex === c.revealed;
      const label = fit(`${row.label}:`, Math.min(LABEL_WIDTH, Math.max(4, width - 6)));
      const room = Math.max(1, width - 2 - textWidth(label));
      const valueStyle = { inverse: isCursor, ...(isRevealed ? { color: theme.warning } : {}) };
      const pointer = <Text color={isCursor ? theme.accent : undefined}>{isCursor ? '❯ ' : '  '}</Text>;
      if (!isRevealed) {
        return [
          {
            node: (
              <Text>
                {pointer}
                <Text color={theme.muted}>{label}</Text>
                <Text {...valueStyle}>{fit(row.value, room).trimEnd()}</Text>
              </Text>
            ),
            selected: isCursor,
          },
        ];
      }
      const first = fold(row.value, room)[0] ?? '';
      const rest = fold([...row.value].slice([...first].length).join(''), Math.max(1, width - CONTINUATION.length));
      const lines: Line[] = [
        {
          node: (
            <Text>
              {pointer}
              <Text color={theme.muted}>{label}</Text>
              <Text {...valueStyle}>{first}</Text>
            </Text>
          ),
          selected: true,
        },
      ];
      if (first.length < row.value.length) {
        for (const piece of rest) {
          lines.push({
            node: (
              <Text>
                {CONTINUATION}
                <Text {...valueStyle}>{piece}</Text>
              </Text>
            ),
            selected: true,
          });
        }
      }
      // The note wraps: at 40 columns its end (when you leave) is what says how to hide it now.
      for (const note of wrapLines(`revealed · hides in ${c.revealLeft} s or when you leave`, width - 2)) {
        lines.push({ node: <Text color={theme.warning}>{`  ${note}`}</Text>, selected: true });
      }
      return lines;
    }
  }
}

/** The first line to show so the selected block [from, to) is in view whole, with context around it. */
function windowFor(from: number, to: number, count: number, height: number): number {
  if (count <= height) return 0;
  const block = to - from;
  const start = block >= height ? from : from - Math.floor((height - block) / 2);
  return Math.max(0, Math.min(start, count - height));
}

/** Tells the state how far this page can scroll at this size (after the render, as the list reports its rows). */
function ScrollLimit({ limit }: { limit: number }) {
  const store = useAppStore();
  useEffect(() => {
    store.getState().actions.setDetailScrollLimit(limit);
  }, [store, limit]);
  return null;
}

/** One account: its fields (secrets masked as show-api-key masks them) and how to use it. */
export function AccountDetailScreen({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const detail = useAppState((s) => s.detail);
  const revealLeft = useAppState((s) => s.revealLeft);
  const test = useAppState((s) => (s.detail ? s.tests[s.detail.name] : undefined));
  if (!detail) return null;
  const inner = Math.max(10, width - 2);
  const name = fit(shown(detail.name), Math.max(4, inner - (detail.details?.active ? 10 : 0))).trimEnd();
  const title = (
    <Text bold>
      {name}
      {detail.details?.active ? <Text color={theme.success}>{'  ● active'}</Text> : null}
    </Text>
  );
  if (!detail.details) return <Box paddingX={1}>{title}</Box>;
  const rows = buildDetailRows(detail.details, detail.revealed);
  const context: LineContext = { theme, width: inner, cursor: detail.cursor, revealed: detail.revealed, revealLeft };
  const lines = rows.flatMap((row) => linesOf(row, context));
  // The blank line under the title goes first on a short terminal.
  const spacer = height >= 10;
  const body = Math.max(1, height - 1 - (spacer ? 1 : 0));
  const from = lines.findIndex((l) => l.selected);
  const to = from < 0 ? 0 : lines.length - [...lines].reverse().findIndex((l) => l.selected);
  // The connection test's section goes below the fields, when there is room for it
  // beside the selected field (a revealed value comes first). A page with no secret to
  // select cannot scroll, so there the section yields to the page (the commands to use
  // it at the end) unless a test was asked for in this session.
  const panel = connectionTestPanelHeight(detail.details, test, width - 2);
  const showPanel =
    from >= 0 ? body - panel >= Math.max(6, to - from + 2) : lines.length + panel <= body || (test !== undefined && body - panel >= 6);
  const available = Math.max(1, body - (showPanel ? panel : 0));
  // With no secret to select, the cursor is how far the page is scrolled.
  const limit = from < 0 ? Math.max(0, lines.length - available) : 0;
  const start = from < 0 ? Math.min(detail.cursor, limit) : windowFor(from, to, lines.length, available);
  return (
    <Box flexDirection="column" paddingX={1} width={width} height={height}>
      <ScrollLimit limit={limit} />
      {title}
      {spacer ? <Text> </Text> : null}
      {lines.slice(start, start + available).map((line, i) => (
        <Box key={start + i} flexShrink={0} height={1}>
          {line.node}
        </Box>
      ))}
      {showPanel ? <ConnectionTestPanel account={detail.details} test={test} width={width - 2} /> : null}
    </Box>
  );
}
