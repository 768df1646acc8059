import { describe, expect, it } from 'vitest';

import { hasUnsafeCharacters, sanitizeForDisplay } from '../../src/domain/sanitize.js';

describe('sanitizeForDisplay', () => {
  it.each([
    ['ESC of a colour sequence', '\u001b[31mred', '\\x1b[31mred'],
    ['an OSC title sequence (ESC … BEL)', '\u001b]0;owned\u0007', '\\x1b]0;owned\\x07'],
    ['NUL', 'a\u0000b', 'a\\x00b'],
    ['a carriage return that would overwrite the line', 'safe\rEVIL', 'safe\\x0dEVIL'],
    ['a newline', 'a\nb', 'a\\x0ab'],
    ['a tab', 'a\tb', 'a\\x09b'],
    ['DEL', 'a\u007fb', 'a\\x7fb'],
    ['a C1 CSI', 'a\u009b2Jb', 'a\\x9b2Jb'],
    ['a right-to-left override', 'abc\u202etxt.exe', 'abc\\u202etxt.exe'],
    ['a bidi isolate', 'a\u2066b\u2069', 'a\\u2066b\\u2069'],
    ['a line separator', 'a\u2028b', 'a\\u2028b'],
    ['a left-to-right mark', 'a\u200eb', 'a\\u200eb'],
  ])('shows %s as a visible escape', (_what, input, shown) => {
    expect(sanitizeForDisplay(input)).toBe(shown);
  });

  it.each(['prod-api', 'my api', 'Ünïcødé-账户', '🚀 launch', 'sk-ant-a...here', '2025-10-01T00:31:34.953588', ''])(
    'leaves %j untouched',
    (text) => {
      expect(sanitizeForDisplay(text)).toBe(text);
      expect(hasUnsafeCharacters(text)).toBe(false);
    },
  );

  it('leaves no control character in its output, whatever the input', () => {
    let all = '';
    for (let cp = 0; cp < 0x3000; cp += 1) all += String.fromCodePoint(cp);
    const shown = sanitizeForDisplay(all);
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/u);
    expect(hasUnsafeCharacters(shown)).toBe(false);
  });
});

describe('hasUnsafeCharacters', () => {
  it('finds a control character anywhere in the text', () => {
    expect(hasUnsafeCharacters('\u001b')).toBe(true);
    expect(hasUnsafeCharacters('end\u0007')).toBe(true);
    expect(hasUnsafeCharacters('mid\u202edle')).toBe(true);
  });

  it('gives the same answer when asked twice in a row (no global-regex state)', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(hasUnsafeCharacters('a\u0000b')).toBe(true);
      expect(hasUnsafeCharacters('plain')).toBe(false);
    }
    // sanitizeForDisplay shares the pattern; it must not disturb the next check either.
    sanitizeForDisplay('x\u0000y\u0001z');
    expect(hasUnsafeCharacters('\u0001')).toBe(true);
  });
});
