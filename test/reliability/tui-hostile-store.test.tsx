import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FileSystemStorage } from '../../src/storage/fs-adapter.js';
import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { assertNoSecrets, SECRETS } from '../helpers/secrets.js';
import { cleanupTui, KEYS, renderTui, type Tui } from '../helpers/tui.js';
import { RAW_CONTROL } from './support.js';

/*
 * The full-screen UI over a real store that another tool (or an attacker with write
 * access to it) filled with escape sequences in directory names and JSON values. Ink
 * writes text to the terminal as it is, so every such string must be sanitised before
 * it reaches a component.
 */

// Not SGR colour codes: Ink's own styling uses those, and they are removed before checking.
const EVIL = ['\u001b]0;pwned\u0007', '\u001b[2J', '\u009b6n', '\u001bP+q\u001b\\', '\r', '\u202e'];
const SGR = /\u001b\[[0-9;]*m/g;

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(async () => {
  await cleanupTui();
  home.cleanup();
});

function plantHostileStore(): string[] {
  const names = ['plain', ...EVIL.map((e, i) => `acct${i}${e}x`)];
  const meta: Record<string, unknown> = {};
  for (const [i, name] of names.entries()) {
    const dir = join(home.accountsRoot, name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const evil = EVIL[i % EVIL.length] ?? '';
    const doc = {
      anthropic: { api_key: SECRETS.anthropicKey, provider: `anthropic${evil}`, created: `2025-10-01T00:31:34${evil}` },
      bedrock: {
        model_id: `model${evil}`, region: `us-east-1${evil}`, access_key_id: SECRETS.accessKeyId,
        secret_access_key: SECRETS.secretAccessKey, provider: 'bedrock', auth_method: `keys${evil}`, created: evil,
      },
    };
    // 0644, so the loose-mode warning (which quotes the path) is shown too.
    writeFileSync(join(dir, '.api_keys.json'), JSON.stringify(doc), { mode: 0o644 });
    meta[name] = { created: `2025${evil}`, last_used: evil, type: `T${evil}` };
  }
  writeFileSync(join(home.accountsRoot, 'accounts.json'), JSON.stringify({ accounts: meta, active: names[1] }), { mode: 0o600 });
  return names;
}

function assertCleanFrames(tui: Tui, where: string): void {
  for (const raw of [tui.rawFrame()]) {
    const match = RAW_CONTROL.exec(raw.replace(SGR, '').replace(/\n/g, ''));
    if (match) throw new Error(`${where}: raw U+${match[0].codePointAt(0)?.toString(16).padStart(4, '0')} on screen`);
  }
  for (const frame of tui.frames()) assertNoSecrets(frame, where);
}

describe('the TUI over a hostile store', () => {
  it('lists and opens every account without putting a raw control character or a secret on screen', async () => {
    const names = plantHostileStore();
    const tui = await renderTui({ storage: new FileSystemStorage(home.accountsRoot), rows: 50, columns: 140 });
    assertCleanFrames(tui, 'account list');
    expect(tui.frame()).toContain('plain');
    for (let i = 0; i < names.length; i++) {
      await tui.press(KEYS.enter);
      await tui.settle(30);
      assertCleanFrames(tui, `detail of account ${i}`);
      // Move through the fields too (each row is rendered as the cursor passes).
      await tui.press('j', 'j', 'j', 'j');
      assertCleanFrames(tui, `fields of account ${i}`);
      await tui.press(KEYS.esc);
      await tui.settle(10);
      await tui.press('j');
    }
    assertCleanFrames(tui, 'account list after browsing');
  });
});
