import { sanitizeForDisplay, sanitizeLines } from './sanitize.js';

/**
 * Text that is safe to write to a terminal. The only ways to make one sanitise every
 * value that comes from outside the source code (names, keys, paths, error messages),
 * so output built from these cannot carry an escape sequence or a bidi control from a
 * hostile name, whoever forgets what. Styling that really is an escape sequence is
 * produced by `trustedStyling`, which only the style and render modules use.
 *
 * The CLI's printers accept nothing else, so a raw string cannot reach the terminal
 * without the type checker noticing.
 */
export class SafeText {
  readonly #text: string;
  private constructor(text: string) {
    this.#text = text;
  }
  /** The characters to write. */
  get text(): string {
    return this.#text;
  }
  toString(): string {
    return this.#text;
  }
  /** @internal Use `safe`, `safeLines` or (style and render code only) `trustedStyling`. */
  static wrap(text: string): SafeText {
    return new SafeText(text);
  }
}

/** A value that may be interpolated into output: strings and numbers are sanitised, SafeText kept. */
export type Shown = SafeText | string | number;

/** `value` as safe text: a string is sanitised (a line break shows as `\x0a`), SafeText is kept. */
export function shown(value: Shown): string {
  if (value instanceof SafeText) return value.text;
  return typeof value === 'number' ? String(value) : sanitizeForDisplay(value);
}

/**
 * Builds a line of output: the template's literal parts are the program's own text,
 * every `${value}` is sanitised unless it already is SafeText (a styled or rendered
 * piece built the same way).
 *
 *     c.out.line(safe`${style.green('✓')} Switched to account: ${style.cyan(name)}`);
 */
export function safe(literals: TemplateStringsArray, ...values: Shown[]): SafeText {
  let text = literals[0] ?? '';
  for (let i = 0; i < values.length; i += 1) text += shown(values[i]!) + (literals[i + 1] ?? '');
  return SafeText.wrap(text);
}

/** Multi-line text from outside (an error message with its hint): each line sanitised, line breaks kept. */
export function safeLines(text: string): SafeText {
  return SafeText.wrap(sanitizeLines(text));
}

/** Pieces joined with a separator, each sanitised unless it is SafeText. */
export function joinSafe(pieces: readonly Shown[], separator: Shown = '\n'): SafeText {
  const sep = typeof separator === 'string' ? sanitizeLines(separator) : shown(separator);
  return SafeText.wrap(pieces.map(shown).join(sep));
}

/**
 * For style and render code only: `text` is already safe (an escape sequence cuti
 * chose, or characters built from SafeText). Lint allows it nowhere else.
 */
export function trustedStyling(text: string): SafeText {
  return SafeText.wrap(text);
}

/** The empty line. */
export const EMPTY = SafeText.wrap('');
