import { describe, expect, it } from 'vitest';

import { joinSafe, safe, safeLines, SafeText, shown } from '../../src/domain/safe-text.js';
import { hasUnsafeCharacters, sanitizeForDisplay } from '../../src/domain/sanitize.js';
import { styleFor } from '../../src/cli/style.js';

const HOSTILE = 'evil\u001b]0;owned\u0007\u001b[2J\u202etxt\u061c';

describe('safe`…`', () => {
  it('sanitises every interpolated string and keeps the literal parts', () => {
    const line = safe`✓ Added key to account: ${HOSTILE} (${3} keys)`;
    expect(line).toBeInstanceOf(SafeText);
    expect(line.text).toBe(`✓ Added key to account: ${sanitizeForDisplay(HOSTILE)} (3 keys)`);
    expect(hasUnsafeCharacters(line.text)).toBe(false);
  });

  it('keeps SafeText it is given as it is (styled pieces), without sanitising twice', () => {
    const prev = process.env.FORCE_COLOR;
    process.env.FORCE_COLOR = '1';
    try {
      const green = styleFor({ isTTY: true }).green('✓');
      expect(safe`${green} ok`.text).toBe('\u001b[32m✓\u001b[39m ok');
      // A style sanitises the string it wraps: a name cannot end the colour early or inject.
      expect(styleFor({ isTTY: true }).cyan(HOSTILE).text).toBe(`\u001b[36m${sanitizeForDisplay(HOSTILE)}\u001b[39m`);
    } finally {
      if (prev === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = prev;
    }
  });

  it('shows a line break inside a value as an escape, so a value cannot forge a second line', () => {
    expect(safe`name: ${'a\n✓ Deleted everything'}`.text).toBe('name: a\\x0a✓ Deleted everything');
  });

  it('keeps the line breaks of multi-line messages given to safeLines, and joins pieces', () => {
    expect(safeLines(`first ${HOSTILE}\nsecond`).text).toBe(`first ${sanitizeForDisplay(HOSTILE)}\nsecond`);
    expect(joinSafe(['a', HOSTILE, safe`b`]).text).toBe(`a\n${sanitizeForDisplay(HOSTILE)}\nb`);
    expect(shown(HOSTILE)).toBe(sanitizeForDisplay(HOSTILE));
  });
});

describe('sanitizeForDisplay: bidi and invisible format characters', () => {
  it.each([
    ['the Arabic letter mark', 'a\u061cb', 'a\\u061cb'],
    ['a zero-width space', 'a\u200bb', 'a\\u200bb'],
    ['a word joiner', 'a\u2060b', 'a\\u2060b'],
    ['an invisible operator', 'a\u2064b', 'a\\u2064b'],
    ['a deprecated format control', 'a\u206ab', 'a\\u206ab'],
    ['a byte order mark', '\ufeffa', '\\ufeffa'],
    ['an interlinear annotation', 'a\ufff9b\ufffb', 'a\\ufff9b\\ufffb'],
    ['the Mongolian vowel separator', 'a\u180eb', 'a\\u180eb'],
    ['a tag character', 'a\u{e0041}b', 'a\\u{e0041}b'],
  ])('shows %s as a visible escape', (_what, input, output) => {
    expect(sanitizeForDisplay(input)).toBe(output);
    expect(hasUnsafeCharacters(input)).toBe(true);
  });

  it('keeps the joiners emoji and scripts need', () => {
    for (const text of ['👨‍👩‍👧', 'क्‍ष', 'می‌خواهم']) expect(sanitizeForDisplay(text)).toBe(text);
  });
});
