import { act } from 'react';
import { afterEach, expect, it } from 'vitest';

import { cleanupTui, renderTui } from '../helpers/tui.js';
import { seededStorage } from './fixtures.js';

afterEach(cleanupTui);

const LONG =
  '/home/someone/.cuti/claude-accounts/a-rather-long-account-name/.api_keys.json: not valid JSON. cuti will not overwrite it; fix or move the file.';

/** The status lines of a frame: between the screen and the footer, from the ✗ on. */
function statusOf(frame: string): string[] {
  const lines = frame.split('\n');
  const from = lines.findIndex((l) => l.startsWith(' ✗'));
  return lines.slice(from, -1);
}

it('a message longer than the status line may grow ends in …, so the cut shows; a taller terminal shows it whole', async () => {
  const small = await renderTui({ storage: await seededStorage(), columns: 40, rows: 12 });
  await act(async () => small.store.setState({ error: LONG }));
  const cut = statusOf(await small.waitFor('✗'));
  expect(cut).toHaveLength(3);
  expect(cut.at(-1)).toMatch(/…$/);
  await small.unmount();

  const tall = await renderTui({ storage: await seededStorage(), columns: 40, rows: 24 });
  await act(async () => tall.store.setState({ error: LONG }));
  const whole = statusOf(await tall.waitFor('✗'));
  expect(whole.length).toBeGreaterThan(3);
  expect(whole.join(' ').replace(/\s+/g, ' ')).toContain('fix or move the file.');
  expect(whole.at(-1)).not.toMatch(/…$/);
});
