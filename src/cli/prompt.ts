import { createInterface } from 'node:readline/promises';

import { CutiError } from '../domain/errors.js';

/**
 * Asks a y/N question on the terminal; anything but y/yes is No. Refuses outright
 * when stdin is not a terminal, because waiting for an answer there hangs scripts.
 */
export async function confirm(
  question: string,
  io: { stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream },
  forceFlag = '--force',
): Promise<boolean> {
  if (!io.stdin.isTTY) {
    throw new CutiError(
      'confirmation_required',
      `Refusing to ask for confirmation: standard input is not a terminal. Re-run with ${forceFlag} to skip it.`,
    );
  }
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  const interrupt = new AbortController();
  let interrupted = false;
  rl.on('SIGINT', () => {
    interrupted = true;
    interrupt.abort();
  });
  try {
    const answer = await rl.question(`${question} [y/N]: `, { signal: interrupt.signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch (error) {
    // The question is cut short by Ctrl+D (end of input: the default answer, No) or
    // Ctrl+C (an interrupt: exit 130, as shells report it). Neither is an error of cuti's.
    if ((error as Error | undefined)?.name !== 'AbortError') throw error;
    if (interrupted) throw new CutiError('interrupted', 'Interrupted', { exitCode: 130 });
    io.stderr.write('\n'); // end the prompt's line; readline does so itself only for Ctrl+C
    return false;
  } finally {
    rl.close();
  }
}
