/**
 * Display sanitising. Names and values come from files and argv that anyone may have
 * written; printing them raw would let an escape sequence repaint or retitle the
 * terminal, or a bidi control reorder what is shown. Every such character is shown as a
 * visible escape instead. Output is built with `safe` (safe-text.ts), which applies this
 * to every value it interpolates; nothing else should need to call it.
 */
// C0 and C1 controls, DEL; bidi marks, embeddings, overrides and isolates (U+061C ALM,
// U+200E/F, U+202A-E, U+2066-9); line/paragraph separators; invisible format characters
// that make two names look alike or hide text: ZWSP, word joiner and invisible operators
// (U+2060-4), the deprecated format controls (U+206A-F), ZWNBSP/BOM, interlinear
// annotation (U+FFF9-B), the Mongolian vowel separator and tag characters. ZWJ and ZWNJ
// (U+200C/D) stay: emoji sequences and several scripts need them.
// eslint-disable-next-line no-control-regex -- matching control characters is this module's job
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

function visibleEscape(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

export function sanitizeForDisplay(text: string): string {
  return text.replace(UNSAFE, visibleEscape);
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
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

/**
 * JSON text safe to print on a terminal: the characters JSON.stringify leaves raw are
 * written as `\uXXXX` escapes, so the document still parses to the same values.
 */
export function escapeJsonForTerminal(json: string): string {
  // Code units, not code points: JSON writes a tag character as its two surrogate escapes.
  return json.replace(UNSAFE_IN_JSON, (ch) =>
    Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}
