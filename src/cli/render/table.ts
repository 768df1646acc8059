import { padEnd, textWidth } from '../../domain/text-width.js';

/** A rounded table with a centred title (none when `title` is empty), in the layout of `cuti claude list`. */
export function renderTable(title: string, headers: string[], rows: string[][]): string {
  // A loop, not Math.max(...rows): spreading 100,000+ rows overflows the call stack.
  const widths = headers.map((h) => textWidth(h));
  for (const r of rows) {
    for (let i = 0; i < widths.length; i += 1) widths[i] = Math.max(widths[i]!, textWidth(r[i] ?? ''));
  }
  const line = (l: string, mid: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${r}`;
  const row = (cells: string[]) => `│${widths.map((w, i) => ` ${padEnd(cells[i] ?? '', w)} `).join('│')}│`;
  const total = widths.reduce((sum, w) => sum + w + 3, 1);
  const left = Math.max(0, Math.floor((total - textWidth(title)) / 2));
  const titleLines = title === '' ? [] : [' '.repeat(left) + padEnd(title, total - left)];
  return [...titleLines, line('╭', '┬', '╮'), row(headers), line('├', '┼', '┤'), ...rows.map(row), line('╰', '┴', '╯')].join(
    '\n',
  );
}
