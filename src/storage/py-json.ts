/**
 * JSON text byte-identical to Python's `json.dumps(obj, indent=2)`, which is how the
 * original tool writes its files: two-space indent, `": "` separators, non-ASCII as
 * lower-case `\uXXXX` escapes, and no trailing newline. Numbers are JavaScript's: a float
 * another tool wrote as `1.0` or `1e-07` comes back as `1` or `1e-7` (same value).
 */
export function pythonJsonDumps(value: unknown): string {
  // DEL (0x7f) too: Python's ensure_ascii escapes it, JSON.stringify does not.
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
