import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';

import type { AccountSummary } from '../accounts/service.js';
import { clockOf } from '../domain/connection-test/last-test.js';
import { formatDuration, verdictMark, verdictPasses, type Verdict } from '../domain/connection-test/verdict.js';
import type { AccountTest } from '../state/app-state.js';
import { fit } from '../ui/text.js';
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

/** How many rows the panel takes, so the detail screen can leave room for it. */
export function connectionTestPanelHeight(account: AccountSummary, test: AccountTest | undefined): number {
  return 2 + Math.max(1, linesOf(account, test).length) + (test?.running && linesOf(account, test).length > 0 ? 1 : 0) + (test?.error ? 1 : 0);
}

/** The detail screen's "Connection test" section: verdicts with their time, a spinner while one runs. */
export function ConnectionTestPanel({ account, test, width }: { account: AccountSummary; test: AccountTest | undefined; width: number }) {
  const theme = useTheme();
  const lines = linesOf(account, test);
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
      {test?.error ? <Text color={theme.error} wrap="truncate-end">{`  ${test.error}`}</Text> : null}
      {lines.length === 0 && !test?.running ? <Text color={theme.muted}>{'  not tested yet: press t (spends no tokens)'}</Text> : null}
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
