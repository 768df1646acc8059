import { errorMessage, isCutiError } from '../domain/errors.js';
import { redactSecrets } from '../domain/redact.js';
import { safe, safeLines } from '../domain/safe-text.js';
import { Printer, type CliIO } from './context.js';
import { errorDocument } from './json-output.js';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;

/** Reports a failed command (not a usage error) on stderr, or as JSON on stdout; returns the exit code. */
export function reportError(error: unknown, json: boolean, io: Pick<CliIO, 'stdout' | 'stderr' | 'env'>): number {
  const { stdout } = io;
  const out = new Printer(io.stderr, io.env);
  const err = out.style;
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
    const mark = error.severity === 'warning' ? safe`${err.yellow('⚠')}  ` : safe`${err.red('✗')} `;
    out.line(safe`${mark}${safeLines(redactSecrets(error.message))}`);
    if (error.hint) {
      out.line();
      out.line(err.dim(safeLines(redactSecrets(error.hint))));
    }
    return error.exitCode;
  }
  // Anything else is a bug; show its message but no stack (CUTI_DEBUG=1 shows it).
  const message = redactSecrets(errorMessage(error));
  out.line(safe`${err.red('✗')} Unexpected error: ${safeLines(message)}`);
  if (io.env.CUTI_DEBUG && error instanceof Error && error.stack) out.line(safeLines(error.stack));
  return EXIT.error;
}
