import type { AccountSummary } from '../accounts/service.js';
import { accountMark, clockOf } from '../domain/connection-test/last-test.js';
import type { AccountTest } from './app-state.js';

/** Width of the list's test column: a mark and a time, `✓ 14:32`. */
export const TEST_COLUMN = 7;

/**
 * The list's short mark for an account's connection test: this session's run if there
 * was one, else the last verdicts kept in accounts.json; '' when never tested. A run in
 * progress has no text (the list draws a spinner).
 */
export function testMark(account: AccountSummary, test: AccountTest | undefined): string {
  if (test?.results && test.results.length > 0) {
    return `${accountMark(test.results.map((r) => r.verdict))} ${clockOf(test.results[0]!.testedAt)}`;
  }
  if (test?.error) return '? error';
  const kept = account.lastTests ?? [];
  if (kept.length === 0) return '';
  const latest = kept.map((t) => t.at).sort().pop() ?? '';
  return `${accountMark(kept.map((t) => t.verdict))} ${clockOf(latest)}`;
}

/** Whether the list needs its test column at all: only once something was tested. */
export function anyTestMarks(accounts: readonly AccountSummary[], tests: Record<string, AccountTest>): boolean {
  return Object.keys(tests).length > 0 || accounts.some((a) => (a.lastTests?.length ?? 0) > 0);
}
