import { shown, trustedStyling, type SafeText, type Shown } from '../domain/safe-text.js';

/**
 * Minimal ANSI styling for plain commands. Colour only when the stream is a terminal
 * and NO_COLOR (https://no-color.org) is not set; FORCE_COLOR turns it on regardless.
 */
export function colorEnabled(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  // TERM first: reading isTTY may have to create the stream.
  return env.TERM !== 'dumb' && Boolean(stream.isTTY);
}

/** Each style sanitises a string it is given (like `safe`) and returns safe text. */
export interface Style {
  red(text: Shown): SafeText;
  green(text: Shown): SafeText;
  yellow(text: Shown): SafeText;
  cyan(text: Shown): SafeText;
  dim(text: Shown): SafeText;
  bold(text: Shown): SafeText;
}

const wrap = (open: number, close: number) => (text: Shown) => trustedStyling(`\u001b[${open}m${shown(text)}\u001b[${close}m`);

const COLOR: Style = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};

const identity = (text: Shown) => trustedStyling(shown(text));
const PLAIN: Style = { red: identity, green: identity, yellow: identity, cyan: identity, dim: identity, bold: identity };

export function styleFor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  return colorEnabled(stream, env) ? COLOR : PLAIN;
}
