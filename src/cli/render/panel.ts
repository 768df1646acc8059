import { SafeText, shown, trustedStyling, type Shown } from '../../domain/safe-text.js';
import { padEnd, prepareToMeasure, textWidth, truncate, wrapText } from '../../domain/text-width.js';

export const DEFAULT_PANEL_WIDTH = 80;

/** A panel line that is never wrapped: a revealed secret, which must stay copyable whole. */
export class WholeLine {
  constructor(readonly line: Shown) {}
}

export type PanelLine = Shown | WholeLine;

export interface PanelOptions {
  /** Columns available (the terminal's); undefined: no limit. */
  maxWidth?: number | undefined;
  /** The width when everything fits (the spec's panels are 80 columns). */
  width?: number;
}

/**
 * A rounded panel with a centred title, like the original's rich Panel. It is 80
 * columns, or wider when a line would not fit; on a narrower terminal it shrinks to the
 * terminal and wraps its lines (the title is cut with `…`). A WholeLine is never
 * wrapped or cut: the panel widens for it instead, so a revealed secret is copied whole.
 * Strings are sanitised.
 */
export async function renderPanel(title: Shown, lines: readonly PanelLine[], options: PanelOptions = {}): Promise<SafeText> {
  const texts = lines.map((l) => shown(l instanceof WholeLine ? l.line : l));
  const whole = lines.map((l) => l instanceof WholeLine);
  const heading = shown(title);
  await prepareToMeasure([heading, ...texts]);
  const natural = Math.max(options.width ?? DEFAULT_PANEL_WIDTH, ...texts.map((t) => textWidth(t) + 4), textWidth(heading) + 8);
  const wholeWidth = Math.max(0, ...texts.filter((_, i) => whole[i]).map((t) => textWidth(t) + 4));
  const width = Math.max(options.maxWidth === undefined ? natural : Math.min(natural, options.maxWidth), wholeWidth, 8);
  const inner = width - 2;
  const label = ` ${truncate(heading, width - 6)} `;
  const left = Math.floor((inner - textWidth(label)) / 2);
  const right = inner - left - textWidth(label);
  const top = `╭${'─'.repeat(left)}${label}${'─'.repeat(right)}╮`;
  const body = texts.flatMap((text, i) => (whole[i] ? [text] : wrapText(text, inner - 2))).map((line) => `│ ${padEnd(line, inner - 2)} │`);
  const bottom = `╰${'─'.repeat(inner)}╯`;
  return trustedStyling([top, ...body, bottom].join('\n'));
}
