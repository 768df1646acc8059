import { padEnd, textWidth } from '../domain/text-width.js';

/** Cuts `text` to `width` terminal columns (with `…`) and pads it to exactly that width. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return padEnd(text, width);
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = textWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return padEnd(`${out}…`, width);
}
