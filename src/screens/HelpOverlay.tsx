import { Box, Text } from 'ink';

import type { HelpSection } from '../ui/hints.js';
import { useAppState } from '../ui/store-context.js';
import { useTheme } from '../ui/theme.js';

type HelpLine = { kind: 'title'; text: string } | { kind: 'key'; keys: string; text: string } | { kind: 'blank' };

/** The help text as lines, split into `columns` runs of whole sections. */
export function helpColumns(helpSections: readonly HelpSection[], columns: number): HelpLine[][] {
  const sections = helpSections.map((s): HelpLine[] => [
    { kind: 'title', text: s.title },
    ...s.rows.map((r): HelpLine => ({ kind: 'key', keys: r.keys, text: r.description })),
    { kind: 'blank' },
  ]);
  const total = sections.reduce((n, s) => n + s.length, 0);
  const target = Math.ceil(total / columns);
  const out: HelpLine[][] = [[]];
  for (const section of sections) {
    const current = out[out.length - 1] ?? [];
    if (current.length > 0 && current.length + section.length > target && out.length < columns) out.push([...section]);
    else current.push(...section);
  }
  return out;
}

/** Every key, generated from the keymap; ↑↓ scroll it on small terminals. */
export function HelpOverlay({ sections, width, height }: { sections: readonly HelpSection[]; width: number; height: number }) {
  const theme = useTheme();
  const offset = useAppState((s) => s.helpOffset);
  const columns = helpColumns(sections, width >= 100 ? 2 : 1);
  const inner = Math.max(1, height - 4);
  const longest = Math.max(...columns.map((c) => c.length));
  const start = Math.max(0, Math.min(offset, longest - inner));
  const columnWidth = Math.floor((width - 4) / columns.length);
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.border} paddingX={1}>
      <Text wrap="truncate-end">
        <Text bold>Keys</Text>
        <Text color={theme.muted}>{'  Enter opens an account; u (or Enter on its page) makes it active.'}</Text>
      </Text>
      <Box>
        {columns.map((lines, c) => (
          <Box key={c} flexDirection="column" width={columnWidth}>
            {lines.slice(start, start + inner).map((line, i) =>
              line.kind === 'title' ? (
                <Text key={i} bold color={theme.accent} wrap="truncate-end">
                  {line.text}
                </Text>
              ) : line.kind === 'key' ? (
                <Text key={i} wrap="truncate-end">
                  <Text color={theme.key} bold>{`  ${line.keys}`.padEnd(22)}</Text>
                  {line.text}
                </Text>
              ) : (
                <Text key={i}> </Text>
              ),
            )}
          </Box>
        ))}
      </Box>
      {longest > inner ? <Text color={theme.muted}>{`↑↓ scroll · ${Math.min(start + inner, longest)}/${longest}`}</Text> : null}
    </Box>
  );
}
