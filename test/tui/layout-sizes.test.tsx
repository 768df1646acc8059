import { afterEach, describe, expect, it } from 'vitest';

import { textWidth } from '../../src/domain/text-width.js';
import { SECRETS } from '../helpers/secrets.js';
import { cleanupTui, KEYS, renderTui, type Tui } from '../helpers/tui.js';
import { seededStorage } from './fixtures.js';

afterEach(cleanupTui);

/** The sizes of the issue: the smallest supported, an ordinary terminal, a large one. */
const SIZES = [
  [40, 12],
  [80, 24],
  [200, 50],
] as const;

/** Every line fits the width, the frame fits the height, and the selected row is on screen. */
function expectFits(tui: Tui, columns: number, rows: number, what: string): string {
  const frame = tui.frame();
  const lines = frame.split('\n');
  expect(lines.length, `${what}: ${lines.length} lines at ${columns}x${rows}\n${frame}`).toBeLessThanOrEqual(rows);
  for (const line of lines) expect(textWidth(line), `${what}: too wide at ${columns}x${rows}: ${line}`).toBeLessThanOrEqual(columns);
  return frame;
}

const selectedLine = (frame: string) => frame.split('\n').find((l) => l.includes('❯')) ?? '';

/** The frame with line breaks and the indentation after them removed: a wrapped key reads whole again. */
const joined = (frame: string) => frame.replace(/\n\s*/g, '');

async function select(tui: Tui, name: string): Promise<void> {
  await tui.press('g');
  for (let i = 0; i < 10 && tui.state().accounts[tui.state().selected]?.name !== name; i++) await tui.press('j');
  expect(tui.state().accounts[tui.state().selected]?.name).toBe(name);
}

describe.each(SIZES)('every screen at %ix%i', (columns, rows) => {
  it('the list, the filter and the help overlay', async () => {
    const tui = await renderTui({ storage: await seededStorage(), columns, rows });
    await select(tui, 'multi');
    let frame = expectFits(tui, columns, rows, 'list');
    expect(selectedLine(frame)).toContain('multi');
    await tui.press('/', 'm', 'u');
    frame = expectFits(tui, columns, rows, 'filter');
    expect(selectedLine(frame)).toContain('multi');
    await tui.press(KEYS.esc, '?');
    frame = expectFits(tui, columns, rows, 'help');
    // Opened at the current screen's section.
    expect(frame).toContain('Account list');
  });

  it('the detail of a two-provider account, with each secret revealed in turn, whole', async () => {
    const tui = await renderTui({ storage: await seededStorage(), columns, rows });
    await select(tui, 'multi');
    await tui.press(KEYS.enter);
    await tui.waitFor((f) => f.includes('Anthropic'));
    const secrets = [SECRETS.anthropicKey2, SECRETS.accessKeyId, SECRETS.secretAccessKey2];
    for (const [i, secret] of secrets.entries()) {
      if (i > 0) await tui.press('j');
      await tui.press('r');
      const frame = expectFits(tui, columns, rows, `detail, secret ${i} revealed`);
      // The account's name is whole (it was squeezed to "ulti"), and so is the secret.
      expect(frame.split('\n')[1]).toContain('multi');
      expect(joined(frame)).toContain(secret);
      expect(frame).toContain('revealed');
      expect(selectedLine(frame)).toMatch(/❯ /);
    }
  });

  it('the wizard: menus, text fields and the summary', async () => {
    const tui = await renderTui({ storage: await seededStorage(), columns, rows });
    await tui.press('a');
    let frame = expectFits(tui, columns, rows, 'account menu');
    expect(selectedLine(frame)).toContain('+ New account');
    await tui.press('j', 'j', 'j', 'j'); // the last account: the list scrolls, the selection stays visible
    frame = expectFits(tui, columns, rows, 'account menu, last item');
    expect(selectedLine(frame)).toContain('multi');
    await tui.press('k', 'k', 'k', 'k', KEYS.enter);
    await tui.waitFor('Name the new account');
    await tui.press('size-test', KEYS.enter);
    await tui.waitFor('Which provider?');
    expectFits(tui, columns, rows, 'provider menu');
    await tui.press(KEYS.down, KEYS.enter);
    // How the account signs in to AWS, where the wizard asks (access keys are the first choice).
    await tui.waitFor((f) => f.includes('Bedrock model') || f.includes('sign in to AWS'));
    if (tui.frame().includes('sign in to AWS')) {
      expectFits(tui, columns, rows, 'AWS sign-in menu');
      await tui.press(KEYS.enter);
    }
    await tui.waitFor('Bedrock model');
    for (let i = 0; i < 30 && !selectedLine(tui.frame()).includes('Other'); i++) await tui.press('j');
    frame = expectFits(tui, columns, rows, 'model menu, at the bottom of a long list');
    expect(selectedLine(frame)).toContain('Other');
    await tui.press('k', KEYS.enter);
    await tui.waitFor('AWS region');
    await tui.press(KEYS.enter);
    await tui.waitFor('AWS access key ID');
    await tui.press(SECRETS.accessKeyId);
    frame = expectFits(tui, columns, rows, 'access key id field');
    expect(joined(frame)).toContain('*'.repeat(SECRETS.accessKeyId.length));
    await tui.press(KEYS.enter);
    await tui.waitFor('AWS secret access key');
    await tui.press(SECRETS.secretAccessKey, KEYS.enter);
    await tui.waitFor('AWS session token');
    expectFits(tui, columns, rows, 'optional session token field');
    await tui.press(KEYS.enter);
    await tui.waitFor('Haiku-class model');
    expectFits(tui, columns, rows, 'optional Haiku model menu');
    await tui.press(KEYS.enter);
    await tui.waitFor('Save this key?');
    frame = expectFits(tui, columns, rows, 'summary');
    expect(frame).toContain('Secret Access Key');
  });

  it('the delete dialogs, with "No, keep it" on screen while it is the default', async () => {
    const tui = await renderTui({ storage: await seededStorage(), columns, rows });
    await select(tui, 'multi');
    await tui.press('d');
    let frame = expectFits(tui, columns, rows, 'delete: which key');
    expect(selectedLine(frame)).toContain('Anthropic');
    await tui.press(KEYS.enter);
    frame = expectFits(tui, columns, rows, 'delete: confirm');
    expect(selectedLine(frame)).toContain('No, keep it');
    await tui.press('n');
    await select(tui, 'default');
    await tui.press('d');
    frame = expectFits(tui, columns, rows, 'delete: whole account');
    expect(selectedLine(frame)).toContain('No, keep it');
    expect(frame).toContain('Yes, delete the account');
  });
});
