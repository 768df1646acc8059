import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';

/** Seconds a copied secret stays on the clipboard, as `pass -c` does; CUTI_CLIPBOARD_SECONDS changes it. */
export const DEFAULT_CLEAR_SECONDS = 45;

export function clearSeconds(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.CUTI_CLIPBOARD_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_CLEAR_SECONDS;
}

/** A platform clipboard tool: how to write it (value on stdin) and read it back. */
interface Tool {
  name: string;
  copy: string[];
  /** Tried first: the same command marking the content as sensitive (clipboard managers skip it). */
  copySensitive?: string[];
  paste: string[];
}

const TOOLS: Record<string, Tool> = {
  'wl-copy': { name: 'wl-copy', copy: ['wl-copy'], copySensitive: ['wl-copy', '--sensitive'], paste: ['wl-paste', '--no-newline'] },
  xclip: { name: 'xclip', copy: ['xclip', '-selection', 'clipboard', '-in'], paste: ['xclip', '-selection', 'clipboard', '-out'] },
  pbcopy: { name: 'pbcopy', copy: ['pbcopy'], paste: ['pbpaste'] },
};

const found = (command: string) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;

/** The clipboard tool this session can use: Wayland, X11 or macOS, or none (over SSH, a bare console). */
export function platformTool(env: NodeJS.ProcessEnv, platform = process.platform): Tool | null {
  if (platform === 'darwin') return found('pbcopy') ? (TOOLS.pbcopy ?? null) : null;
  if (env.WAYLAND_DISPLAY && found('wl-copy')) return TOOLS['wl-copy'] ?? null;
  if (env.DISPLAY && found('xclip')) return TOOLS.xclip ?? null;
  return null;
}

/** The OSC 52 sequence that sets the terminal's clipboard (tmux keeps it with `set-clipboard on`). */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

function run(argv: string[], input: string | null, env: NodeJS.ProcessEnv): { ok: boolean; stdout: string } {
  const [command, ...args] = argv;
  if (command === undefined) return { ok: false, stdout: '' };
  const result = spawnSync(command, args, { input: input ?? '', env, encoding: 'utf8', timeout: 3000, stdio: ['pipe', 'pipe', 'ignore'] });
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

function writeTool(tool: Tool, value: string, env: NodeJS.ProcessEnv): boolean {
  if (tool.copySensitive && run(tool.copySensitive, value, env).ok) return true;
  return run(tool.copy, value, env).ok;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The clearing, in a process of its own so it happens even after cuti exits (as
 * `pass -c` does). It gets what it needs on stdin, never in its arguments: after the
 * delay, if the clipboard still holds what cuti copied, it puts back what was there
 * before (or empties it).
 */
const CLEARER = `
let data = '';
process.stdin.on('data', (c) => (data += c));
process.stdin.on('end', () => {
  const job = JSON.parse(data);
  setTimeout(() => {
    const { spawnSync } = require('node:child_process');
    const { createHash } = require('node:crypto');
    const [pc, ...pa] = job.paste;
    const now = spawnSync(pc, pa, { encoding: 'utf8', timeout: 3000 });
    if (now.status !== 0 || createHash('sha256').update(now.stdout ?? '').digest('hex') !== job.copied) return;
    const [cc, ...ca] = job.copy;
    spawnSync(cc, ca, { input: job.previous ?? '', timeout: 3000 });
  }, job.delayMs);
});
`;

export interface CopyResult {
  /** The platform tool that took the value, if any. */
  tool: string | null;
  /** Whether the value was sent to the terminal as OSC 52. */
  osc52: boolean;
  clearSeconds: number;
}

export interface CopyOptions {
  env: NodeJS.ProcessEnv;
  /** Writes to the terminal (for OSC 52); absent when there is no terminal. */
  writeTerminal?: ((text: string) => void) | undefined;
}

/**
 * Puts a secret on the clipboard: through OSC 52 (works over SSH and in tmux) and
 * through the platform tool where there is one, then clears it again after
 * `clearSeconds`. The value is never drawn or printed.
 */
export function copySecret(value: string, { env, writeTerminal }: CopyOptions): CopyResult {
  const seconds = clearSeconds(env);
  const tool = platformTool(env);
  let usedTool: string | null = null;
  if (tool) {
    const previous = run(tool.paste, null, env);
    if (writeTool(tool, value, env)) {
      usedTool = tool.name;
      const clearer = spawn(process.execPath, ['-e', CLEARER], { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env });
      clearer.stdin.end(
        JSON.stringify({
          copy: tool.copy,
          paste: tool.paste,
          previous: previous.ok ? previous.stdout : '',
          copied: sha256(value),
          delayMs: seconds * 1000,
        }),
      );
      clearer.unref();
    }
  }
  if (writeTerminal) writeTerminal(osc52(value));
  return { tool: usedTool, osc52: writeTerminal !== undefined, clearSeconds: seconds };
}

/**
 * The OSC 52 that takes the secret off the terminal's clipboard again. A blank rather
 * than nothing: tmux ignores an empty selection and would keep the secret.
 */
export function osc52Clear(): string {
  return osc52(' ');
}
