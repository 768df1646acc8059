import { Box, Text } from 'ink';

import { textWidth } from '../domain/text-width.js';
import type { Hint } from './hints.js';
import { useTheme } from './theme.js';

const widthOf = (hints: readonly Hint[]) => hints.reduce((sum, h, i) => sum + (i > 0 ? 2 : 1) + textWidth(h.keys) + 1 + textWidth(h.description), 0);

/**
 * The hints that fit in `width`: when they do not all fit, the spare ones go first, then
 * the ones before the last two, from the end, so help and quit (always last) stay.
 */
export function fittingHints(hints: readonly Hint[], width: number): Hint[] {
  const kept = [...hints];
  for (let i = kept.length - 1; i >= 0 && widthOf(kept) > width; i--) if (kept[i]?.spare) kept.splice(i, 1);
  while (kept.length > 2 && widthOf(kept) > width) kept.splice(kept.length - 3, 1);
  return kept;
}

/** Key hints for what is on screen; the app passes them from the keymap. */
export function Footer({ hints, width }: { hints: readonly Hint[]; width: number }) {
  const theme = useTheme();
  return (
    <Box width={width} height={1} overflowY="hidden">
      <Text wrap="truncate-end">
        {fittingHints(hints, width).map((h, i) => (
          <Text key={`${h.keys}-${h.description}`}>
            {i > 0 ? '  ' : ' '}
            <Text color={theme.key} bold>
              {h.keys}
            </Text>
            <Text color={theme.muted}> {h.description}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
