/**
 * Display sanitising. Names and values come from files and argv that anyone may have
 * written; printing them raw would let an escape sequence repaint or retitle the
 * terminal. Every control character is shown as a visible escape instead.
 */
// C0 and C1 controls, DEL, bidi overrides/isolates, line/paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is this module's job
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/gu;

export function sanitizeForDisplay(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}

/** Multi-line text (an error with its hint): each line sanitised, the line breaks kept. */
export function sanitizeLines(text: string): string {
  return text.split('\n').map(sanitizeForDisplay).join('\n');
}

// JSON.stringify escapes C0 controls but passes DEL, C1 and bidi controls through raw.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/gu;

/**
 * JSON text safe to print on a terminal: the characters JSON.stringify leaves raw are
 * written as `\uXXXX` escapes, so the document still parses to the same values.
 */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
