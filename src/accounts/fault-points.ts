/**
 * Named points between the writes of a multi-file change, where the reliability tests
 * kill cuti (SIGKILL, which nothing can catch or clean up after) to prove that the next
 * run finishes or undoes the change. Inert unless CUTI_TEST_KILL_AT names the point.
 */
export const KILL_AT_VAR = 'CUTI_TEST_KILL_AT';

export function faultPoint(name: string): void {
  if (process.env[KILL_AT_VAR] === name) process.kill(process.pid, 'SIGKILL');
}
