import { Box, Text } from 'ink';

import { textWidth } from '../domain/text-width.js';
import type { HelpSection } from '../ui/hints.js';
import { useAppState } from '../ui/store-context.js';
import { fit, wrapLines } from '../ui/text.js';
import { useTheme } from '../ui/theme.js';

type HelpLine = { kind: 'title'; text: string } | { kind: 'key'; keys: string; text: string } | { kind: 'blank' };

/** The keys' column: as wide as the widest keys, and never more than a third of the line. */
function keysWidth(sections: readonly HelpSection[], lineWidth: number): number {
  const widest = Math.max(0, ...sections.flatMap((s) => s.rows.map((r) => textWidth(r.keys))));
  return Math.min(2 + widest + 2, Math.max(8, Math.floor(lineWidth / 3)));
}

/**
 * The help text as lines, split into `columns` runs of whole sections. A description
 * wider than its room wraps onto lines of its own (with no keys), so none is cut.
 */
export function helpColumns(helpSections: readonly HelpSection[], columns: number, lineWidth = Number.POSITIVE_INFINITY): HelpLine[][] {
  const keys = keysWidth(helpSections, lineWidth);
  const room = Math.max(1, lineWidth - keys);
  const sections = helpSections.map((s): HelpLine[] => [
    { kind: 'title', text: s.title },
    ...s.rows.flatMap((r): HelpLine[] => {
      const lines = Number.isFinite(room) ? wrapLines(r.description, room) : [r.description];
      // Keys wider than their column get a line of their own, above what they do.
      const alone = 2 + textWidth(r.keys) >= keys;
      return [
        ...(alone ? [{ kind: 'key' as const, keys: r.keys, text: '' }] : []),
        ...lines.map((text, i): HelpLine => ({ kind: 'key', keys: i === 0 && !alone ? r.keys : '', text })),
      ];
    }),
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
  // A short terminal gives up the frame and the introduction first, for the keys.
  const framed = height >= 10;
  const count = width >= 100 ? 2 : 1;
  const columnWidth = Math.floor((width - (framed ? 4 : 2)) / count);
  const columns = helpColumns(sections, count, columnWidth);
  const keys = keysWidth(sections, columnWidth);
  const longest = Math.max(...columns.map((c) => c.length));
  // Framed: the border, the introduction and the scroll line; bare: the scroll line only when it scrolls.
  const inner = Math.max(1, framed ? height - 4 : longest <= height ? height : height - 1);
  const start = Math.max(0, Math.min(offset, longest - inner));
  const frame = framed ? { borderStyle: 'round' as const, borderColor: theme.border } : {};
  return (
    <Box flexDirection="column" width={width} height={height} paddingX={1} {...frame}>
      {framed ? (
        <Text wrap="truncate-end">
          <Text bold>Keys</Text>
          <Text color={theme.muted}>{'  Enter opens an account; u (or Enter on its page) makes it active.'}</Text>
        </Text>
      ) : null}
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
                  <Text color={theme.key} bold>
                    {line.text === '' ? `  ${line.keys}` : fit(`  ${line.keys}`, keys)}
                  </Text>
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
