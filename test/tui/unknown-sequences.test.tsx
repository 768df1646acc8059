import { afterEach, describe, expect, it } from 'vitest';

import { isUnknownSequence } from '../../src/app/input-guard.js';
import { cleanupTui, KEYS, renderTui } from '../helpers/tui.js';
import { selectedRow } from '../helpers/tui-navigation.js';
import { seededStorage } from './fixtures.js';

afterEach(cleanupTui);


/*
 * Escape sequences that are no key (colours in pasted text, a terminal's replies, unknown
 * function keys) made Ink's key parser throw, which took the whole UI down with a stack
 * trace. They are dropped; the keys and text around them still act.
 */
describe('escape sequences that are no key', () => {
  const hostile = ['\u001b[31m', '\u001b[5m', '\u001b[13;5m', '\u001b[9;5~', '\u001b[31;5~', '\u001b[200;8~', '\u001b[5P', '\u001b\u001b[31m', '\u001b[?1;2c', '\u001b[12;40R'];

  it('are told from keys', () => {
    for (const sequence of hostile) expect(isUnknownSequence(sequence), JSON.stringify(sequence)).toBe(true);
    for (const key of ['\u001b[A', '\u001b[1;5B', '\u001b[5~', '\u001b[6;5~', '\u001b[3~', '\u001b[H', '\u001b[F', '\u001b[Z', '\u001b[200~', '\u001b[201~', 'j', '\u001b']) {
      expect(isUnknownSequence(key), JSON.stringify(key)).toBe(false);
    }
  });

  it('leave the list working, alone, in a chunk with keys, and inside a paste into a prompt', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    for (const sequence of hostile) await tui.press(sequence);
    await tui.press(`j${hostile[0] ?? ''}j`);
    await tui.waitFor((f) => selectedRow(f).includes('default'));
    await tui.press('n', '\u0015');
    await tui.press('\u001b[200~re\u001b[31mnamed\u001b[0m\u001b[201~');
    await tui.waitFor('New name: renamed');
    await tui.press(KEYS.enter);
    await tui.waitFor('✓ Renamed account default to renamed');
  });
});
