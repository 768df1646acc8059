import { shown, type Shown } from '../domain/safe-text.js';
import { padEnd, textWidth, truncate } from '../domain/text-width.js';

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
