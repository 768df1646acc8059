import { CutiError, ValidationError } from '../domain/errors.js';
import { looksLikeSecret, shownValue } from '../domain/redact.js';
import type { Prompter } from './prompt.js';

/**
 * Getting a secret into cuti without putting it in argv (where shell history and `ps`
 * see it): `-` reads standard input, `--<flag>-env NAME` reads an environment
 * variable, and a missing value on a terminal asks with a hidden prompt.
 */
export type SecretOrigin = 'argv' | 'stdin' | 'env' | 'prompt';

export interface SecretIo {
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
  prompter: Prompter;
}

export interface SecretRequest {
  /** The option as people type it, e.g. `--api-key`. */
  flag: string;
  /** What the prompt asks for, e.g. `Anthropic API key`. */
  label: string;
  /** Commander's value: a string, `true` for a flag given without a value, or undefined. */
  value: string | boolean | undefined;
  /** Name of an environment variable to read it from (`--api-key-env NAME`). */
  envName: string | undefined;
  /** Ask on a terminal when the option is absent altogether (not only when its value is). */
  promptWhenAbsent: boolean;
}

export interface ResolvedSecret {
  value: string;
  origin: SecretOrigin;
}

/** Standard input can be read once; two `-` values would race for it. */
export function assertSingleStdinReader(requests: SecretRequest[]): void {
  const readers = requests.filter((r) => r.value === '-').map((r) => r.flag);
  if (readers.length > 1) {
    throw new ValidationError(`Only one option can read standard input; ${readers.join(' and ')} both ask for '-'`);
  }
}

export async function resolveSecret(request: SecretRequest, io: SecretIo): Promise<ResolvedSecret | undefined> {
  if (request.envName !== undefined) {
    if (typeof request.value === 'string') {
      throw new ValidationError(`Give either ${request.flag} or ${request.flag}-env, not both`);
    }
    if (looksLikeSecret(request.envName)) {
      // `--api-key-env "$ANTHROPIC_API_KEY"`: the shell put the key itself where its name belongs.
      throw new ValidationError(
        `${request.flag}-env takes the name of an environment variable, and what it was given looks like a key itself; it is not shown`,
        `Give the variable's name, without '$': ${request.flag}-env ANTHROPIC_API_KEY`,
      );
    }
    const value = io.env[request.envName];
    if (value === undefined || value === '') {
      throw new ValidationError(`Environment variable ${shownValue(request.envName)} is not set or empty`);
    }
    return { value, origin: 'env' };
  }
  if (request.value === '-') return { value: await readStdinValue(io.stdin, request.flag), origin: 'stdin' };
  if (typeof request.value === 'string') return { value: request.value, origin: 'argv' };
  const asked = request.value === true || request.promptWhenAbsent;
  if (!asked) return undefined;
  if (!io.stdin.isTTY) {
    if (request.value === undefined) return undefined;
    throw new CutiError(
      'usage',
      `${request.flag} needs a value: pass '-' to read it from standard input, or ${request.flag}-env NAME`,
      { exitCode: 2 },
    );
  }
  return { value: await io.prompter.secret(request.label), origin: 'prompt' };
}

/** The one-line warning for a secret typed on the command line. */
export function argvSecretWarning(flag: string): string {
  return `${flag} on the command line lands in your shell history; prefer '${flag} -' (stdin), ${flag}-env NAME, or no value to be prompted`;
}

/** More than any key or secret; what is longer on stdin is a wrong file, not a key. */
export const MAX_STDIN_BYTES = 128 * 1024;

/** Everything on standard input, less one trailing line break (what `echo` and here-strings add). */
export async function readStdinValue(stdin: NodeJS.ReadStream, flag: string): Promise<string> {
  if (stdin.isTTY) {
    throw new CutiError('usage', `${flag} - reads standard input, but it is a terminal; pipe the value in, or omit it to be prompted`, {
      exitCode: 2,
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    // Stop reading at once: `--api-key - < big-file` must not fill memory first.
    if (size > MAX_STDIN_BYTES) {
      stdin.destroy();
      throw new ValidationError(`${flag} -: standard input is over ${MAX_STDIN_BYTES / 1024} KB; no key is that long, nothing was saved`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
