/**
 * Display sanitising. Names and values come from files and argv that anyone may have
 * written; printing them raw would let an escape sequence repaint or retitle the
 * terminal. Every control character is shown as a visible escape instead.
 */
// C0 and C1 controls, DEL, bidi overrides/isolates, line/paragraph separators.
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
