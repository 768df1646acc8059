import { suggestedName } from './shell-quote.js';

/** Marks cuti's errors across bundles: the TUI is a separate bundle with its own copy of these classes. */
const CUTI_ERROR = Symbol.for('cuti.error');

/**
 * Typed errors. Their messages are shown to people as they are, so they must never
 * carry a secret: callers pass names and paths, never key material.
 */
export class CutiError extends Error {
  readonly [CUTI_ERROR] = true;
  /** Process exit code a front end should use. */
  readonly exitCode: number;
  /** Stable machine-readable code for `--json` output. */
  readonly code: string;
  /** Optional follow-up lines (a hint), shown after the message. */
  readonly hint: string | undefined;
  /** `warning` for outcomes the spec shows with ⚠ rather than ✗ (a key that is not there). */
  readonly severity: 'error' | 'warning';

  constructor(
    code: string,
    message: string,
    options: { exitCode?: number; hint?: string; severity?: 'error' | 'warning' } = {},
  ) {
    super(message);
    this.name = 'CutiError';
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
    this.severity = options.severity ?? 'error';
  }
}

/** `instanceof CutiError` that also holds for an error thrown by the other bundle's copy of the class. */
export function isCutiError(error: unknown): error is CutiError {
  return error instanceof CutiError || (typeof error === 'object' && error !== null && CUTI_ERROR in error);
}

/** A caught value's message, for warnings that report a failure without stopping. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ValidationError extends CutiError {
  constructor(message: string, hint?: string) {
    super('invalid_input', message, hint === undefined ? {} : { hint });
  }
}

export class AccountNotFoundError extends CutiError {
  constructor(readonly account: string, displayName: string) {
    super('account_not_found', `Account '${displayName}' not found`, {
      hint: 'See your accounts with: cuti claude list',
    });
  }
}

/**
 * A key for the provider appeared on disk (another process, another TUI) after the user was
 * told there was none: saving would replace it unseen, so nothing was written.
 */
export class KeyAppearedError extends CutiError {
  constructor(readonly account: string, readonly provider: string, displayName: string) {
    super('key_appeared', `Account ${displayName} gained a ${provider} key elsewhere meanwhile; nothing was saved`);
  }
}

export class ProviderNotFoundError extends CutiError {
  constructor(readonly account: string, readonly provider: string, displayName: string) {
    super('provider_not_found', `No ${provider} API key found for account: ${displayName}`, {
      // No key in the command: without --api-key, cuti asks for it without echoing it.
      hint: `Add one with: cuti claude add-api-key ${suggestedName(account)} --provider ${provider}${provider === 'bedrock' ? ' --region REGION --access-key KEY_ID' : ''}`,
      severity: 'warning',
    });
  }
}

/** A file cuti could not parse or validate. It is never overwritten. */
export class CorruptFileError extends CutiError {
  constructor(readonly path: string, reason: string) {
    super('corrupt_file', `${path}: ${reason}. cuti will not overwrite it; fix or move the file.`);
  }
}

export class UnsafePathError extends CutiError {
  constructor(readonly path: string, reason: string) {
    super('unsafe_path', `${path}: ${reason}`);
  }
}

export class StorageAccessError extends CutiError {
  constructor(readonly path: string, reason: string) {
    super('storage_error', `${path}: ${reason}`);
  }
}

export class LockTimeoutError extends CutiError {
  constructor(readonly path: string) {
    super('lock_timeout', `${path}: another cuti process is holding the lock; try again`);
  }
}

/** A writer stalled past the lock's stale time: another process may have written since it read. */
export class LockLostError extends CutiError {
  constructor(readonly path: string) {
    super(
      'lock_lost',
      `${path}: this process stalled while holding the lock, and the lock was or could be taken over by another process; nothing was written, try again`,
    );
  }
}

/** Turns an fs error into a one-line message that names the path and nothing else. */
export function describeFsError(error: unknown, path: string): CutiError {
  if (error instanceof CutiError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory, expected a file',
    ENOTDIR: 'a path component is not a directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
    ELOOP: 'is a symbolic link, which cuti does not follow',
    EEXIST: 'already exists',
    ENOENT: 'does not exist',
    ENAMETOOLONG: 'name is too long for the file system',
  };
  const reason = (code && reasons[code]) ?? `unexpected error${code ? ` (${code})` : ''}`;
  return new StorageAccessError(path, reason);
}
