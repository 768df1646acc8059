import { execFileSync } from 'node:child_process';

/**
 * Runs a Python snippet that reads a JSON document from stdin (order preserved, as the
 * original tool loads it) and writes bytes to stdout. Used to produce what the original
 * tool would have written, to compare cuti's files with byte for byte.
 */
export function python(script: string, input = ''): string {
  return execFileSync('python3', ['-c', script], { input, encoding: 'utf8' });
}

/** `json.dumps(doc, indent=2)` of `text` after applying a Python statement to `doc`. */
export function pythonRewrite(text: string, statement: string): string {
  return python(
    `import json, sys\ndoc = json.loads(sys.stdin.read())\n${statement}\nsys.stdout.write(json.dumps(doc, indent=2))`,
    text,
  );
}
