import { padEnd, textWidth } from '../../domain/text-width.js';

export const DEFAULT_PANEL_WIDTH = 80;

/**
 * A rounded panel with a centred title, like the original's rich Panel. It is 80
 * columns, or wider when a line would not fit: a revealed secret is never wrapped
 * or cut, so it can be copied whole.
 */
export function renderPanel(title: string, lines: string[], minWidth = DEFAULT_PANEL_WIDTH): string {
  const inner = Math.max(minWidth - 2, ...lines.map((l) => textWidth(l) + 2), textWidth(title) + 6);
  const label = ` ${title} `;
  const left = Math.floor((inner - textWidth(label)) / 2);
  const right = inner - left - textWidth(label);
  const top = `╭${'─'.repeat(left)}${label}${'─'.repeat(right)}╮`;
  const body = lines.map((line) => `│ ${padEnd(line, inner - 2)} │`);
  const bottom = `╰${'─'.repeat(inner)}╯`;
  return [top, ...body, bottom].join('\n');
}
