import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';

import { Menu } from '../ui/Menu.js';
import { useAppState, useAppStore } from '../ui/store-context.js';
import { useTheme } from '../ui/theme.js';
import { providerLabel } from '../domain/providers/index.js';
import { accountNames } from '../state/store.js';
import { menuItems, menuTitle, stepNumber, summaryLines, textStepSpec, type WizardState } from '../state/wizard.js';
import { shown } from '../domain/safe-text.js';

function Summary({ wizard }: { wizard: WizardState }) {
  const theme = useTheme();
  const replacing = wizard.history.includes('replace');
  return (
    <Box flexDirection="column">
      <Text bold>Save this key?</Text>
      <Text> </Text>
      {summaryLines(wizard).map(([label, value]) => (
        <Text key={label} wrap="truncate-end">
          <Text color={theme.muted}>{`  ${label}:`.padEnd(21)}</Text>
          {value}
        </Text>
      ))}
      <Text> </Text>
      {replacing ? <Text color={theme.warning}>{`  This replaces the ${wizard.provider ?? ''} key the account holds now.`}</Text> : null}
      {wizard.warnings.map((w) => (
        <Text key={w} color={theme.warning} wrap="truncate-end">{`  ⚠ ${w}`}</Text>
      ))}
      <Text color={theme.muted}>  Enter saves (file mode 600) · Esc goes back to change an answer</Text>
    </Box>
  );
}

/** Account → provider → the provider's fields → summary. Each step validates as the CLI does. */
export function AddKeyWizardScreen({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const store = useAppStore();
  const wizard = useAppState((s) => s.wizard);
  const accounts = useAppState((s) => s.accounts);
  const names = accountNames(accounts);
  if (!wizard) return null;
  const { index, total } = stepNumber(wizard);
  const heading = (
    <Text wrap="truncate-end">
      <Text color={theme.muted}>{`Step ${index} of ${total}`}</Text>
      {wizard.account !== '' && wizard.step !== 'name' ? <Text color={theme.muted}>{` · ${shown(wizard.account)}`}</Text> : null}
      {wizard.provider && wizard.step !== 'provider' ? <Text color={theme.muted}>{` · ${wizard.provider}`}</Text> : null}
    </Text>
  );
  const error = wizard.error ? (
    <Text color={theme.error} wrap="truncate-end">{`✗ ${wizard.error}`}</Text>
  ) : null;

  let body;
  const spec = textStepSpec(wizard);
  if (wizard.step === 'summary') {
    body = <Summary wizard={wizard} />;
  } else if (spec) {
    body = (
      <Box flexDirection="column">
        <Text bold>{spec.title}</Text>
        <Text> </Text>
        <Box>
          <Text color={theme.muted}>{`${spec.label}: `}</Text>
          <TextInput
            value={wizard.input}
            onChange={(value) => store.getState().actions.setWizardInput(value)}
            placeholder={spec.placeholder}
            {...(spec.secret ? { mask: '*' } : {})}
          />
        </Box>
        {spec.hint ? <Text color={theme.muted}>{spec.hint}</Text> : null}
      </Box>
    );
  } else {
    const items = menuItems(wizard, names);
    body = (
      <Box flexDirection="column">
        <Text bold>{menuTitle(wizard)}</Text>
        {wizard.step === 'replace' ? (
          <Text color={theme.warning} wrap="truncate-end">
            {`${shown(wizard.account)} already holds an API key for ${wizard.provider ? providerLabel(wizard.provider) : ''}.`}
          </Text>
        ) : null}
        <Text> </Text>
        <Menu items={items} index={wizard.menuIndex} height={Math.max(3, height - 8)} width={width - 2} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" paddingX={1} width={width} height={height}>
      {heading}
      <Text> </Text>
      {body}
      <Text> </Text>
      {error}
    </Box>
  );
}
