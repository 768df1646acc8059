import { Box, Text } from 'ink';

import { useAppState } from '../ui/store-context.js';
import { useTheme } from '../ui/theme.js';
import { shown } from '../domain/safe-text.js';
import { buildDetailRows, type DetailRow } from '../state/detail-rows.js';
import { windowStart } from '../state/window.js';
import { ConnectionTestPanel, connectionTestPanelHeight } from './ConnectionTestPanel.js';

const LABEL_WIDTH = 19;

interface RowProps {
  row: DetailRow;
  cursor: number;
  revealed: number | null;
  revealSeconds: number;
}

function Row({ row, cursor, revealed, revealSeconds }: RowProps) {
  const theme = useTheme();
  switch (row.kind) {
    case 'blank':
      return <Text> </Text>;
    case 'heading':
      return (
        <Text bold color={theme.accent} wrap="truncate-end">
          {row.text}
        </Text>
      );
    case 'note':
      return (
        <Text color={theme.warning} wrap="truncate-end">
          {row.text}
        </Text>
      );
    case 'command':
      return (
        <Text wrap="truncate-end">
          <Text color={theme.muted}>{'  $ '}</Text>
          {row.text}
        </Text>
      );
    case 'field': {
      const isSecret = row.secretIndex !== undefined;
      const isCursor = isSecret && row.secretIndex === cursor;
      const isRevealed = isSecret && row.secretIndex === revealed;
      const line = (
        <Text wrap={isRevealed ? 'wrap' : 'truncate-end'}>
          <Text color={isCursor ? theme.accent : undefined}>{isCursor ? '❯ ' : '  '}</Text>
          <Text color={theme.muted}>{`${row.label}:`.padEnd(LABEL_WIDTH)}</Text>
          <Text inverse={isCursor} color={isRevealed ? theme.warning : undefined}>
            {row.value}
          </Text>
        </Text>
      );
      if (!isRevealed) return line;
      // On its own line: a long key would push it off the edge.
      return (
        <Box flexDirection="column">
          {line}
          <Text color={theme.warning}>{`  ${' '.repeat(LABEL_WIDTH)}revealed · hides in ${revealSeconds} s or when you leave`}</Text>
        </Box>
      );
    }
  }
}

/** One account: its fields (secrets masked as show-api-key masks them) and how to use it. */
export function AccountDetailScreen({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const detail = useAppState((s) => s.detail);
  const revealSeconds = useAppState((s) => s.revealSeconds);
  const test = useAppState((s) => (s.detail ? s.tests[s.detail.name] : undefined));
  if (!detail) return null;
  const title = (
    <Text bold wrap="truncate-end">
      {shown(detail.name)}
      {detail.details?.active ? <Text color={theme.success}>{'  ● active'}</Text> : null}
    </Text>
  );
  if (!detail.details) return <Box paddingX={1}>{title}</Box>;
  const rows = buildDetailRows(detail.details, detail.revealed);
  // The connection test's section goes below the fields, when there is room for it.
  const panel = connectionTestPanelHeight(detail.details, test);
  const showPanel = height - 2 - panel >= 4;
  const available = Math.max(1, height - 2 - (showPanel ? panel : 0));
  // Keep the selected secret in view on short terminals.
  const cursorRow = rows.findIndex((r) => r.kind === 'field' && r.secretIndex === detail.cursor);
  const start = windowStart(Math.max(0, cursorRow), rows.length, available);
  return (
    <Box flexDirection="column" paddingX={1} width={width} height={height}>
      {title}
      <Text> </Text>
      {rows.slice(start, start + available).map((row, i) => (
        <Row key={start + i} row={row} cursor={detail.cursor} revealed={detail.revealed} revealSeconds={revealSeconds} />
      ))}
      {showPanel ? <ConnectionTestPanel account={detail.details} test={test} width={width - 2} /> : null}
    </Box>
  );
}
