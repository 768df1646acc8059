import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect } from 'vitest';

import type { CliResult } from './cli.js';
import { pythonRewrite } from './python.js';

/**
 * A failed command prints one `✗`/`⚠` line on stderr, optionally followed by a blank
 * line and a hint (the spec shows one for a missing key), and nothing on stdout.
 */
export function expectErrorLine(result: CliResult, code: number, line: string | RegExp, hint?: string): void {
  expect(result.stdout).toBe('');
  const lines = result.stderr.replace(/\n$/, '').split('\n');
  if (typeof line === 'string') expect(lines[0]).toBe(line);
  else expect(lines[0]).toMatch(line);
  expect(lines[0]).toMatch(/^(✗ |⚠ {2})\S/);
  if (hint === undefined) expect(lines).toHaveLength(1);
  else expect(lines.slice(1)).toEqual(['', hint]);
  expect(result.code).toBe(code);
}

/** Lines of a `✗` error that may be followed by a hint of its own. */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('✗'));
}

/** Writes a file the way the original tool does: Python's json.dumps(doc, indent=2), 0600. */
export function writePythonJson(path: string, pythonLiteral: string): string {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const text = pythonRewrite('{}', `doc = ${pythonLiteral}`);
  writeFileSync(path, text, { mode: 0o600 });
  return text;
}

/** Cells of a box-drawn table row (`│ a │ b │` → ['a', 'b']). */
export function tableCells(line: string): string[] {
  return line
    .split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());
}
