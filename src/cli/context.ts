import type { ClaudeCodeService } from '../accounts/claude-code-service.js';
import type { AccountService } from '../accounts/service.js';
import { createServices } from '../accounts/services.js';
import { sanitizeForDisplay } from '../domain/sanitize.js';
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
  readonly style: Style;
  constructor(readonly stream: NodeJS.WriteStream) {
    this.style = styleFor(stream);
  }
  line(text = ''): void {
    this.stream.write(`${text}\n`);
  }
}

export function createCliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  return {
    ...createServices(env),
    out: new Printer(process.stdout),
    err: new Printer(process.stderr),
    stdin: process.stdin,
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
