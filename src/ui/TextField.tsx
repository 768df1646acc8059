import { Text } from 'ink';

import { shown } from '../domain/safe-text.js';
import { textWidth } from '../domain/text-width.js';
import { useTheme } from './theme.js';

interface TextFieldProps {
  label: string;
  value: string;
  placeholder: string;
  /** Secrets show one `*` per character, never the text. */
  secret: boolean;
  width: number;
}

/** What the field shows for a value: the text, or one `*` per character of a secret. */
export function shownValue(value: string, secret: boolean): string {
  return secret ? '*'.repeat([...value].length) : shown(value);
}

/** Lines the field takes at `width` columns (it wraps rather than cut what was typed). */
export function textFieldLines(label: string, value: string, secret: boolean, width: number): number {
  const used = textWidth(`${label}: `) + textWidth(shownValue(value, secret)) + 1;
  return Math.max(1, Math.ceil(used / Math.max(1, width)));
}

/**
 * A one-value text field. It only draws: the keys reach the store through the app's one
 * input handler (app/commands.ts), which takes a chunk of typed or pasted text exactly
 * as the same keys one at a time, so nothing here can see a key out of order.
 */
export function TextField({ label, value, placeholder, secret, width }: TextFieldProps) {
  const theme = useTheme();
  return (
    <Text wrap="wrap">
      <Text color={theme.muted}>{`${label}: `}</Text>
      {value === '' ? (
        <>
          <Text inverse>{placeholder.slice(0, 1) || ' '}</Text>
          <Text color={theme.muted}>{placeholder.slice(1, Math.max(1, width - textWidth(label) - 3))}</Text>
        </>
      ) : (
        <>
          {shownValue(value, secret)}
          <Text inverse> </Text>
        </>
      )}
    </Text>
  );
}
