import { createInterface } from 'node:readline/promises';

import { CutiError } from '../domain/errors.js';

/**
 * How a command asks the person at the terminal. Commands reach it through their
 * context; tests give them a scripted one (test/helpers/fake-io.ts), the way `gh`
 * tests its commands with a mock prompter.
 */
export interface Prompter {
  /** A y/N question; anything but y/yes is No, so is end of input (Ctrl+D). Ctrl+C: exit 130. */
  confirm(question: string): Promise<boolean>;
  /** A line typed without echo, each character shown as `*`. Ctrl+C, or Ctrl+D on an empty line, cancels. */
  secret(label: string): Promise<string>;
}

/** The prompter on a real (or fake) terminal: questions go to `output`, answers come from `input`. */
export function terminalPrompter(input: NodeJS.ReadStream, output: NodeJS.WritableStream): Prompter {
  return {
    confirm: (question) => askYesNo(question, input, output),
    secret: (label) => promptHidden(`${label}: `, input, output),
  };
}

/**
 * Asks a y/N question through the context's prompter. Refuses outright when stdin is
 * not a terminal, because waiting for an answer there hangs scripts.
 */
export async function confirm(
  question: string,
  c: { stdin: { readonly isTTY?: boolean }; prompter: Prompter },
  forceFlag = '--force',
): Promise<boolean> {
  if (!c.stdin.isTTY) {
    throw new CutiError(
      'confirmation_required',
      `Refusing to ask for confirmation: standard input is not a terminal. Re-run with ${forceFlag} to skip it.`,
    );
  }
  return c.prompter.confirm(question);
}

async function askYesNo(question: string, input: NodeJS.ReadStream, output: NodeJS.WritableStream): Promise<boolean> {
  const rl = createInterface({ input, output, terminal: true });
  const interrupt = new AbortController();
  let interrupted = false;
  rl.on('SIGINT', () => {
    interrupted = true;
    interrupt.abort();
  });
  try {
    const answer = await rl.question(`${question} [y/N]: `, { signal: interrupt.signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch (error) {
    // The question is cut short by Ctrl+D (end of input: the default answer, No) or
    // Ctrl+C (an interrupt: exit 130, as shells report it). Neither is an error of cuti's.
    if ((error as Error | undefined)?.name !== 'AbortError') throw error;
    if (interrupted) throw new CutiError('interrupted', 'Interrupted', { exitCode: 130 });
    output.write('\n'); // end the prompt's line; readline does so itself only for Ctrl+C
    return false;
  } finally {
    rl.close();
  }
}

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const BACKSPACES = new Set(['\u007f', '\b']);

/**
 * Reads one line from the terminal without echoing it: each character shows as `*`.
 * Handles backspace, Ctrl-U (clear), pasted chunks and escape sequences (ignored);
 * Ctrl-C or Ctrl-D on an empty line cancels.
 */
export function promptHidden(prompt: string, stdin: NodeJS.ReadStream, out: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const wasRaw = stdin.isRaw;
    const finish = (error: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      out.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      // An escape sequence (arrow keys, function keys) is a whole chunk on a terminal.
      if (chunk.startsWith('\u001b')) return;
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === CTRL_C || (ch === CTRL_D && value === '')) {
          return finish(new CutiError('cancelled', 'Cancelled; nothing was saved', { exitCode: 130 }));
        }
        if (BACKSPACES.has(ch)) {
          if (value.length > 0) {
            value = [...value].slice(0, -1).join('');
            out.write('\b \b');
          }
        } else if (ch === CTRL_U) {
          out.write('\b \b'.repeat([...value].length));
          value = '';
        } else if (ch >= ' ') {
          value += ch;
          out.write('*');
        }
      }
    };
    // Raw mode before the prompt shows: a key typed or pasted the moment it appears
    // must not be echoed by the terminal.
    stdin.setRawMode(true);
    out.write(prompt);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}
