import type { ClaudeCodeService } from '../accounts/claude-code-service.js';
import type { AccountService } from '../accounts/service.js';
import { createServices } from '../accounts/services.js';
import { redactSecrets } from '../domain/redact.js';
import { EMPTY, safe, type SafeText } from '../domain/safe-text.js';
import { terminalPrompter, type Prompter } from './prompt.js';
import { renderWidth } from './render/terminal-width.js';
import { stderr, stdout, type Output } from './stdio.js';
import { styleFor, type Style } from './style.js';

/**
 * A command's view of the world outside it: output streams, standard input, the
 * environment and how to ask the person at the terminal. `processIO()` is the real
 * one; tests pass a fake (test/helpers/fake-io.ts) and run commands in-process.
 */
export interface CliIO {
  stdout: Output;
  stderr: Output;
  readonly stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
  readonly prompter: Prompter;
}

export function processIO(env: NodeJS.ProcessEnv = process.env): CliIO {
  let prompter: Prompter | undefined;
  return {
    stdout,
    stderr,
    // Getters: creating process.stdin costs start-up, and most commands never read it.
    get stdin() {
      return process.stdin;
    },
    env,
    get prompter() {
      return (prompter ??= terminalPrompter(process.stdin, stderr.stream));
    },
  };
}

/** What every command needs: the services over real storage, styled output streams, and the IO. */
export interface CliContext {
  service: AccountService;
  claudeCode: ClaudeCodeService;
  out: Printer;
  err: Printer;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
  prompter: Prompter;
  /** Set by a command that ends with another status than 0 without an error (exec: the child's; doctor). */
  exitCode?: number;
}

/**
 * A stream for people (`line`, which takes only SafeText, built with `safe`) or for
 * programs (`data`: shell code, JSON, a key for apiKeyHelper, written byte for byte).
 */
export class Printer {
  #style: Style | undefined;
  constructor(
    readonly output: Output,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}
  /** Decided on first use: deciding may mean asking whether the output is a terminal. */
  get style(): Style {
    return (this.#style ??= styleFor(this.output, this.env));
  }
  /** A Node stream over the output, for prompts. */
  get stream(): NodeJS.WritableStream {
    return this.output.stream;
  }
  /** Columns panels and tables may take: the terminal's (or COLUMNS); undefined for a pipe or file. */
  get width(): number | undefined {
    return renderWidth(this.output, this.env);
  }
  line(text: SafeText = EMPTY): void {
    this.output.write(`${text.text}\n`);
  }
  /** Output for another program, not a person: written exactly as given, plus a line break. */
  data(text: string): void {
    this.output.write(`${text}\n`);
  }
}

export function createCliContext(io: CliIO = processIO()): CliContext {
  return {
    ...createServices(io.env),
    out: new Printer(io.stdout, io.env),
    err: new Printer(io.stderr, io.env),
    get stdin() {
      return io.stdin;
    },
    env: io.env,
    get prompter() {
      return io.prompter;
    },
  };
}

/**
 * Warnings go to stderr, one line each, so stdout stays clean for scripts. They may
 * quote paths and names found on disk, so they are sanitised here, where they leave.
 */
export function printWarnings(ctx: CliContext, warnings: string[]): void {
  for (const warning of warnings) ctx.err.line(safe`${ctx.err.style.yellow('⚠')}  ${redactSecrets(warning)}`);
}
