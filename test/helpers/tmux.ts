import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import { quotePosix } from '../../src/domain/shell-quote.js';

/** Real-terminal tests need tmux; CI installs it (.ci/run), elsewhere they are skipped. */
export const HAS_TMUX = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TmuxOptions {
  columns?: number;
  rows?: number;
  /** Variables set for the command; CI is always removed (Ink draws nothing until exit when it is set). */
  env?: NodeJS.ProcessEnv;
}

/**
 * One detached tmux server on its own socket per session, so tests never touch a
 * person's tmux and can run side by side. The pane runs `script` through sh, so a
 * script can print markers before and after the program under test.
 */
export class TmuxSession {
  private readonly socket = `cuti-test-${process.pid}-${randomBytes(4).toString('hex')}`;

  private constructor() {}

  static start(script: string, options: TmuxOptions = {}): TmuxSession {
    const session = new TmuxSession();
    const vars = Object.entries(options.env ?? {})
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([k, v]) => `${k}=${quotePosix(v)}`)
      .join(' ');
    // The trailing sleep keeps the pane (and what the script left on it) for capture.
    const command = `env -u CI -u NO_COLOR ${vars} sh -c ${quotePosix(`${script}; sleep 600`)}`;
    session.tmux(
      'new-session', '-d', '-s', 'main',
      '-x', String(options.columns ?? 100), '-y', String(options.rows ?? 30),
      command,
    );
    return session;
  }

  private tmux(...args: string[]): string {
    const result = spawnSync('tmux', ['-f', '/dev/null', '-L', this.socket, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr.trim()}`);
    return result.stdout;
  }

  /** The visible screen; with `escapes`, colours and attributes as escape codes. */
  capture(escapes = false): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'main');
  }

  /** Named keys (Enter, Down, Escape, C-c) or single characters. */
  sendKeys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  /** Literal text, as a paste or fast typing delivers it. */
  sendText(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Any tmux command on this session's server (e.g. `set-option -g set-clipboard on`). */
  command(...args: string[]): string {
    return this.tmux(...args);
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows));
  }

  async waitFor(check: string | RegExp | ((screen: string) => boolean), timeoutMs = 10_000): Promise<string> {
    const test =
      typeof check === 'string' ? (s: string) => s.includes(check) : check instanceof RegExp ? (s: string) => check.test(s) : check;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.capture();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(check)}; screen:\n${screen}`);
      await sleep(50);
    }
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }
}
