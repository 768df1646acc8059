import { Box, Text } from 'ink';

import { Menu } from '../ui/Menu.js';
import { useAppState } from '../ui/store-context.js';
import { useTheme } from '../ui/theme.js';
import { providerLabel } from '../domain/providers/index.js';
import { shown } from '../domain/safe-text.js';

/** Names the account and provider and defaults to No. */
export function DeleteConfirmScreen({ width }: { width: number; height: number }) {
  const theme = useTheme();
  const del = useAppState((s) => s.del);
  const active = useAppState((s) => s.accounts.find((a) => a.name === s.del?.account)?.active ?? false);
  if (!del) return null;
  const account = shown(del.account);
  if (del.step === 'provider') {
    return (
      <Box flexDirection="column" paddingX={1}>
        <Text bold>{`Which key of ${account} do you want to delete?`}</Text>
        <Text> </Text>
        <Menu
          items={del.providers.map((p) => ({ label: `${providerLabel(p)} (${p})`, value: p }))}
          index={del.menuIndex}
          height={del.providers.length}
          width={width - 2}
        />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" paddingX={1} width={width}>
      <Box borderStyle="round" borderColor={theme.error} flexDirection="column" paddingX={1}>
        <Text bold color={theme.error}>
          Delete API key
        </Text>
        <Text wrap="truncate-end">{`Delete the ${del.provider ?? ''} API key of account ${account}?`}</Text>
        {active ? <Text color={theme.warning}>This is the active account.</Text> : null}
        <Text color={theme.muted}>The key is removed from disk; this cannot be undone.</Text>
        <Text> </Text>
        <Menu
          items={[
            { label: 'No, keep it', value: 'no' },
            { label: 'Yes, delete it', value: 'yes' },
          ]}
          index={del.menuIndex}
          height={2}
          width={width - 6}
        />
      </Box>
    </Box>
  );
}
