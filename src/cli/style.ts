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

export interface Style {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLOR: Style = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};

const identity = (text: string) => text;
const PLAIN: Style = { red: identity, green: identity, yellow: identity, cyan: identity, dim: identity, bold: identity };

export function styleFor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  return colorEnabled(stream, env) ? COLOR : PLAIN;
}
