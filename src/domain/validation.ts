import { ValidationError } from './errors.js';
import { looksLikeSecret, shownValue } from './redact.js';
import { hasUnsafeCharacters, sanitizeForDisplay } from './sanitize.js';

export const MAX_ACCOUNT_NAME_LENGTH = 64;

/** Names cuti itself uses inside the accounts root. */
const RESERVED_NAMES = new Set(['accounts.json']);

/**
 * An account name becomes a directory name under the accounts root, so it must not be
 * able to escape it or collide with cuti's own files. Returns nothing; throws a
 * ValidationError whose message is safe to print.
 */
export function validateAccountName(name: string): void {
  // Checked first, because the messages below quote the name: a key pasted into the
  // name's place must be neither stored as a directory name nor echoed back.
  if (looksLikeSecret(name.trim())) {
    throw new ValidationError(
      'Account name looks like an API key or AWS credential; give the key with --api-key, not as the account name',
    );
  }
  const shown = sanitizeForDisplay(name);
  if (name.trim() === '') throw new ValidationError('Account name cannot be empty');
  if ([...name].length > MAX_ACCOUNT_NAME_LENGTH) {
    throw new ValidationError(`Account name is longer than ${MAX_ACCOUNT_NAME_LENGTH} characters`);
  }
  if (hasUnsafeCharacters(name)) {
    throw new ValidationError(`Account name contains control characters: ${shown}`);
  }
  if (name.includes('/') || name.includes('\\')) {
    throw new ValidationError(`Account name cannot contain '/' or '\\': ${shown}`);
  }
  if (name.includes('..')) throw new ValidationError(`Account name cannot contain '..': ${shown}`);
  if (name.startsWith('.')) throw new ValidationError(`Account name cannot start with '.': ${shown}`);
  if (name.startsWith('-')) throw new ValidationError(`Account name cannot start with '-': ${shown}`);
  if (name !== name.trim()) {
    throw new ValidationError(`Account name cannot start or end with whitespace: '${shown}'`);
  }
  if (RESERVED_NAMES.has(name) || name.endsWith('.lock')) {
    throw new ValidationError(`Account name is reserved by cuti: ${shown}`);
  }
}

/** `value` if it is one of `choices`; else the one "Invalid provider" error, listing them. */
export function parseProviderAmong<T extends string>(value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new ValidationError(
      `Invalid provider: ${shownValue(value)}`,
      `Valid providers: ${choices.join(', ')}`,
    );
  }
  return value as T;
}

/** Longer than any key, token or field value; such a value is a mistake (a pasted file). */
export const MAX_VALUE_LENGTH = 16 * 1024;

/** A secret or field value: present, not blank, single line, no control characters. */
export function validateValue(label: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new ValidationError(`${label} cannot be empty`);
  if (value.length > MAX_VALUE_LENGTH) {
    throw new ValidationError(`${label} is longer than ${MAX_VALUE_LENGTH} characters; no key is that long`);
  }
  if (hasUnsafeCharacters(value)) {
    // Never echo the value: it may be a secret.
    throw new ValidationError(`${label} contains control characters or line breaks`);
  }
  if (value !== value.trim()) throw new ValidationError(`${label} has leading or trailing whitespace`);
  return value;
}
