/**
 * Test hooks for faults that cannot be produced from outside at a precise moment.
 * `CUTI_FAULT_STOP_AT=<point>` makes the process stop itself (SIGSTOP) when it reaches
 * that point, so a test can hold a writer exactly there, let another process act, and
 * continue it with SIGCONT. Unset (always, outside tests), this is one lookup.
 */
export type FaultPoint = 'before-commit' | 'login-snapshot:locked';

let stopped = false;

/** Stops at the first time the point is reached, not at every later one. */
export function faultPoint(point: FaultPoint): void {
  if (stopped || process.env.CUTI_FAULT_STOP_AT !== point) return;
  stopped = true;
  process.kill(process.pid, 'SIGSTOP');
}

/**
 * Named points between the writes of a multi-file change, where the reliability tests
 * kill cuti (SIGKILL, which nothing can catch or clean up after) to prove that the next
 * run finishes or undoes the change. Inert unless CUTI_TEST_KILL_AT names the point.
 */
export const KILL_AT_VAR = 'CUTI_TEST_KILL_AT';

export function killPoint(name: string): void {
  if (process.env[KILL_AT_VAR] === name) process.kill(process.pid, 'SIGKILL');
}
