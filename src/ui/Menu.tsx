import { Box, Text } from 'ink';
import { useMemo } from 'react';

import { textWidth } from '../domain/text-width.js';
import type { MenuItem } from '../state/wizard.js';
import { windowStart } from '../state/window.js';
import { fit } from './text.js';
import { useTheme } from './theme.js';

interface MenuProps {
  items: readonly MenuItem[];
  /** The highlighted item; it lives in the store, so fast key presses never see a stale index. */
  index: number;
  /** Rows available, the position line of a long menu included; longer menus scroll. */
  height: number;
  width: number;
}

/** A windowed single-choice list (ink-select-input drops keys typed ahead of a re-render). */
export function Menu({ items, index, height, width }: MenuProps) {
  const theme = useTheme();
  // The position line ("3/12") is one of the rows a long menu has.
  const scrolls = items.length > height;
  const rows = Math.max(1, scrolls ? height - 1 : items.length);
  const start = windowStart(index, items.length, rows);
  // Once per list: the account menu can hold 10,000 names.
  const widest = useMemo(() => items.reduce((max, i) => Math.max(max, textWidth(i.label)), 4), [items]);
  const labelWidth = Math.min(widest, Math.max(10, width - 4));
  return (
    <Box flexDirection="column" flexShrink={0}>
      {items.slice(start, start + rows).map((item, offset) => {
        const selected = start + offset === index;
        const hintWidth = width - labelWidth - 5;
        return (
          <Text key={item.value} wrap="truncate-end">
            <Text color={selected ? theme.accent : undefined} bold={selected}>
              {selected ? '❯ ' : '  '}
              {fit(item.label, labelWidth)}
            </Text>
            {item.hint && hintWidth > 6 ? <Text color={theme.muted} dimColor={!theme.colorful}>{`  ${fit(item.hint, hintWidth)}`}</Text> : null}
          </Text>
        );
      })}
      {scrolls ? <Text color={theme.muted}>{`  ${index + 1}/${items.length}`}</Text> : null}
    </Box>
  );
}
