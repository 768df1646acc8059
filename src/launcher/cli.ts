import { writeSync } from 'node:fs';
import { join } from 'node:path';

import { VERSION } from '../cli/version.js';
import { guardAgainstInspector } from './inspector-guard.js';
import { loadBundle } from './load-bundle.js';
import type * as Main from './main.js';

// The `cuti` executable: a small CommonJS launcher. It answers --version itself and
// loads the CLI bundle (dist/cuti.cjs) with a code cache; the TUI is an ES module
// bundle that only `cuti claude tui` imports. CommonJS because Node 20 starts a
// CommonJS entry ~5 ms sooner than an ES module and can only cache its compilation.

const args = process.argv.slice(2);
if (!guardAgainstInspector()) {
  process.exitCode = 1;
} else if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Not process.stdout: creating it costs more than the rest of this run (see stdio.ts).
  try {
    writeSync(1, `${VERSION}\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  }
} else {
  const { runCli, setTuiLoader, setConnectionTestLoader } = loadBundle<typeof Main>(join(__dirname, 'cuti.cjs'));
  setTuiLoader(() => import('../app/run.js'));
  setConnectionTestLoader(() => import('../accounts/connection-test/index.js'));
  // Set the exit code rather than calling process.exit, so stdout drains to pipes.
  void runCli(process.argv).then((code) => {
    process.exitCode = code;
  });
}
