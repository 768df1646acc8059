import { SafeText, shown, trustedStyling, type Shown } from '../../domain/safe-text.js';
import { padEnd, prepareToMeasure, textWidth, truncate, wrapText } from '../../domain/text-width.js';

/** Columns a cell keeps however narrow the table gets: room for one wide character. */
const MIN_CELL = 2;

/**
 * A rounded table with a centred title (none when `title` is empty), in the layout of
 * `cuti claude list`. When it is wider than `maxWidth` its columns shrink the way the
 * original tool's (rich) tables do, and cells wrap between words. Strings are sanitised.
 */
export async function renderTable(
  title: Shown,
  headers: readonly Shown[],
  rows: readonly (readonly Shown[])[],
  maxWidth?: number,
): Promise<SafeText> {
  const head = headers.map(shown);
  const body = rows.map((r) => head.map((_, i) => shown(r[i] ?? '')));
  await prepareToMeasure([shown(title), ...head, ...body.flat()]);
  // A loop, not Math.max(...rows): spreading 100,000+ rows overflows the call stack.
  const natural = head.map((h) => textWidth(h));
  for (const r of body) {
    for (let i = 0; i < natural.length; i += 1) natural[i] = Math.max(natural[i]!, textWidth(r[i]!));
  }
  const widths = maxWidth === undefined ? natural : fitColumns(natural, maxWidth - (head.length * 3 + 1));
  const line = (l: string, mid: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${r}`;
  const row = (cells: string[]) => {
    const wrapped = cells.map((cell, i) => (textWidth(cell) <= widths[i]! ? [cell] : wrapText(cell, widths[i]!)));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, n) => `│${widths.map((w, i) => ` ${padEnd(wrapped[i]![n] ?? '', w)} `).join('│')}│`);
  };
  const total = widths.reduce((sum, w) => sum + w + 3, 1);
  const heading = truncate(shown(title), total);
  const left = Math.max(0, Math.floor((total - textWidth(heading)) / 2));
  const titleLines = heading === '' ? [] : [' '.repeat(left) + padEnd(heading, total - left)];
  return trustedStyling(
    [...titleLines, line('╭', '┬', '╮'), ...row(head), line('├', '┼', '┤'), ...body.flatMap(row), line('╰', '┴', '╯')].join('\n'),
  );
}

/**
 * Content widths that fit in `room` columns, as rich's Table collapses them: take the
 * widest columns down towards the next widest, a step at a time, and when all are even
 * and it still does not fit, take the excess from every column alike.
 */
export function fitColumns(natural: readonly number[], room: number): number[] {
  // rich measures a column with its padding (one space each side); so do these figures.
  let widths = natural.map((w) => w + 2);
  const limit = room + 2 * natural.length;
  const floor = MIN_CELL + 2;
  let excess = sum(widths) - limit;
  while (excess > 0) {
    const widest = Math.max(...widths);
    const next = Math.max(0, ...widths.filter((w) => w !== widest));
    const step = widest - next;
    if (step === 0 || widest <= floor) break;
    const ratios = widths.map((w) => (w === widest ? 1 : 0));
    widths = ratioReduce(excess, ratios, widths.map(() => Math.min(excess, step, widest - floor)), widths);
    const left = sum(widths) - limit;
    if (left === excess) break;
    excess = left;
  }
  if (excess > 0) {
    widths = ratioReduce(excess, widths.map(() => 1), widths.map((w) => Math.max(0, w - floor)), widths);
  }
  return widths.map((w) => Math.max(MIN_CELL, w - 2));
}

/** rich's ratio_reduce: take `total` from `values` in proportion to `ratios`, at most `maximums` each. */
function ratioReduce(total: number, ratios: number[], maximums: number[], values: number[]): number[] {
  const active = ratios.map((r, i) => (maximums[i]! > 0 ? r : 0));
  let totalRatio = sum(active);
  if (totalRatio === 0) return values.slice();
  let remaining = total;
  return values.map((value, i) => {
    const ratio = active[i]!;
    if (ratio === 0 || totalRatio <= 0) return value;
    const distributed = Math.min(maximums[i]!, roundHalfEven((ratio * remaining) / totalRatio));
    remaining -= distributed;
    totalRatio -= ratio;
    return value - distributed;
  });
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
