import { Box, Text } from 'ink';

import { providerLabel } from '../domain/providers/index.js';
import { shown } from '../domain/safe-text.js';
import { accountNames } from '../state/store.js';
import { menuItems, menuTitle, stepNumber, summaryLines, textStepSpec, type WizardState } from '../state/wizard.js';
import { Menu } from '../ui/Menu.js';
import { useAppState } from '../ui/store-context.js';
import { TextField, textFieldLines } from '../ui/TextField.js';
import { wrapLines, wrapWithin } from '../ui/text.js';
import { useTheme } from '../ui/theme.js';

/** The summary's notes (a replacement, warnings), wrapped to `width`. */
function summaryNotes(wizard: WizardState, width: number): string[] {
  const replacing = wizard.replaceAgreed || wizard.history.includes('replace');
  return [
    ...(replacing ? [`This replaces the ${wizard.provider ?? ''} key the account holds now.`] : []),
    ...wizard.warnings.map((w) => `⚠ ${w}`),
  ].flatMap((text) => wrapLines(text, width - 2).map((line) => `  ${line}`));
}

/** Whether the summary has room for its own title line; else the step line asks the question. */
function summaryTitled(wizard: WizardState, width: number, height: number): boolean {
  return 1 + summaryLines(wizard).length + summaryNotes(wizard, width).length <= height;
}

const SUMMARY_TITLE = 'Save this key?';

function Summary({ wizard, width, height }: { wizard: WizardState; width: number; height: number }) {
  const theme = useTheme();
  const notes = summaryNotes(wizard, width);
  const all = summaryLines(wizard);
  const titled = summaryTitled(wizard, width, height);
  const title = titled ? 1 : 0;
  // Blank lines and the closing hint go first on a short terminal, then the title (the
  // step line asks instead), then the last answers (counted on a line of their own); the
  // warnings stay. Nothing is drawn past `height`.
  const room = Math.max(1, height - title - notes.length);
  const fields = all.length <= room ? all : all.slice(0, room - 1);
  const hidden = all.length - fields.length;
  const spare = height - title - all.length - notes.length;
  const roomy = spare >= 3;
  return (
    <Box flexDirection="column" flexShrink={0}>
      {titled ? <Text bold>{SUMMARY_TITLE}</Text> : null}
      {roomy ? <Text> </Text> : null}
      {fields.map(([label, value]) => (
        <Text key={label} wrap="truncate-end">
          <Text color={theme.muted}>{`  ${label}:`.padEnd(21)}</Text>
          {value}
        </Text>
      ))}
      {hidden > 0 ? <Text color={theme.muted} wrap="truncate-end">{`  … ${hidden} more answers`}</Text> : null}
      {roomy ? <Text> </Text> : null}
      {notes.map((line, i) => (
        <Text key={i} color={theme.warning}>
          {line}
        </Text>
      ))}
      {spare >= 1 ? (
        <Text color={theme.muted} wrap="truncate-end">
          {'  y or Enter saves (file mode 600) · n or Esc goes back to change an answer'}
        </Text>
      ) : null}
    </Box>
  );
}

/**
 * Account → provider → the provider's fields → summary. Each step validates as the CLI
 * does. Every part is counted against the lines the terminal has, so at 40x12 the list
 * scrolls and its selected row stays on screen.
 */
export function AddKeyWizardScreen({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const wizard = useAppState((s) => s.wizard);
  const accounts = useAppState((s) => s.accounts);
  const names = accountNames(accounts);
  if (!wizard) return null;
  const inner = Math.max(10, width - 2);
  const { index, total } = stepNumber(wizard);
  const errorLines = wizard.error ? wrapLines(`✗ ${wizard.error}`, inner) : [];
  // Spacing is the first thing a short terminal gives up.
  const roomy = height >= 14;
  const room = Math.max(2, height - 1 - (roomy ? 2 : 0) - errorLines.length);
  const asked = wizard.step === 'summary' && !summaryTitled(wizard, inner, room);
  const heading = (
    <Text wrap="truncate-end">
      {asked ? <Text bold>{SUMMARY_TITLE}</Text> : <Text color={theme.muted}>{`Step ${index} of ${total}`}</Text>}
      {wizard.account !== '' && wizard.step !== 'name' ? <Text color={theme.muted}>{` · ${shown(wizard.account)}`}</Text> : null}
      {wizard.provider && wizard.step !== 'provider' ? <Text color={theme.muted}>{` · ${wizard.provider}`}</Text> : null}
    </Text>
  );
  const error = errorLines.map((line, i) => (
    <Text key={`e${i}`} color={theme.error}>
      {line}
    </Text>
  ));

  let body;
  const spec = textStepSpec(wizard);
  if (wizard.step === 'summary') {
    body = <Summary wizard={wizard} width={inner} height={room} />;
  } else if (spec) {
    const fieldLines = textFieldLines(spec.label, wizard.input, spec.secret, inner);
    // The hint wraps into the lines left under the field (what it says is cut last, and shows it).
    const hint = spec.hint ? wrapWithin(spec.hint, inner, room - fieldLines - 1 - (roomy ? 1 : 0)) : [];
    body = (
      <Box flexDirection="column" flexShrink={0}>
        <Text bold wrap="truncate-end">
          {spec.title}
        </Text>
        {roomy ? <Text> </Text> : null}
        <Box width={inner} flexShrink={0}>
          <TextField label={spec.label} value={wizard.input} placeholder={spec.placeholder} secret={spec.secret} width={inner} />
        </Box>
        {hint.map((line, i) => (
          <Text key={i} color={theme.muted}>
            {line}
          </Text>
        ))}
      </Box>
    );
  } else {
    const items = menuItems(wizard, names);
    const warning =
      wizard.step === 'replace'
        ? wrapLines(`${shown(wizard.account)} already holds an API key for ${wizard.provider ? providerLabel(wizard.provider) : ''}.`, inner)
        : [];
    const menuHeight = Math.max(2, room - 1 - warning.length - (roomy ? 1 : 0));
    body = (
      <Box flexDirection="column" flexShrink={0}>
        <Text bold wrap="truncate-end">
          {menuTitle(wizard)}
        </Text>
        {warning.map((line, i) => (
          <Text key={i} color={theme.warning}>
            {line}
          </Text>
        ))}
        {roomy ? <Text> </Text> : null}
        <Menu items={items} index={wizard.menuIndex} height={menuHeight} width={inner} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" paddingX={1} width={width} height={height}>
      {heading}
      {roomy ? <Text> </Text> : null}
      {body}
      {roomy ? <Text> </Text> : null}
      {error}
    </Box>
  );
}
