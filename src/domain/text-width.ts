/**
 * One measure of text on a terminal, shared by the CLI's panels and tables and the
 * TUI's cells: `string-width`, the measure Ink lays its boxes out with, so a border
 * drawn by cuti lines up wherever Ink's would (a ZWJ family emoji is 2 columns, `⚠️` 2,
 * `☕` 2). Text is cut only between grapheme clusters (Intl.Segmenter), never inside one.
 *
 * string-width is loaded on demand (`loadTextWidth`): loading it creates an
 * Intl.Segmenter, which costs a plain command such as `list` 20 ms or more, about half
 * of its whole run; printable ASCII, which most names and dates are, needs neither.
 */
let measure: ((text: string) => number) | undefined;

/** Loads string-width; `textWidth` needs it for any text that is not printable ASCII. */
export async function loadTextWidth(): Promise<void> {
  measure ??= (await import('string-width')).default;
}

/**
 * Loads string-width when any of `texts` needs it, so that `textWidth` can measure them
 * all. For printable ASCII and cuti's own marks it loads nothing.
 */
export async function prepareToMeasure(texts: Iterable<string>): Promise<void> {
  if (measure !== undefined) return;
  for (const text of texts) {
    if (!PRINTABLE_ASCII.test(text) && !OWN_MARKS.has(text)) return loadTextWidth();
  }
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * What string-width answers for the few non-ASCII marks cuti prints itself (list's status
 * column), so a plain `list` need not load it for them. A unit test checks every entry
 * against string-width: this remembers its answers, it is not a second measure.
 */
export const OWN_MARKS: ReadonlyMap<string, number> = new Map([
  ['🟢 Active', 9],
  ['⚠️  No Credentials', 18],
  ['✓', 1],
  ['⚠', 1],
  ['✗', 1],
]);

export function textWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (measure === undefined) {
    const own = OWN_MARKS.get(text);
    if (own !== undefined) return own;
    throw new Error('textWidth: await loadTextWidth() (or prepareToMeasure) before measuring text that is not printable ASCII');
  }
  return measure(text);
}

let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of `text`: what a person sees as one character. */
export function graphemes(text: string): string[] {
  if (PRINTABLE_ASCII.test(text)) return text.split('');
  segmenter ??= new Intl.Segmenter();
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

/** `text` cut to at most `width` columns, ending in `ellipsis` when something was cut. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (textWidth(text) <= width) return text;
  const room = width - textWidth(ellipsis);
  if (room < 0) return '';
  let out = '';
  let used = 0;
  for (const cluster of graphemes(text)) {
    const w = textWidth(cluster);
    if (used + w > room) break;
    out += cluster;
    used += w;
  }
  return out + ellipsis;
}

/** Pieces of `word` of at most `width` columns each, cut between graphemes (a cluster wider than `width` stands alone). */
export function fold(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const cluster of graphemes(word)) {
    const w = textWidth(cluster);
    if (used + w > width && piece !== '') {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += cluster;
    used += w;
  }
  pieces.push(piece);
  return pieces;
}

const WORDS = /\s*\S+\s*/gu;

/**
 * `text` wrapped to lines of at most `width` columns, the way the original tool's
 * tables and panels (Python rich) wrap: break between words, keep a line's leading
 * spaces, and fold a word longer than a whole line across lines.
 */
export function wrapText(text: string, width: number): string[] {
  const limit = Math.max(1, width);
  if (textWidth(text) <= limit) return [text];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of text.match(WORDS) ?? [text]) {
    const wordWidth = textWidth(word.trimEnd());
    if (used + wordWidth <= limit) {
      line += word;
      used += textWidth(word);
      continue;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
    const pieces = wordWidth > limit ? fold(word.trim(), limit) : [word.trim()];
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1)! + word.slice(word.trimEnd().length);
    used = textWidth(line);
  }
  lines.push(line.trimEnd());
  return lines;
}
