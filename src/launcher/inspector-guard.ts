import { writeSync } from 'node:fs';

/**
 * Node's inspector lets anyone on this machine who can reach its port run code inside
 * cuti, and so read every credential it holds. Two ways open it from outside: SIGUSR1
 * (Node's "start the debugger" signal, also what `process._debugProcess(pid)` sends)
 * and the --inspect flags, on the command line or inherited through NODE_OPTIONS.
 *
 * A SIGUSR1 listener stops Node from handling the signal itself; this one is installed
 * first thing, and `exec` adds its own that passes the signal on to its child. Whatever
 * opened the inspector before that (a flag, or a signal in the first milliseconds) is
 * caught by asking the inspector itself, and cuti refuses to run.
 */
export function guardAgainstInspector(): boolean {
  process.on('SIGUSR1', ignore);
  // Loaded only here, after the listener: the check costs about a millisecond.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const inspector = require('node:inspector') as typeof import('node:inspector');
  if (inspector.url() === undefined) return true;
  try {
    writeSync(
      2,
      "✗ cuti will not run with Node's inspector open: it would let other local users read your credentials.\n" +
        '  Remove --inspect/--inspect-brk from NODE_OPTIONS (or node’s own options) and run cuti again.\n',
    );
  } catch {
    // Nothing more to say if stderr is gone.
  }
  return false;
}

function ignore(): void {
  // Deliberately nothing: see guardAgainstInspector.
}
