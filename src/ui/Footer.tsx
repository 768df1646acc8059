import { Box, Text } from 'ink';

import type { Hint } from './hints.js';
import { useTheme } from './theme.js';

/** Key hints for what is on screen; the app passes them from the keymap. */
export function Footer({ hints, width }: { hints: readonly Hint[]; width: number }) {
  const theme = useTheme();
  return (
    <Box width={width} height={1} overflowY="hidden">
      <Text wrap="truncate-end">
        {hints.map((h, i) => (
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
