import { verdictMark, verdictPasses, type Verdict } from './verdict.js';

/**
 * The last verdicts kept in accounts.json (`last_test`, by provider), read back for the
 * TUI's list marks. Pure: the metadata entry in, a summary out. Anything malformed (the
 * file is shared with other tools) is ignored, never trusted.
 */
export interface LastTest {
  provider: string;
  verdict: string;
  detail: string;
  at: string;
  ms: number;
}

export function lastTestsOf(entry: Record<string, unknown> | undefined): LastTest[] {
  const raw = entry?.last_test;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const out: LastTest[] = [];
  for (const [provider, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    const { verdict, detail, at, ms } = value as Record<string, unknown>;
    if (typeof verdict !== 'string' || typeof at !== 'string') continue;
    out.push({ provider, verdict, detail: typeof detail === 'string' ? detail : '', at, ms: typeof ms === 'number' ? ms : 0 });
  }
  return out;
}

/** One mark for an account's verdicts: ✓ when every one passes, else the first failure's. */
export function accountMark(verdicts: readonly string[]): string {
  const failing = verdicts.find((v) => !verdictPasses(v as Verdict));
  return failing === undefined ? '✓' : verdictMark(failing as Verdict);
}

/**
 * `14:32` for a time today-ish, from either form cuti writes: an ISO instant (`…Z`) shown
 * in local time, or the original tool's local timestamp (`2026-12-01T14:32:05.123456`).
 */
export function clockOf(at: string): string {
  if (/[zZ]$|[+-]\d\d:?\d\d$/.test(at)) {
    const date = new Date(at);
    if (Number.isNaN(date.getTime())) return '';
    return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  }
  const match = /T(\d\d:\d\d)/.exec(at);
  return match ? match[1]! : '';
}
