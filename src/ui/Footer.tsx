import { Box, Text } from 'ink';

import { footerHints, type Scope } from '../app/keymap.js';
import { useTheme } from './theme.js';

/** Key hints for what is on screen, straight from the keymap. */
export function Footer({ scope, width }: { scope: Scope; width: number }) {
  const theme = useTheme();
  const hints = footerHints(scope);
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
