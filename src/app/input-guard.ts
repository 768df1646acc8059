import { useStdin } from 'ink';
import type { EventEmitter } from 'node:events';

/*
 * Ink 6 splits what the terminal sends into keys and hands each to its key parser, which
 * throws (taking the whole UI down with a stack trace) on an escape sequence that is no
 * key it knows but looks modified by Ctrl: a colour code in pasted text (ESC[31m), a
 * terminal's reply, an unknown function key (ESC[9;5~). Such a sequence is no key cuti
 * binds either, so it is dropped before Ink parses it; text around it still arrives.
 */

/** `ESC [ params intermediates final` (after one or more ESC: Alt adds one). */
// eslint-disable-next-line no-control-regex -- matching escape sequences is this module's job
const CSI = /^\u001b+\[([\x30-\x3f]*)[\x20-\x2f]*([\x40-\x7e])$/;

/** Final bytes of the keys Ink names whatever their modifiers: arrows, Home/End, the keypad's 5, Shift-Tab. */
const LETTER_KEYS = new Set(['A', 'B', 'C', 'D', 'E', 'F', 'H', 'Z']);

/** `ESC [ n ~` keys, with any modifier: Home, Insert, Delete, End, PgUp, PgDn and the F keys. */
const TILDE_KEYS = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '11', '12', '13', '14', '15', '17', '18', '19', '20', '21', '23', '24']);
/** Two or more Escapes and nothing else. */
// eslint-disable-next-line no-control-regex -- matching escape sequences is this module's job
const REPEATED_ESC = /^\u001b{2,}$/;

/** The bracketed-paste markers, exactly. */
const PASTE_MARKERS = new Set(['200', '201']);

/** Whether `input`, one key event as Ink's input parser split it, is a control sequence that names no key. */
export function isUnknownSequence(input: string): boolean {
  const match = CSI.exec(input);
  if (match === null) return false;
  const [, params = '', final = ''] = match;
  if (LETTER_KEYS.has(final)) return false;
  if (final === '~') return !(PASTE_MARKERS.has(params) || TILDE_KEYS.has(params.split(';')[0] ?? ''));
  return true;
}

const guarded = new WeakSet<EventEmitter>();

/** Filters Ink's key events for this app (once per Ink instance); call before useInput. */
export function useInputGuard(): void {
  const { internal_eventEmitter: emitter } = useStdin();
  if (guarded.has(emitter)) return;
  guarded.add(emitter);
  const emit = emitter.emit.bind(emitter);
  emitter.emit = (event: string | symbol, ...args: unknown[]) => {
    if (event === 'input' && typeof args[0] === 'string') {
      if (isUnknownSequence(args[0])) return false;
      // Esc pressed twice before a read ("\x1b\x1b") reaches Ink as one Alt+Esc, which it
      // reports as a single Escape; cuti binds no Alt keys, so it is two Escapes, as typed.
      if (REPEATED_ESC.test(args[0])) {
        for (let i = 0; i < args[0].length; i++) emit(event, '\u001b');
        return true;
      }
    }
    return emit(event, ...args);
  };
}
