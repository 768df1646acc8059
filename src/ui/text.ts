import { shown, type Shown } from '../domain/safe-text.js';
import { fold, padEnd, textWidth, truncate } from '../domain/text-width.js';

/**
 * A cell of the TUI: `text` sanitised (unless it is SafeText), cut to `width` terminal
 * columns between grapheme clusters (with `…`) and padded to exactly that width, measured
 * as Ink measures it.
 */
export function fit(text: Shown, width: number): string {
  if (width <= 0) return '';
  const value = shown(text);
  return padEnd(textWidth(value) <= width ? value : truncate(value, width), width);
}

/** Splits `text` into pieces of at most `width` columns, between graphemes (for keys, which have no spaces). */
export function chunk(text: string, width: number): string[] {
  return fold(text, width);
}

/**
 * Wraps `text` at spaces into lines of at most `width` columns; a word longer than a
 * line is cut into pieces. Messages that matter are shown whole, never cut off.
 */
export function wrapLines(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (textWidth(candidate) <= w) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    const pieces = chunk(word, w);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Lines of at most `width` columns kept to `maxLines`; when some go, the last kept ends in `…`, so the cut shows. */
export function linesWithin(lines: readonly string[], width: number, maxLines: number): string[] {
  if (lines.length <= maxLines) return [...lines];
  if (maxLines <= 0) return [];
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${truncate(kept[maxLines - 1] ?? '', Math.max(1, width) - 1, '')}…`;
  return kept;
}

/** `wrapLines` kept to `maxLines`, the cut marked as `linesWithin` marks it. */
export function wrapWithin(text: string, width: number, maxLines: number): string[] {
  return linesWithin(wrapLines(text, width), width, maxLines);
}
