/**
 * Timestamps in the original tool's format: Python's `datetime.now().isoformat()`,
 * local time, microseconds, no zone (e.g. `2025-10-01T00:31:34.953588`).
 */
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function pythonIsoTimestamp(date: Date = new Date(), subMillisecondMicros = 0): string {
  const base =
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const micros = date.getMilliseconds() * 1000 + subMillisecondMicros;
  // Python omits the fraction entirely when it is zero.
  return micros === 0 ? base : `${base}.${pad(micros, 6)}`;
}

/** Now, with the sub-millisecond digits taken from the high-resolution clock. */
export function nowTimestamp(): string {
  const micros = Number((process.hrtime.bigint() / 1000n) % 1000n);
  return pythonIsoTimestamp(new Date(), micros);
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/;

/** `YYYY-MM-DD`, or the raw value when it is not a timestamp (e.g. `unknown`). */
export function formatDate(value: string | undefined): string {
  if (value === undefined) return 'unknown';
  return ISO.exec(value)?.[1] ?? value;
}

/** `YYYY-MM-DD HH:MM`, or the raw value (`never`, `unknown`). */
export function formatDateTime(value: string | undefined, fallback = 'unknown'): string {
  if (value === undefined) return fallback;
  const match = ISO.exec(value);
  if (!match) return value;
  return match[2] ? `${match[1]} ${match[2]}` : (match[1] ?? value);
}
