import type { ClaudeCodeService } from '../accounts/claude-code-service.js';
import type { AccountService } from '../accounts/service.js';
import { createServices } from '../accounts/services.js';
import { sanitizeForDisplay } from '../domain/sanitize.js';
import { stderr, stdout, type Output } from './stdio.js';
import { styleFor, type Style } from './style.js';

/** What every command needs: the services over real storage, and styled output streams. */
export interface CliContext {
  service: AccountService;
  claudeCode: ClaudeCodeService;
  out: Printer;
  err: Printer;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

export class Printer {
  #style: Style | undefined;
  constructor(readonly output: Output) {}
  /** Decided on first use: deciding may mean asking whether the output is a terminal. */
  get style(): Style {
    return (this.#style ??= styleFor(this.output));
  }
  /** The Node stream, for prompts. */
  get stream(): NodeJS.WriteStream {
    return this.output.stream;
  }
  line(text = ''): void {
    this.output.write(`${text}\n`);
  }
}

export function createCliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  return {
    ...createServices(env),
    out: new Printer(stdout),
    err: new Printer(stderr),
    // A getter: creating process.stdin costs start-up, and most commands never read it.
    get stdin() {
      return process.stdin;
    },
    env,
  };
}

/**
 * Warnings go to stderr, one line each, so stdout stays clean for scripts. They may
 * quote paths and names found on disk, so they are sanitised here, where they leave.
 */
export function printWarnings(ctx: CliContext, warnings: string[]): void {
  for (const warning of warnings) ctx.err.line(`${ctx.err.style.yellow('⚠')}  ${sanitizeForDisplay(warning)}`);
}
