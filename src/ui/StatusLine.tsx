import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';

import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';

/** One line for what is going on: a spinner while busy, else the last error or notice. */
export function StatusLine({ width }: { width: number }) {
  const theme = useTheme();
  const busy = useAppState((s) => s.busy);
  const error = useAppState((s) => s.error);
  const notice = useAppState((s) => s.notice);
  return (
    <Box width={width} height={1} overflowY="hidden">
      {busy !== null ? (
        <Text color={theme.accent}>
          {' '}
          <Spinner type="dots" /> {busy}
        </Text>
      ) : error !== null ? (
        <Text color={theme.error} wrap="truncate-end">
          {` ✗ ${error}`}
        </Text>
      ) : notice !== null ? (
        <Text color={theme.success} wrap="truncate-end">
          {` ${notice}`}
        </Text>
      ) : (
        <Text> </Text>
      )}
    </Box>
  );
}
