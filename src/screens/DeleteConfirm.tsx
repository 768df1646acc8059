import { Box, Text } from 'ink';

import { shown } from '../domain/safe-text.js';
import { providerLabel } from '../domain/providers/index.js';
import { WHOLE_ACCOUNT, type DeleteTarget } from '../state/app-state.js';
import { Menu } from '../ui/Menu.js';
import { useAppState } from '../ui/store-context.js';
import { linesWithin, wrapLines } from '../ui/text.js';
import { useTheme } from '../ui/theme.js';

const choiceLabel = (target: DeleteTarget, account: string) =>
  target === WHOLE_ACCOUNT ? `The whole account ${account}` : `${providerLabel(target)} (${target})`;

/**
 * Names what will be removed and defaults to No. Laid out to the lines it has: on a
 * short terminal the frame and spacing go before the choices do, so "No, keep it"
 * (the default) is always on screen.
 */
export function DeleteConfirmScreen({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const del = useAppState((s) => s.del);
  const active = useAppState((s) => s.accounts.find((a) => a.name === s.del?.account)?.active ?? false);
  if (!del) return null;
  const account = shown(del.account);
  if (del.step === 'provider') {
    const title = wrapLines(`Which key of ${account} do you want to delete?`, width - 2);
    const menuHeight = Math.max(2, height - title.length - (height - title.length > del.providers.length + 1 ? 1 : 0));
    return (
      <Box flexDirection="column" paddingX={1}>
        {title.map((line, i) => (
          <Text key={i} bold>
            {line}
          </Text>
        ))}
        {height - title.length > del.providers.length + 1 ? <Text> </Text> : null}
        <Menu items={del.providers.map((p) => ({ label: choiceLabel(p, account), value: p }))} index={del.menuIndex} height={menuHeight} width={width - 2} />
      </Box>
    );
  }
  const whole = del.provider === WHOLE_ACCOUNT;
  const question = whole ? `Delete account ${account}?` : `Delete the ${del.provider ?? ''} API key of account ${account}?`;
  const removes = whole
    ? `This removes the account and everything in it${del.contents.length > 0 ? `: ${del.contents.join(', ')}` : ''}. This cannot be undone.`
    : 'The key is removed from disk; this cannot be undone.';
  // The frame (2 lines, 4 columns) and the blank line go first when lines run short.
  const framed = height >= 12;
  const inner = Math.max(10, width - 2 - (framed ? 4 : 0));
  const body = [...wrapLines(question, inner), ...(active ? wrapLines('This is the active account.', inner) : [])];
  const note = wrapLines(removes, inner);
  const fixed = (framed ? 3 : 0) + 2; // frame and title; the two choices
  // What will be removed comes before the blank line above the choices.
  const noteLines = linesWithin(note, inner, Math.max(0, height - fixed - body.length));
  const spacer = height - fixed - body.length - noteLines.length >= 1;
  const content = (
    <>
      {framed ? (
        <Text bold color={theme.error}>
          {whole ? 'Delete account' : 'Delete API key'}
        </Text>
      ) : null}
      {body.map((line, i) => (
        <Text key={`q${i}`} bold={!framed} color={line.startsWith('This is the active') ? theme.warning : undefined}>
          {line}
        </Text>
      ))}
      {noteLines.map((line, i) => (
        <Text key={`n${i}`} color={theme.muted}>
          {line}
        </Text>
      ))}
      {spacer ? <Text> </Text> : null}
      <Menu
        items={[
          { label: 'No, keep it', value: 'no' },
          { label: whole ? 'Yes, delete the account' : 'Yes, delete it', value: 'yes' },
        ]}
        index={del.menuIndex}
        height={2}
        width={inner}
      />
    </>
  );
  return (
    <Box flexDirection="column" paddingX={1} width={width}>
      {framed ? (
        <Box borderStyle="round" borderColor={theme.error} flexDirection="column" paddingX={1} flexShrink={0}>
          {content}
        </Box>
      ) : (
        content
      )}
    </Box>
  );
}
