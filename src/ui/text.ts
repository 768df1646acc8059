import { shown, type Shown } from '../domain/safe-text.js';
import { padEnd, textWidth, truncate, wrapText } from '../domain/text-width.js';

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

/**
 * Wraps `text` at spaces into lines of at most `width` columns; a word longer than a
 * line is cut into pieces. Messages that matter are shown whole, never cut off. The
 * same wrapping as the CLI's panels and tables (domain/text-width).
 */
export function wrapLines(text: string, width: number): string[] {
  return wrapText(text, width);
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
