/**
 * What `cuti claude test` concludes about one credential, in words a person acts on.
 * Pure: the testers (src/accounts/connection-test/) turn answers into these.
 */

/** Verdicts of a network test, as the issue names them. */
export const NETWORK_VERDICTS = ['works', 'rejected', 'denied', 'not found', 'limited', 'unreachable', 'unknown'] as const;

/**
 * Verdicts reached without a network call: a Claude Code login is judged locally (its
 * subscription tokens are not spent on a probe), and a credential cuti has no way to
 * test says so instead of guessing.
 */
export const LOCAL_VERDICTS = ['login ok', 'login expired', 'login unusable', 'untested'] as const;

export type NetworkVerdict = (typeof NETWORK_VERDICTS)[number];
export type LocalVerdict = (typeof LOCAL_VERDICTS)[number];
export type Verdict = NetworkVerdict | LocalVerdict;

/** Where a request failed before any answer came back. */
export type TransportFailure = 'dns' | 'connect' | 'tls' | 'timeout' | 'proxy';

/** What a tester found out; the runner adds who, when and how long. */
export interface Outcome {
  verdict: Verdict;
  /** One line for people: what was proved, or why not. Never holds a secret. */
  detail: string;
  httpStatus?: number;
  /** The service's own error name (`authentication_error`, `AccessDeniedException`). */
  errorCode?: string;
  failure?: TransportFailure;
}

export interface TestResult extends Outcome {
  account: string;
  /** A provider id from `.api_keys.json`, or `claude-code` for a saved login. */
  provider: string;
  kind: 'network' | 'local';
  /** Whether this result lets `cuti claude test` exit 0. */
  ok: boolean;
  /** The URL asked (no credentials in it), for network tests. */
  endpoint?: string;
  /** The proxy the request went through (credentials removed), or null for none. */
  proxy?: string | null;
  /** Milliseconds the test took. */
  ms: number;
  /** ISO 8601. */
  testedAt: string;
}

/**
 * Exit 0 only when every tested credential works. A login whose access token has
 * expired still counts: Claude Code renews it with the refresh token at its next
 * start, and an idle login is expired most of the time.
 */
export function verdictPasses(verdict: Verdict): boolean {
  return verdict === 'works' || verdict === 'login ok' || verdict === 'login expired';
}

/** `0.3 s`, `1.2 s`, `45 ms`: a result's time for tables and the TUI. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** One short mark per verdict, for the TUI list. */
export function verdictMark(verdict: Verdict): string {
  if (verdictPasses(verdict)) return '✓';
  if (verdict === 'limited') return '~';
  if (verdict === 'untested' || verdict === 'unknown') return '?';
  return '✗';
}
