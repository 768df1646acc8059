import { afterEach, describe, expect, it } from 'vitest';

import { AccountService, type AccountDetails } from '../../src/accounts/service.js';
import { idleCommands } from '../../src/app/commands.js';
import { CorruptFileError } from '../../src/domain/errors.js';
import { buildDetailRows } from '../../src/state/detail-rows.js';
import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { cleanupTui, KEYS, renderTui, type Tui } from '../helpers/tui.js';
import { fakeNow, seededStorage } from './fixtures.js';

afterEach(cleanupTui);

/** An account whose `.api_keys.json` cuti cannot parse. */
class CorruptKeys extends MemoryStorage {
  override async readApiKeys(name: string): ReturnType<MemoryStorage['readApiKeys']> {
    if (name === 'broken') throw new CorruptFileError('/home/me/.cuti/claude-accounts/broken/.api_keys.json', 'not valid JSON');
    return super.readApiKeys(name);
  }
}

async function open(tui: Tui, name: string): Promise<string> {
  const index = tui.state().accounts.findIndex((a) => a.name === name);
  await tui.press(...Array<string>(index).fill('j'), KEYS.enter);
  return tui.waitFor((f) => f.includes('Last used:') && tui.state().busy === null);
}

const footerOf = (frame: string) => frame.trimEnd().split('\n').at(-1) ?? '';

describe('the detail of an account with nothing to reveal', () => {
  it('a corrupt key file: the footer offers no reveal, copy or move, and no command is suggested to use it', async () => {
    const storage = new CorruptKeys();
    await storage.updateApiKeys('broken', () => ({ anthropic: { api_key: 'sk-ant-api03-x', provider: 'anthropic', created: 'now' } }));
    await storage.updateMetadata((meta) => ({ ...meta, accounts: { broken: { created: '2025-10-01T00:00:00.000000', last_used: 'never', type: 'API' } } }));
    const tui = await renderTui({ storage, columns: 120, rows: 30 });
    const frame = await open(tui, 'broken');
    expect(frame).toContain('could not be read');
    const footer = footerOf(frame);
    expect(footer).toContain('? help');
    expect(footer).not.toMatch(/\br reveal\b/);
    expect(footer).not.toMatch(/\bc copy\b/);
    expect(footer).not.toContain('move');
    expect(frame).not.toContain('Use it');
    expect(frame).not.toContain('cuti claude exec broken');
    expect(frame).not.toContain('cuti claude env broken');
  });

  it('an OAuth login holds no secret field: no reveal or copy; an account with two secrets offers all three', async () => {
    const tui = await renderTui({ storage: await seededStorage(), columns: 120, rows: 30 });
    const login = await open(tui, 'default');
    expect(footerOf(login)).not.toMatch(/\br reveal\b|\bc copy\b|move/);
    expect(login).toContain('$ cuti claude exec default -- claude');
    await tui.press(KEYS.esc);
    const multi = await open(tui, 'multi');
    expect(footerOf(multi)).toMatch(/↑↓ move.*r reveal.*c copy/);
  });

  it('an empty filter result: the list footer offers no key that acts on an account', async () => {
    const tui = await renderTui({ storage: await seededStorage(), columns: 120, rows: 30 });
    await tui.press('/');
    await tui.type('zzz-none');
    await tui.press(KEYS.enter);
    const footer = footerOf(await tui.waitFor((f) => footerOf(f).includes('filter')));
    expect(footer).not.toMatch(/enter open|u use|d delete|n rename|t test|move/);
    expect(footer).toContain('a add');
  });
});

describe('detail rows', () => {
  const base: AccountDetails = {
    name: 'cc',
    type: 'Claude Code login',
    created: '2025-10-01T00:00:00.000000',
    lastUsed: 'never',
    active: false,
    hasCredentials: true,
    providers: [],
    oauth: null,
    isBackup: false,
    warnings: [],
    path: '/home/me/.cuti/claude-accounts/cc',
    credentials: [],
  };
  const text = (details: AccountDetails) => JSON.stringify(buildDetailRows(details, null));

  it('a login Claude Code keeps in the account directory is a login, not an empty account', () => {
    expect(text(base)).toContain('Claude Code login');
    expect(text(base)).not.toContain('holds no credentials');
    expect(text(base)).toContain('cuti claude exec cc -- claude');
  });

  it('an account with nothing in it suggests adding a key, not commands that cannot work', () => {
    const empty = { ...base, type: 'API', hasCredentials: false };
    expect(text(empty)).toContain('holds no credentials yet');
    expect(text(empty)).not.toContain('cuti claude exec');
  });
});

describe('the detail of an account with no secret field (it cannot scroll)', () => {
  it('at 80x24 shows the commands to use it whole; the connection test section yields until a test is asked for', async () => {
    const storage = await seededStorage();
    const service = new AccountService(storage, fakeNow);
    await service.addCredential('vertex-adc', { provider: 'vertex', projectId: 'my-proj', region: 'global', modelRegions: 'CLAUDE_HAIKU_4_5=us-east5' });
    const tui = await renderTui({ storage, columns: 80, rows: 24 });
    const frame = await open(tui, 'vertex-adc');
    expect(frame).toContain('$ cuti claude exec vertex-adc -- claude');
    expect(frame).toContain('$ eval "$(cuti claude env vertex-adc)"');
  });
});

it('a test that could not run says why whole in the connection test section, not also "not tested yet"', async () => {
  const storage = new CorruptKeys();
  await storage.updateApiKeys('broken', () => ({ anthropic: { api_key: 'sk-ant-api03-x', provider: 'anthropic', created: 'now' } }));
  const path = '/home/someone/.cuti/claude-accounts/broken/.api_keys.json';
  const tui = await renderTui({
    storage,
    columns: 80,
    rows: 30,
    testConnections: () => async () => {
      throw new CorruptFileError(path, 'not valid JSON');
    },
  });
  await open(tui, 'broken');
  await tui.press('t');
  const frame = await tui.waitFor((f) => tui.state().tests.broken?.error != null && f.includes('Connection test'));
  const section = frame.slice(frame.indexOf('Connection test')).split('\n').slice(1, 4).map((l) => l.trim()).join(' ');
  expect(section).toContain(`${path}: not valid JSON. cuti will not overwrite it`);
  expect(frame.slice(frame.indexOf('Connection test'))).not.toContain('not tested yet');
});

it('at 40x12 a page with no secret field scrolls with ↑↓ to what does not fit (a corrupt file named at the end)', async () => {
  const storage = new CorruptKeys();
  await storage.updateApiKeys('broken', () => ({ anthropic: { api_key: 'sk-ant-api03-x', provider: 'anthropic', created: 'now' } }));
  const tui = await renderTui({ storage, columns: 40, rows: 12 });
  const first = await open(tui, 'broken');
  expect(first).not.toContain('not valid JSON');
  // ↑↓ act here (the footer offers them where it has room).
  expect(idleCommands(tui.state())).not.toContain('up');
  let frame = first;
  for (let i = 0; i < 20 && !frame.includes('not valid JSON'); i++) {
    await tui.press('j');
    frame = tui.frame();
  }
  expect(frame).toContain('not valid JSON');
  for (let i = 0; i < 20; i++) await tui.press('k');
  expect(tui.frame()).toContain('Type:');
});
