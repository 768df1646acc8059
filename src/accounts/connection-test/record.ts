import type { TestResult } from '../../domain/connection-test/verdict.js';
import type { AccountService } from '../service.js';

/** The field in an accounts.json entry that keeps each provider's last verdict. */
export const LAST_TEST_FIELD = 'last_test';

export interface LastTest {
  verdict: string;
  detail: string;
  at: string;
  ms: number;
}

/**
 * Keeps each account's last verdicts in accounts.json, in one locked write, as an extra
 * field the original tool carries along untouched. An account without an entry there (a
 * directory another tool made) is not given one, and none is recreated after a delete.
 */
export async function recordResults(service: AccountService, results: readonly TestResult[]): Promise<void> {
  if (results.length === 0) return;
  // In the file's own timestamp format (local time, as the original tool writes).
  const at = service.now();
  await service.storage.updateMetadata((meta) => {
    for (const result of results) {
      const entry = meta.accounts[result.account];
      if (!entry) continue;
      const previous = entry[LAST_TEST_FIELD];
      const last: Record<string, unknown> = typeof previous === 'object' && previous !== null && !Array.isArray(previous) ? { ...(previous as Record<string, unknown>) } : {};
      last[result.provider] = { verdict: result.verdict, detail: result.detail, at, ms: result.ms } satisfies LastTest;
      entry[LAST_TEST_FIELD] = last;
    }
    return meta;
  });
}
