import { fstatSync, statSync, writeSync } from 'node:fs';

/**
 * Where a command's output goes. The real one (FdOutput) writes to a file descriptor;
 * tests give commands one that keeps the text (test/helpers/fake-io.ts), so most
 * command behaviour is checked in-process, without spawning the binary.
 */
export interface Output {
  write(text: string): void;
  /** Whether this is a terminal: colour, prompts and `env`'s human form depend on it. */
  readonly isTTY: boolean;
  /** The terminal's width, or undefined when it is not a terminal. */
  readonly columns: number | undefined;
  /** A Node stream over the same output, for what needs one (readline prompts). */
  readonly stream: NodeJS.WritableStream;
}

/**
 * stdout or stderr of this process, written with fs.writeSync. Creating
 * process.stdout loads Node's stream and net modules, about 2 ms of a 30 ms run such
 * as `cuti claude list`; the streams are still used for what needs them (prompts, Ink,
 * a pipe that is full).
 */
export class FdOutput implements Output {
  #tty: boolean | undefined;
  #stream: NodeJS.WriteStream | undefined;

  constructor(readonly fd: 1 | 2) {}

  /** The Node stream, created on first use: for prompts, and after a full pipe. */
  get stream(): NodeJS.WriteStream {
    if (this.#stream === undefined) {
      this.#stream = this.fd === 1 ? process.stdout : process.stderr;
      this.#stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') exitQuietly();
        throw error;
      });
    }
    return this.#stream;
  }

  /**
   * Whether this is a terminal, without loading `tty` (and with it `net`) in the usual
   * cases: a pipe or a file is not one, and neither is /dev/null (where benchmarks send
   * output). For another character device the stream is created and asked.
   */
  get isTTY(): boolean {
    return (this.#tty ??= mayBeTerminal(this.fd) && Boolean(this.stream.isTTY));
  }

  get columns(): number | undefined {
    return this.isTTY ? this.stream.columns : undefined;
  }

  write(text: string): void {
    if (this.#stream) {
      this.#stream.write(text);
      return;
    }
    const data = Buffer.from(text);
    let offset = 0;
    while (offset < data.length) {
      try {
        offset += writeSync(this.fd, data, offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A reader that stopped early (`cuti claude env --unset | head -1`) is not an error.
        if (code === 'EPIPE') exitQuietly();
        // A non-blocking pipe that is full: the stream queues the rest and drains it before exit.
        if (code === 'EAGAIN') {
          this.stream.write(data.subarray(offset));
          return;
        }
        throw error;
      }
    }
  }
}

function exitQuietly(): never {
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
}

export const stdout = new FdOutput(1);
export const stderr = new FdOutput(2);

function mayBeTerminal(fd: number): boolean {
  try {
    const info = fstatSync(fd);
    return info.isCharacterDevice() && info.rdev !== statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}
