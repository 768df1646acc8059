import { Box, Text } from 'ink';

import { safe } from '../domain/safe-text.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

const TITLES = { list: 'Accounts', detail: 'Account', wizard: 'Add a key', delete: 'Delete a key' } as const;

export function Header({ width }: { width: number }) {
  const theme = useTheme();
  const screen = useAppState((s) => s.screen);
  const count = useAppState((s) => s.accounts.length);
  const active = useAppState((s) => s.active);
  const secretStore = useAppState((s) => s.secretStore);
  return (
    <Box width={width} height={1} justifyContent="space-between" overflowY="hidden">
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          {' cuti'}
        </Text>
        <Text color={theme.muted}>{' · Claude credentials · '}</Text>
        <Text bold>{TITLES[screen]}</Text>
      </Text>
      <Text wrap="truncate-start" color={theme.muted}>
        {secretStore === null ? '' : `secrets: ${secretStore} · `}
        {`${count} account${count === 1 ? '' : 's'}`}
        {active !== null ? safe` · active: ${active} `.text : ' '}
      </Text>
    </Box>
  );
}
