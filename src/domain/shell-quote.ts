import { shown } from './safe-text.js';

/**
 * Quoting for the shells `cuti claude env` writes for. Every value is quoted, so a
 * secret holding `$`, quotes, backslashes, spaces or newlines arrives unchanged and
 * nothing in it is ever expanded or run.
 */
export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

export function isShell(value: string): value is Shell {
  return (SHELLS as readonly string[]).includes(value);
}

/** POSIX sh, bash, zsh: inside single quotes nothing is special except `'` itself. */
export function quotePosix(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** fish: inside single quotes only `\\` and `\'` are escapes. */
export function quoteFish(value: string): string {
  return `'${value.replace(/[\\']/g, (ch) => `\\${ch}`)}'`;
}

/**
 * PowerShell: inside single quotes a quote is written twice, and PowerShell also
 * treats the typographic single quotes as quotes, so those are doubled too.
 */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (ch) => ch + ch)}'`;
}

/**
 * An account name as the commands cuti suggests show it ("To use: cuti claude env …"):
 * sanitised for the terminal, then left as it is when it is a plain word, else single-
 * quoted, so that pasted it is one argument and nothing in it (`$(…)`, backticks, `;`)
 * runs. POSIX quoting also reads right in fish for the names cuti accepts (no `\`).
 */
export function suggestedName(name: string): string {
  const display = shown(name);
  return /^[A-Za-z0-9._@%+=:,-]+$/.test(display) ? display : quotePosix(display);
}

/** Environment variable names cuti emits are fixed identifiers; anything else is refused. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a valid environment variable name: ${name}`);
  return name;
}

export function exportLine(shell: Shell, name: string, value: string): string {
  const n = checkName(name);
  if (shell === 'fish') return `set -gx ${n} ${quoteFish(value)}`;
  if (shell === 'powershell') return `$env:${n} = ${quotePowerShell(value)}`;
  // The `;` makes each line a whole command even when the lines run together, as in the
  // original tool's documented, unquoted `eval $(cuti claude env <account> --export)`.
  return `export ${n}=${quoteSplitSafe(value)};`;
}

/**
 * POSIX quoting that also survives word splitting: the unquoted `eval $(…)` splits the
 * text at runs of spaces and eval joins the words with one, so 'a  b' would arrive as
 * 'a b'. Each space of a run is written outside the quotes as `\ `, which splitting
 * and joining give back exactly.
 */
function quoteSplitSafe(value: string): string {
  return quotePosix(value).replace(/ {2,}/g, (run) => `'${'\\ '.repeat(run.length)}'`);
}

export function unsetLine(shell: Shell, name: string): string {
  const n = checkName(name);
  // fish's `set -e` and PowerShell's Remove-Item complain about a variable that is not
  // set; unsetting must be quiet and idempotent, like `unset` in sh.
  if (shell === 'fish') return `set -e ${n} 2>/dev/null; or true`;
  if (shell === 'powershell') return `Remove-Item Env:${n} -ErrorAction SilentlyContinue`;
  return `unset ${n};`;
}

/** The shell named by $SHELL (a path such as /usr/bin/fish), or bash. */
export function detectShell(shellPath: string | undefined): Shell {
  const base = (shellPath ?? '').split(/[\\/]/).pop()?.replace(/\.exe$/i, '') ?? '';
  if (base === 'pwsh' || base === 'powershell') return 'powershell';
  return isShell(base) ? base : 'bash';
}
