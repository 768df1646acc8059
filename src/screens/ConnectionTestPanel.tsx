import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';

import type { AccountSummary } from '../accounts/service.js';
import { clockOf } from '../domain/connection-test/last-test.js';
import { formatDuration, verdictMark, verdictPasses, type Verdict } from '../domain/connection-test/verdict.js';
import type { AccountTest } from '../state/app-state.js';
import { fit, wrapLines } from '../ui/text.js';
import { useTheme } from '../ui/theme.js';

interface Line {
  verdict: string;
  provider: string;
  detail: string;
  when: string;
}

/** This session's verdicts if any, else the ones kept in accounts.json. */
function linesOf(account: AccountSummary, test: AccountTest | undefined): Line[] {
  if (test?.results) {
    return test.results.map((r) => ({ verdict: r.verdict, provider: r.provider, detail: r.detail, when: `${formatDuration(r.ms)}, ${clockOf(r.testedAt)}` }));
  }
  return (account.lastTests ?? []).map((t) => ({ verdict: t.verdict, provider: t.provider, detail: t.detail, when: `${formatDuration(t.ms)}, ${clockOf(t.at)}` }));
}

/** Why the last test could not run, wrapped to the panel (it says which file to fix). */
function errorLines(test: AccountTest | undefined, width: number): string[] {
  return test?.error ? wrapLines(test.error, Math.max(1, width - 2)).map((line) => `  ${line}`) : [];
}

/** How many rows the panel takes, so the detail screen can leave room for it. */
export function connectionTestPanelHeight(account: AccountSummary, test: AccountTest | undefined, width: number): number {
  const lines = linesOf(account, test).length;
  const errors = errorLines(test, width).length;
  // "not tested yet" shows only when there is nothing else to say.
  const idle = lines === 0 && !test?.running && errors === 0 ? 1 : 0;
  return 2 + lines + (test?.running ? 1 : 0) + errors + idle;
}

/** The detail screen's "Connection test" section: verdicts with their time, a spinner while one runs. */
export function ConnectionTestPanel({ account, test, width }: { account: AccountSummary; test: AccountTest | undefined; width: number }) {
  const theme = useTheme();
  const lines = linesOf(account, test);
  const errors = errorLines(test, width);
  return (
    <Box flexDirection="column">
      <Text> </Text>
      <Text bold color={theme.accent}>
        Connection test
      </Text>
      {test?.running ? (
        <Text color={theme.muted}>
          {'  '}
          <Spinner type="dots" />
          {' testing… (the list still moves; q quits)'}
        </Text>
      ) : null}
      {errors.map((line, i) => (
        <Text key={`e${i}`} color={theme.error}>
          {line}
        </Text>
      ))}
      {lines.length === 0 && !test?.running && errors.length === 0 ? <Text color={theme.muted}>{'  not tested yet: press t (spends no tokens)'}</Text> : null}
      {lines.map((line, i) => {
        const passes = verdictPasses(line.verdict as Verdict);
        const color = passes ? theme.success : line.verdict === 'limited' || line.verdict === 'untested' ? theme.warning : theme.error;
        const head = `  ${verdictMark(line.verdict as Verdict)} ${fit(line.provider, 11)} ${fit(line.verdict, 14)} `;
        const tail = ` (${line.when})`;
        const room = Math.max(10, width - head.length - tail.length - 2);
        return (
          <Text key={i} wrap="truncate-end">
            <Text color={color}>{head}</Text>
            {fit(line.detail, room).trimEnd()}
            <Text color={theme.muted}>{tail}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
