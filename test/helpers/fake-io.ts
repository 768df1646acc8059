import { PassThrough, Writable } from 'node:stream';

import type { CliIO } from '../../src/cli/context.js';
import { terminalPrompter, type Prompter } from '../../src/cli/prompt.js';
import type { Output } from '../../src/cli/stdio.js';

/**
 * Fake IO for running commands in-process (in the spirit of gh's `iostreams.Test()`):
 * output kept in memory, standard input from a string or typed key by key, terminal
 * flags and width as the test says, the environment given, and the terminal prompter
 * (or a scripted one, see PrompterMock) over those streams.
 */
export interface FakeIOOptions {
  env?: NodeJS.ProcessEnv;
  /** Piped standard input (not a terminal). Default: empty and closed, as runCli gives. */
  input?: string;
  /** Standard input is a terminal: keys arrive through `type()`. */
  stdinTTY?: boolean;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  /** Terminal width when stdout/stderr is a terminal (default 80). */
  columns?: number;
  /** Default: the real terminal prompter over the fake stdin and stderr. */
  prompter?: Prompter;
}

export interface FakeIO {
  io: CliIO;
  /** What was written to stdout, stderr, and both in order (what a terminal would show). */
  stdout(): string;
  stderr(): string;
  terminal(): string;
  /** Types into a terminal stdin (`stdinTTY`). */
  type(text: string): void;
  /** Ends standard input (Ctrl-D on a closed pipe). */
  endInput(): void;
}

class MemoryOutput implements Output {
  readonly chunks: string[] = [];
  readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

  constructor(
    readonly isTTY: boolean,
    private readonly width: number,
    private readonly terminal: string[],
  ) {
    const stream = new Writable({
      decodeStrings: false,
      write: (chunk: Buffer | string, _encoding, done) => {
        this.write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        done();
      },
    });
    this.stream = Object.assign(stream, isTTY ? { isTTY: true, columns: width } : {});
  }

  get columns(): number | undefined {
    return this.isTTY ? this.width : undefined;
  }

  write(text: string): void {
    this.chunks.push(text);
    this.terminal.push(text);
  }
}

/** A terminal's input side: raw mode is a flag, keys are whatever the test types. */
function terminalInput(): NodeJS.ReadStream {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; isRaw: boolean; setRawMode(mode: boolean): unknown };
  input.isTTY = true;
  input.isRaw = false;
  input.setRawMode = (mode: boolean) => {
    input.isRaw = mode;
    return input;
  };
  return input as unknown as NodeJS.ReadStream;
}

function pipedInput(text: string): NodeJS.ReadStream {
  const input = new PassThrough();
  input.end(text);
  return input as unknown as NodeJS.ReadStream;
}

export function fakeIO(options: FakeIOOptions = {}): FakeIO {
  const terminal: string[] = [];
  const columns = options.columns ?? 80;
  const stdout = new MemoryOutput(options.stdoutTTY ?? false, columns, terminal);
  const stderr = new MemoryOutput(options.stderrTTY ?? false, columns, terminal);
  const stdin = options.stdinTTY ? terminalInput() : pipedInput(options.input ?? '');
  const prompter = options.prompter ?? terminalPrompter(stdin, stderr.stream);
  return {
    io: { stdout, stderr, stdin, env: options.env ?? {}, prompter },
    stdout: () => stdout.chunks.join(''),
    stderr: () => stderr.chunks.join(''),
    terminal: () => terminal.join(''),
    type: (text) => {
      if (!options.stdinTTY) throw new Error('type() needs stdinTTY: a piped stdin is given whole as `input`');
      (stdin as unknown as PassThrough).write(text);
    },
    endInput: () => (stdin as unknown as PassThrough).end(),
  };
}

/**
 * A scripted prompter, like gh's PrompterMock: each expected question is registered
 * with its answer; a question nobody registered fails the test, and `asked` records
 * what was asked, in order.
 */
export class PrompterMock implements Prompter {
  readonly asked: string[] = [];
  readonly #confirms: Array<{ question: string | RegExp; answer: boolean | Error }> = [];
  readonly #secrets: Array<{ label: string; value: string | Error }> = [];

  onConfirm(question: string | RegExp, answer: boolean | Error): this {
    this.#confirms.push({ question, answer });
    return this;
  }

  onSecret(label: string, value: string | Error): this {
    this.#secrets.push({ label, value });
    return this;
  }

  confirm(question: string): Promise<boolean> {
    this.asked.push(question);
    const index = this.#confirms.findIndex((c) => (typeof c.question === 'string' ? c.question === question : c.question.test(question)));
    if (index === -1) return Promise.reject(new Error(`unexpected confirmation asked: ${question}`));
    const { answer } = this.#confirms.splice(index, 1)[0]!;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }

  secret(label: string): Promise<string> {
    this.asked.push(label);
    const index = this.#secrets.findIndex((s) => s.label === label);
    if (index === -1) return Promise.reject(new Error(`unexpected secret prompt: ${label}`));
    const { value } = this.#secrets.splice(index, 1)[0]!;
    return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  }

  /** Questions registered but never asked. */
  get unanswered(): string[] {
    return [...this.#confirms.map((c) => String(c.question)), ...this.#secrets.map((s) => s.label)];
  }
}
