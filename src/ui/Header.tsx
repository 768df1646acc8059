import { Box, Text } from 'ink';

import { headerLine } from './header-layout.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

const TITLES = { list: 'Accounts', detail: 'Account', wizard: 'Add a key', delete: 'Delete a key' } as const;

export function Header({ width }: { width: number }) {
  const theme = useTheme();
  const screen = useAppState((s) => s.screen);
  const count = useAppState((s) => s.accounts.length);
  const active = useAppState((s) => s.active);
  const secretStore = useAppState((s) => s.secretStore);
  const line = headerLine({ title: TITLES[screen], secretStore, count, active }, width);
  return (
    <Box width={width} height={1} justifyContent="space-between" overflowY="hidden">
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          {line.left.brand}
        </Text>
        <Text color={theme.muted}>{line.left.subtitle}</Text>
        <Text bold>{line.left.title}</Text>
      </Text>
      <Text wrap="truncate-start" color={theme.muted}>
        {line.right}
      </Text>
    </Box>
  );
}
