import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';

import { graphemes, OWN_MARKS, padEnd, textWidth, truncate, wrapText } from '../../src/domain/text-width.js';

const FAMILY = '👨‍👩‍👧'; // man ZWJ woman ZWJ girl: one cluster
const FLAG = '🇯🇵';
const CAFE = 'café'; // e + combining acute
const WARN = '⚠️'; // ⚠ + VS16

describe('textWidth measures as Ink lays out', () => {
  it.each([
    ['a ZWJ family emoji', FAMILY, 2],
    ['a flag', FLAG, 2],
    ['☕ (a wide emoji without a variation selector)', '☕', 2],
    ['⚠️ (VS16 makes it an emoji)', WARN, 2],
    ['⚠ without VS16', '⚠', 1],
    ['CJK', '账户', 4],
    ['a combining accent', CAFE, 4],
    ['the status mark of list', '🟢 Active', 9],
    ['plain ASCII', 'prod-api', 8],
  ])('%s', (_what, text, width) => {
    expect(textWidth(text)).toBe(width);
    expect(textWidth(text)).toBe(stringWidth(text));
  });

  it("remembers string-width's answers for cuti's own marks, so list need not load it for them", () => {
    for (const [mark, width] of OWN_MARKS) expect(width, mark).toBe(stringWidth(mark));
  });

  it('ignores the ANSI styling it is given', () => {
    expect(textWidth('\u001b[32m✓\u001b[39m ok')).toBe(4);
  });
});

describe('truncate and wrapText cut between grapheme clusters', () => {
  it('never splits a ZWJ sequence, a flag or a combining mark', () => {
    for (const text of [`ab${FAMILY}cd`, `x${FLAG}${FLAG}y`, `${CAFE}${CAFE}`, `${WARN}${WARN}${WARN}`]) {
      for (let width = 1; width <= textWidth(text); width += 1) {
        const cut = truncate(text, width);
        expect(textWidth(cut)).toBeLessThanOrEqual(width);
        expect(text.startsWith(cut.replace(/…$/u, ''))).toBe(true);
        // Every cluster of the cut text is a whole cluster of the original.
        const original = graphemes(text);
        const kept = graphemes(cut.replace(/…$/u, ''));
        expect(original.slice(0, kept.length)).toEqual(kept);
      }
    }
  });

  it('keeps text that fits, and ends a cut with …', () => {
    expect(truncate('prod-api', 8)).toBe('prod-api');
    expect(truncate('prod-api', 5)).toBe('prod…');
    expect(truncate(`${FAMILY}${FAMILY}`, 3)).toBe(`${FAMILY}…`);
  });

  it('wraps between words, folds a word longer than a line, and keeps leading spaces', () => {
    expect(wrapText('Reveal a key with: cuti claude show-api-key', 20)).toEqual(['Reveal a key with:', 'cuti claude', 'show-api-key']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('  API Key: sk-ant-a...aaaa', 40)).toEqual(['  API Key: sk-ant-a...aaaa']);
    expect(wrapText('  Created: 2026-12-01T14:27:17.597821', 20)).toEqual(['  Created:', '2026-12-01T14:27:17.', '597821']);
  });

  it('fits every wrapped line in the width and loses no visible character, for any text', () => {
    const cluster = fc.constantFrom('a', 'b', ' ', '账', FAMILY, FLAG, CAFE, WARN, '☕', '-', '\u0301');
    fc.assert(
      fc.property(fc.array(cluster, { maxLength: 40 }), fc.integer({ min: 2, max: 30 }), (parts, width) => {
        const text = parts.join('');
        const lines = wrapText(text, width);
        for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/\s/gu, '')).toBe(text.replace(/\s/gu, ''));
      }),
    );
  });

  it('pads to an exact width', () => {
    expect(textWidth(padEnd(`${FAMILY}x`, 10))).toBe(10);
  });
});
