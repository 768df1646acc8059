/**
 * JSON text byte-identical to Python's `json.dumps(obj, indent=2)`, which is how the
 * original tool writes its files: two-space indent, `": "` separators, non-ASCII as
 * lower-case `\uXXXX` escapes, and no trailing newline.
 */
export function pythonJsonDumps(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u0080-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
