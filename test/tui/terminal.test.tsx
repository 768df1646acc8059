import chalk from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';

import { COLOR_THEME, NO_COLOR_THEME, themeFor } from '../../src/ui/theme.js';
import { CorruptFileError, describeFsError } from '../../src/domain/errors.js';
import type { MetadataDocument } from '../../src/domain/types.js';
import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { MemoryPrefs } from '../../src/storage/prefs.js';
import { cleanupTui, KEYS, renderTui } from '../helpers/tui.js';
import { seededStorage } from './fixtures.js';

afterEach(cleanupTui);

// SGR colour codes (foreground/background, 8/16/256/true colour), not bold or inverse.
const COLOR_CODE = /\u001b\[(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]/;

describe('terminal behaviour', () => {
  it('fills the terminal and re-lays out on resize', async () => {
    const tui = await renderTui({ storage: await seededStorage(), columns: 200, rows: 50 });
    let lines = tui.frame().split('\n');
    expect(lines.length).toBe(49);
    // The header spans the width (Ink drops the trailing space).
    expect(lines[0]?.trimEnd().length).toBeGreaterThanOrEqual(195);
    expect(tui.frame()).toContain('Last used');

    await tui.resize(60, 12);
    lines = tui.frame().split('\n');
    expect(lines.length).toBe(11);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    // Too narrow for every column: "Last used" goes first, names stay.
    expect(tui.frame()).not.toContain('Last used');
    expect(tui.frame()).toContain('api-prod');

    await tui.resize(80, 24);
    expect(tui.frame().split('\n').length).toBe(23);
    expect(tui.frame()).toContain('Last used');
  });

  it('honours NO_COLOR: colour goes, the selection stays visible', async () => {
    expect(themeFor({ NO_COLOR: '1' })).toBe(NO_COLOR_THEME);
    expect(themeFor({ NO_COLOR: '' })).toBe(COLOR_THEME);
    expect(themeFor({})).toBe(COLOR_THEME);
    const level = chalk.level;
    chalk.level = 3; // as in a colour terminal; under the test runner chalk would print no escapes at all
    try {
      const colour = await renderTui({ storage: await seededStorage(), theme: COLOR_THEME });
      expect(colour.rawFrame()).toMatch(COLOR_CODE);
      await cleanupTui();
      const plain = await renderTui({ storage: await seededStorage(), theme: NO_COLOR_THEME });
      expect(plain.rawFrame()).not.toMatch(COLOR_CODE);
      expect(plain.rawFrame()).toContain('\u001b[7m'); // inverse selection
      expect(plain.frame()).toMatch(/^❯ +api-prod/m);
      await plain.press('d');
      expect(plain.rawFrame()).not.toMatch(COLOR_CODE);
    } finally {
      chalk.level = level;
    }
  });

  it('shows a problem with the preferences file once, and works on', async () => {
    const prefs = new MemoryPrefs({}, '/home/me/.cuti/tui-preferences.json: not valid JSON; preferences will not be saved this session');
    const tui = await renderTui({ storage: await seededStorage(), prefs });
    expect(tui.frame()).toContain('✗ /home/me/.cuti/tui-preferences.json: not valid JSON');
    expect(tui.frame()).toContain('api-prod');
    await tui.press(KEYS.esc);
    expect(tui.frame()).not.toContain('tui-preferences.json');
  });

  it('shows a spinner while accounts load', async () => {
    const storage = await seededStorage();
    storage.delayMs = 150;
    const tui = await renderTui({ storage, noWait: true });
    expect(tui.frame()).toContain('Loading accounts…');
    await tui.waitFor('api-prod');
    expect(tui.frame()).not.toContain('Loading accounts…');
  });

  it('shows a corrupt accounts.json in the UI, writes nothing, and recovers on reload', async () => {
    class CorruptMetadata extends MemoryStorage {
      corrupt = true;
      writes = 0;
      override async readMetadata(): Promise<MetadataDocument> {
        if (this.corrupt) throw new CorruptFileError('/home/me/.cuti/claude-accounts/accounts.json', 'not valid JSON');
        return super.readMetadata();
      }
      override async updateMetadata(fn: Parameters<MemoryStorage['updateMetadata']>[0]): Promise<void> {
        this.writes++;
        return super.updateMetadata(fn);
      }
    }
    const storage = new CorruptMetadata();
    await storage.updateApiKeys('kept', () => ({ anthropic: { api_key: 'sk-ant-api03-x', provider: 'anthropic', created: 'now' } }));
    const tui = await renderTui({ storage });
    const frame = tui.frame();
    expect(frame).toContain('Your accounts could not be read.');
    expect(frame).toContain('✗ /home/me/.cuti/claude-accounts/accounts.json: not valid JSON. cuti will not overwrite it');
    expect(frame).not.toContain('No Claude accounts yet');
    // Keys still work; nothing was written.
    await tui.press('u', 'd', 'j');
    expect(storage.writes).toBe(0);
    storage.corrupt = false;
    await tui.press('R');
    await tui.waitFor('kept');
    expect(tui.frame()).not.toContain('✗');
  });

  it('shows permission denied in the UI instead of crashing', async () => {
    class Denied extends MemoryStorage {
      override async readApiKeys(name: string): ReturnType<MemoryStorage['readApiKeys']> {
        if (name === 'locked') throw describeFsError({ code: 'EACCES' }, '/home/me/.cuti/claude-accounts/locked/.api_keys.json');
        return super.readApiKeys(name);
      }
    }
    const storage = new Denied();
    await storage.updateApiKeys('locked', () => ({ anthropic: { api_key: 'sk-ant-api03-x', provider: 'anthropic', created: 'now' } }));
    const tui = await renderTui({ storage });
    expect(tui.frame()).toContain('locked');
    await tui.press('a');
    await tui.waitFor('Add the key to which account?');
    await tui.press(KEYS.down, KEYS.enter, KEYS.enter);
    await tui.waitFor('✗ /home/me/.cuti/claude-accounts/locked/.api_keys.json: permission denied');
  });
});
