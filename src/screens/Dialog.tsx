import { Box, Text } from 'ink';

import { Menu } from '../ui/Menu.js';
import { useAppState } from '../ui/store-context.js';
import { TextField } from '../ui/TextField.js';
import { linesWithin, wrapLines } from '../ui/text.js';
import { useTheme } from '../ui/theme.js';

/**
 * A question over the current screen: yes/no (No first, the default; y and n answer
 * it) or a one-line prompt. What it says wraps, so nothing that matters is cut; on a
 * short terminal the explanation gives way before the choices do.
 */
export function DialogScreen({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const dialog = useAppState((s) => s.dialog);
  if (!dialog) return null;
  const inner = Math.max(10, width - 2);
  const title = wrapLines(dialog.title, inner);
  const reserved = dialog.kind === 'confirm' ? 2 : 1 + (dialog.error ? wrapLines(dialog.error, inner).length : 0);
  const text = dialog.lines.flatMap((line) => wrapLines(line, inner));
  // The explanation comes before the blank line above the choices.
  const shown = linesWithin(text, inner, Math.max(0, height - title.length - reserved));
  const spacer = height - title.length - shown.length - reserved >= 1;
  return (
    <Box flexDirection="column" paddingX={1} width={width} height={height}>
      {title.map((line, i) => (
        <Text key={`t${i}`} bold color={theme.warning}>
          {line}
        </Text>
      ))}
      {shown.map((line, i) => (
        <Text key={`l${i}`}>{line}</Text>
      ))}
      {spacer ? <Text> </Text> : null}
      {dialog.kind === 'confirm' ? (
        <Menu
          items={[
            { label: dialog.no, value: 'no' },
            { label: dialog.yes, value: 'yes' },
          ]}
          index={dialog.index}
          height={2}
          width={inner}
        />
      ) : (
        <>
          <Box width={inner} flexShrink={0}>
            <TextField label={dialog.label} value={dialog.input} placeholder={dialog.placeholder} secret={false} width={inner} />
          </Box>
          {dialog.error
            ? wrapLines(`✗ ${dialog.error}`, inner).map((line, i) => (
                <Text key={`e${i}`} color={theme.error}>
                  {line}
                </Text>
              ))
            : null}
        </>
      )}
    </Box>
  );
}
