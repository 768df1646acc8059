import { ValidationError } from './errors.js';
import { looksLikeSecret, shownValue } from './redact.js';
import { hasUnsafeCharacters } from './sanitize.js';
import { shown } from './safe-text.js';

export const MAX_ACCOUNT_NAME_LENGTH = 64;

/** Names cuti itself uses inside the accounts root. */
const RESERVED_NAMES = new Set(['accounts.json']);

/**
 * Characters that show as nothing, or as a plain space, so two names differing only in
 * them look the same in every listing: format characters (zero-width space, joiners,
 * word joiner, soft hyphen, Mongolian vowel separator, bidi marks, tag characters, BOM),
 * the combining grapheme joiner, Hangul fillers, the braille blank and every space but
 * the ASCII one.
 */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0\u2800]|(?! )\p{Zs}/u;

/**
 * Cyrillic and Greek letters drawn like Latin ones (in the fonts terminals use), each
 * with the Latin letter it passes for: 'pаypal' with a Cyrillic а is 'paypal' on screen.
 * Case-aware, because Greek 'Η' looks like 'H' while its lower case 'η' does not look like 'h'.
 */
const HOMOGLYPHS: Record<string, string> = Object.fromEntries(
  [
    // Cyrillic
    'АA', 'ВB', 'ЕE', 'КK', 'МM', 'НH', 'ОO', 'РP', 'СC', 'ТT', 'ХX', 'УY', 'ЅS', 'ІI', 'ЈJ', 'ԚQ', 'ԜW', 'ҮY',
    'аa', 'еe', 'оo', 'рp', 'сc', 'уy', 'хx', 'ѕs', 'іi', 'јj', 'ԁd', 'һh', 'ӏl', 'ԛq', 'ԝw', 'үy',
    // Greek
    'ΑA', 'ΒB', 'ΕE', 'ΖZ', 'ΗH', 'ΙI', 'ΚK', 'ΜM', 'ΝN', 'ΟO', 'ΡP', 'ΤT', 'ΥY', 'ΧX',
    'αa', 'οo', 'νv', 'ιi', 'ρp', 'υu', 'κk', 'χx', 'ϲc', 'ϳj',
  ].map((pair): [string, string] => [pair.charAt(0), pair.charAt(1)]),
);
const HOMOGLYPH = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'gu');

/**
 * What two names that look alike have in common: compatibility-normalised (NFKC: 'ﬁ'
 * and 'fi', full-width and ASCII), invisible characters dropped, Cyrillic and Greek
 * letters that pass for Latin ones read as those, case folded (a case-insensitive file
 * system, as macOS has, makes 'Work' and 'work' one directory).
 */
export function lookalikeKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(new RegExp(INVISIBLE.source, 'gu'), '')
    .replace(HOMOGLYPH, (ch) => HOMOGLYPHS[ch] ?? ch)
    .toLowerCase();
}

function refuseCredentialShape(name: string): void {
  // Checked first, because the messages below quote the name: a key pasted into the
  // name's place must be neither stored as a directory name nor echoed back.
  if (looksLikeSecret(name.trim())) {
    throw new ValidationError(
      'Account name looks like an API key or AWS credential; give the key with --api-key, not as the account name',
    );
  }
}

/**
 * A name that addresses an account which may already exist, possibly made by the
 * original tool with a name cuti would not create ('a..b', a trailing space, over 64
 * characters). Permissive, but safe: it is one directory entry directly under the
 * accounts root, never a path out of it, and never one of cuti's own entries.
 */
export function validateAddressedName(name: string): void {
  refuseCredentialShape(name);
  const display = shown(name);
  if (name.trim() === '') throw new ValidationError('Account name cannot be empty');
  if (hasUnsafeCharacters(name) || name.includes('\0')) {
    throw new ValidationError(`Account name contains control characters: ${display}`);
  }
  if (name.includes('/') || name.includes('\\')) {
    throw new ValidationError(`Account name cannot contain '/' or '\\': ${display}`);
  }
  if (name === '..') throw new ValidationError(`Account name cannot contain '..': ${display}`);
  if (name.startsWith('.')) throw new ValidationError(`Account name cannot start with '.': ${display}`);
  if (RESERVED_NAMES.has(name) || name.endsWith('.lock')) {
    throw new ValidationError(`Account name is reserved by cuti: ${display}`);
  }
}

/**
 * A name for a new account: strict. It becomes a directory name under the accounts root,
 * so it must not be able to escape it or collide with cuti's own files, and it must not
 * be able to pass for another name. Returns nothing; throws a ValidationError whose
 * message is safe to print.
 */
export function validateAccountName(name: string): void {
  refuseCredentialShape(name);
  const display = shown(name);
  if (name.trim() === '') throw new ValidationError('Account name cannot be empty');
  if ([...name].length > MAX_ACCOUNT_NAME_LENGTH) {
    throw new ValidationError(`Account name is longer than ${MAX_ACCOUNT_NAME_LENGTH} characters`);
  }
  if (hasUnsafeCharacters(name)) {
    throw new ValidationError(`Account name contains control characters: ${display}`);
  }
  if (name.includes('/') || name.includes('\\')) {
    throw new ValidationError(`Account name cannot contain '/' or '\\': ${display}`);
  }
  if (name.includes('..')) throw new ValidationError(`Account name cannot contain '..': ${display}`);
  if (name.startsWith('.')) throw new ValidationError(`Account name cannot start with '.': ${display}`);
  if (name.startsWith('-')) throw new ValidationError(`Account name cannot start with '-': ${display}`);
  if (name !== name.trim()) {
    throw new ValidationError(`Account name cannot start or end with whitespace: '${display}'`);
  }
  if (RESERVED_NAMES.has(name) || name.endsWith('.lock')) {
    throw new ValidationError(`Account name is reserved by cuti: ${display}`);
  }
  if (INVISIBLE.test(name)) {
    throw new ValidationError(
      `Account name contains an invisible or look-alike character (zero-width, format, bidi or non-ASCII space): ${escapeNonAscii(name)}`,
    );
  }
  if (name !== name.normalize('NFC')) {
    throw new ValidationError(
      `Account name is not in composed Unicode form (NFC), so it could pass for another name: ${escapeNonAscii(name)}; type it composed`,
    );
  }
}

/** A new name that would look like an existing one, in every listing. */
export function refuseLookalike(name: string, existing: readonly string[]): void {
  const key = lookalikeKey(name);
  const twin = existing.find((other) => other !== name && lookalikeKey(other) === key);
  if (twin !== undefined) {
    throw new ValidationError(
      `Account name ${escapeNonAscii(name)} looks the same as the existing account ${escapeNonAscii(twin)}; choose a name that is told apart`,
    );
  }
}

/** Every character outside printable ASCII as \u{…}, so look-alikes show their difference. */
function escapeNonAscii(text: string): string {
  return `'${[...text].map((ch) => (/[\x20-\x7e]/.test(ch) ? ch : `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`)).join('')}'`;
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

/**
 * Longer than any key, token or field value; such a value is a mistake (a pasted file).
 * Generous on purpose: the crash tests write 100 KB keys to widen their kill windows.
 */
export const MAX_VALUE_LENGTH = 120 * 1024;

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
