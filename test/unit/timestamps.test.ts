import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { formatDate, formatDateTime, nowTimestamp, pythonIsoTimestamp } from '../../src/domain/timestamps.js';

/** What Python's `datetime(...).isoformat()` prints for the same wall-clock fields. */
function pythonIsoformat(fields: number[]): string {
  const script = 'import sys, datetime; print(datetime.datetime(*map(int, sys.argv[1:])).isoformat(), end="")';
  return execFileSync('python3', ['-c', script, ...fields.map(String)], { encoding: 'utf8' });
}

describe('pythonIsoTimestamp', () => {
  const cases: Array<[string, [number, number, number, number, number, number, number], number]> = [
    // [label, [year, month(1-12), day, hour, minute, second, millisecond], sub-millisecond microseconds]
    ['the spec example', [2025, 10, 1, 0, 31, 34, 953], 588],
    ['zero microseconds (Python drops the fraction)', [2025, 10, 1, 0, 31, 34, 0], 0],
    ['only sub-millisecond digits', [2025, 1, 2, 3, 4, 5, 0], 7],
    ['leading zeros in the fraction', [2024, 2, 29, 23, 59, 59, 5], 0],
    ['the last microsecond of a second', [1999, 12, 31, 23, 59, 59, 999], 999],
    ['midnight on new year', [2026, 1, 1, 0, 0, 0, 100], 0],
  ];

  it.each(cases)('matches Python for %s', (_label, [y, mo, d, h, mi, s, ms], micros) => {
    const ours = pythonIsoTimestamp(new Date(y, mo - 1, d, h, mi, s, ms), micros);
    expect(ours).toBe(pythonIsoformat([y, mo, d, h, mi, s, ms * 1000 + micros]));
  });

  it('gives the exact spec form for the spec example', () => {
    expect(pythonIsoTimestamp(new Date(2025, 9, 1, 0, 31, 34, 953), 588)).toBe('2025-10-01T00:31:34.953588');
    expect(pythonIsoTimestamp(new Date(2025, 9, 1, 0, 31, 34, 0))).toBe('2025-10-01T00:31:34');
  });

  it('uses local time, as datetime.now() does', () => {
    const date = new Date(2025, 5, 15, 13, 14, 15, 16);
    expect(pythonIsoTimestamp(date)).toBe('2025-06-15T13:14:15.016000');
  });
});

describe('nowTimestamp', () => {
  it('is now, in the Python form, with microseconds', () => {
    const before = Date.now();
    const stamp = nowTimestamp();
    const after = Date.now();
    expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/);
    const parsed = new Date(stamp.slice(0, 23)).getTime();
    expect(parsed).toBeGreaterThanOrEqual(before - 1);
    expect(parsed).toBeLessThanOrEqual(after);
  });
});

describe('formatDate / formatDateTime', () => {
  it('cuts an ISO timestamp to the list columns', () => {
    expect(formatDate('2025-10-01T00:31:34.953588')).toBe('2025-10-01');
    expect(formatDateTime('2025-10-01T07:24:00.000001')).toBe('2025-10-01 07:24');
    expect(formatDateTime('2025-10-01T00:31:34')).toBe('2025-10-01 00:31');
  });

  it('accepts a space separator and a bare date', () => {
    expect(formatDateTime('2025-10-01 00:35:01')).toBe('2025-10-01 00:35');
    expect(formatDateTime('2025-10-01')).toBe('2025-10-01');
  });

  it('passes non-timestamps through, and uses the fallback for a missing value', () => {
    expect(formatDate('unknown')).toBe('unknown');
    expect(formatDate(undefined)).toBe('unknown');
    expect(formatDateTime('never')).toBe('never');
    expect(formatDateTime(undefined, 'never')).toBe('never');
    expect(formatDateTime(undefined)).toBe('unknown');
  });
});
