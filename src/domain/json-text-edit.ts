import type { FormattingOptions } from 'jsonc-parser';

/**
 * Edits a JSON document as text: only the bytes of the properties being set or removed
 * change, so everything else in a file someone else owns (Claude Code's settings and
 * config) stays exactly as it was: key order, spacing, unknown keys.
 */
export type JsonEdit = { path: string[]; value: unknown };

/** Indentation as the file already uses it (two spaces when it cannot tell). */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return indent.startsWith('\t')
    ? { insertSpaces: false, tabSize: 1, eol }
    : { insertSpaces: true, tabSize: indent.length, eol };
}

/** Strict JSON object check, the way Claude Code reads its files (no comments, no trailing commas). */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * Applies the edits in order; a value of `undefined` removes the property. The editor
 * is loaded on first use: only the commands that change Claude Code's files need it.
 */
export async function editJsonText(text: string, edits: JsonEdit[]): Promise<string> {
  const { applyEdits, modify } = await import('jsonc-parser');
  const source = text.trim() === '' ? '{}\n' : text;
  const formattingOptions = detectFormatting(source);
  let result = source;
  for (const edit of edits) {
    // A removal needs no formatting, and formatting it would re-indent its neighbours.
    const options = edit.value === undefined ? {} : { formattingOptions };
    result = applyEdits(result, modify(result, edit.path, edit.value, options));
  }
  return result;
}
