import { afterEach, expect, it } from 'vitest';

import { textWidth } from '../../src/domain/text-width.js';
import { SECRETS } from '../helpers/secrets.js';
import { cleanupTui, KEYS, renderTui } from '../helpers/tui.js';
import { seededStorage } from './fixtures.js';

afterEach(cleanupTui);

it('at 40x12 a summary with more answers than lines keeps its step line and says how many answers it left out', async () => {
  const tui = await renderTui({ storage: await seededStorage(), columns: 40, rows: 12 });
  await tui.press('a', KEYS.enter);
  await tui.waitFor('Name the new account');
  await tui.press('fit-test', KEYS.enter);
  await tui.waitFor('Which provider?');
  await tui.press(KEYS.down, KEYS.enter);
  await tui.waitFor((f) => f.includes('Bedrock model') || f.includes('sign in to AWS'));
  if (tui.frame().includes('sign in to AWS')) await tui.press(KEYS.enter);
  await tui.waitFor('Bedrock model');
  await tui.press(KEYS.enter);
  await tui.waitFor('AWS region');
  await tui.press(KEYS.enter);
  await tui.waitFor('AWS access key ID');
  await tui.press(SECRETS.accessKeyId, KEYS.enter);
  await tui.waitFor('AWS secret access key');
  await tui.press(SECRETS.secretAccessKey, KEYS.enter);
  await tui.waitFor('AWS session token');
  await tui.press('FwoGZXIvYXdzEFAKEsessionTOKEN0123456789', KEYS.enter);
  await tui.waitFor('Haiku-class model');
  await tui.press(KEYS.enter);
  const frame = await tui.waitFor('Save this key?');
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(12);
  for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(40);
  // The step line is drawn whole (asking the question itself when the summary has no room
  // for a title), not overwritten by the summary's title squeezed onto it.
  expect(lines[1]).toMatch(/^ (Step \d+ of \d+|Save this key\?) · fit-test · bedrock$/);
  expect(frame.match(/Save this key\?/g)).toHaveLength(1);
  expect(frame).toMatch(/… \d+ more answers/);
  expect(frame).toContain('Account:');
});
