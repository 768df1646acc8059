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
  try {
    const answer = await rl.question(`${question} [y/N]: `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
