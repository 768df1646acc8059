// A program on a real pseudo-terminal: util-linux `script` owns the pty and relays it to our
// pipes, as a terminal emulator would. Times are taken here, at the pipe, so each includes the
// relay's hop both ways; the `cat` floor in tui.mjs measures that hop alone (a fraction of a
// millisecond here), small enough that a python3 pty driver timing on its own was not worth it.
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';

export const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

const TIMEOUT_MS = 20_000;
// Ink wraps every frame in "synchronized output" (DEC mode 2026): a frame is complete at its end mark.
const SYNC_START = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';
// Ink renders at most 30 frames a second, at the leading edge of a 33 ms window. Before each
// key we wait this long after the last frame and for this much silence, so no key lands in
// the throttle window (or behind a trailing frame) and we time cuti, not the throttle.
const GAP_AFTER_FRAME_MS = 50;
const QUIET_MS = 40;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const shellQuote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

// Escape sequences begin with a control character, which is what these patterns are for.
/* eslint-disable no-control-regex */
const OSC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
const CSI = /\x1b\[[0-?]*[ -/]*[@-~]/g;
const TWO_BYTE_ESC = /\x1b[@-_]/g;
/* eslint-enable no-control-regex */

/** Screen text without escape sequences (OSC, CSI, two-byte ESC) or carriage returns. */
export function stripAnsi(text) {
  return text.replace(OSC, '').replace(CSI, '').replace(TWO_BYTE_ESC, '').replace(/\r/g, '');
}

/** Children still running, so bench.mjs can kill them on SIGINT. */
export const liveChildren = new Set();

/** The TUI's environment: never CI (with it set, Ink draws nothing until exit). */
export function tuiEnv(home) {
  return { PATH: process.env.PATH, HOME: home.home, CUTI_HOME: home.cutiHome, TERM: 'xterm-256color', LANG: 'C.UTF-8' };
}

/** A shell line for `script -c`: a 100x30 window, then `exec` so the program owns the pty. */
export const inWindow = (argv) => `stty cols 100 rows 30 && exec ${argv.map(shellQuote).join(' ')}`;

export class Pty {
  constructor(command, env) {
    this.started = performance.now();
    this.child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    liveChildren.add(this.child);
    this.raw = '';
    this.lastDataAt = this.started;
    this.waiter = null;
    this.exit = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        liveChildren.delete(this.child);
        this.waiter?.check(true);
        resolve(code ?? signal);
      });
    });
    this.child.on('error', (error) => this.waiter?.fail(error));
    this.child.stdin.on('error', () => undefined);
    this.child.stdout.setEncoding('utf8').on('data', (chunk) => {
      this.lastDataAt = performance.now();
      this.raw += chunk;
      this.waiter?.check(false);
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk) => (this.raw += chunk));
  }

  /**
   * Complete frames printed since `offset`, stripped of escapes. With synchronized output
   * only finished frames count; a program that does not use it is judged on all it printed.
   */
  framesSince(offset) {
    const text = this.raw.slice(offset);
    if (!this.raw.includes(SYNC_START)) return [stripAnsi(text)];
    return text.split(SYNC_END).slice(0, -1).map(stripAnsi);
  }

  lastScreen() {
    const frames = this.framesSince(0);
    return (frames.at(-1) ?? stripAnsi(this.raw)).split('\n').slice(-32).join('\n');
  }

  /** Resolves with the arrival time of the first frame since `offset` that `test` accepts. */
  waitFor(offset, test, what) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.waiter.fail(new Error(`no ${what} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      this.waiter = {
        check: (exited) => {
          if (this.framesSince(offset).some(test)) {
            this.waiter = null;
            clearTimeout(timer);
            resolve(performance.now());
          } else if (exited) this.waiter.fail(new Error(`program exited before ${what}`));
        },
        fail: (error) => {
          this.waiter = null;
          clearTimeout(timer);
          reject(new Error(`${error.message}; last screen:\n${this.lastScreen()}`));
        },
      };
      this.waiter.check(false);
    });
  }

  /** Writes `bytes` and returns { at, offset } to time and search the answer from. */
  write(bytes) {
    const offset = this.raw.length;
    const at = performance.now();
    this.child.stdin.write(bytes);
    return { at, offset };
  }

  /** Waits out Ink's render throttle and any trailing frame before the next key. */
  async settle(frameAt) {
    for (;;) {
      const now = performance.now();
      const wait = Math.max(frameAt + GAP_AFTER_FRAME_MS - now, this.lastDataAt + QUIET_MS - now);
      if (wait <= 0) return;
      await sleep(wait);
    }
  }

  /** Exit code (or signal name), killing the relay if it has not exited within the timeout. */
  async exited() {
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
    const code = await Promise.race([this.exit, timeout]);
    clearTimeout(timer);
    if (code === 'timeout') throw new Error(`did not exit within ${TIMEOUT_MS} ms; last screen:\n${this.lastScreen()}`);
    return code;
  }

  kill() {
    // The relay owns the pty: once it dies, the program under it gets SIGHUP.
    if (liveChildren.has(this.child)) this.child.kill('SIGKILL');
  }
}

/** Runs `fn(pty)` and makes sure the relay and its program are gone afterwards, whatever happens. */
export async function withPty(command, env, fn) {
  const pty = new Pty(command, env);
  try {
    return await fn(pty);
  } finally {
    pty.kill();
  }
}
