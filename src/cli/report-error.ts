import { errorMessage, isCutiError } from '../domain/errors.js';
import { redactSecrets } from '../domain/redact.js';
import { sanitizeLines } from '../domain/sanitize.js';
import { errorDocument } from './json-output.js';
import type { CliIO } from './context.js';
import { styleFor } from './style.js';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

/** Reports a failed command (not a usage error) on stderr, or as JSON on stdout; returns the exit code. */
export function reportError(error: unknown, json: boolean, io: Pick<CliIO, 'stdout' | 'stderr' | 'env'>): number {
  const { stdout, stderr } = io;
  const err = styleFor(stderr, io.env);
  if (json) {
    const known = isCutiError(error);
    const message = redactSecrets(errorMessage(error));
    stdout.write(
      `${errorDocument({
        code: known ? error.code : 'unexpected',
        message: known ? message : `Unexpected error: ${message}`,
        ...(known && error.hint ? { hint: redactSecrets(error.hint) } : {}),
        exitCode: known ? error.exitCode : EXIT.error,
      })}\n`,
    );
    return known ? error.exitCode : EXIT.error;
  }
  if (isCutiError(error)) {
    // The spec shows a missing key as `⚠  No … API key found` (still exit 1).
    const mark = error.severity === 'warning' ? `${err.yellow('⚠')}  ` : `${err.red('✗')} `;
    stderr.write(`${mark}${sanitizeLines(redactSecrets(error.message))}\n`);
    if (error.hint) stderr.write(`\n${err.dim(sanitizeLines(redactSecrets(error.hint)))}\n`);
    return error.exitCode;
  }
  // Anything else is a bug; show its message but no stack (CUTI_DEBUG=1 shows it).
  const message = redactSecrets(errorMessage(error));
  stderr.write(`${err.red('✗')} Unexpected error: ${sanitizeLines(message)}\n`);
  if (io.env.CUTI_DEBUG && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  return EXIT.error;
}
