import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { credentialFields } from '../../src/domain/credential-fields.js';
import { MemoryPrefs } from '../../src/storage/prefs.js';
import { SECRETS } from '../helpers/secrets.js';
import { cleanupTui, expectNoLeaks, KEYS, renderTui, type Tui } from '../helpers/tui.js';
import { seededStorage } from './fixtures.js';

afterEach(async () => {
  vi.useRealTimers();
  await cleanupTui();
});

async function openAccount(tui: Tui, name: string): Promise<string> {
  const index = tui.state().accounts.findIndex((a) => a.name === name);
  await tui.press(...Array<string>(index).fill('j'), KEYS.enter);
  return tui.waitFor((f) => f.includes('Use it') || f.includes('Secret Access Key') || f.includes('API Key:'));
}

const lineOf = (frame: string, label: string) => frame.split('\n').find((l) => l.includes(`${label}:`)) ?? '';

describe('account detail', () => {
  it('shows every provider field, secrets masked exactly as show-api-key masks them', async () => {
    const tui = await renderTui({ storage: await seededStorage(), rows: 40 });
    const frame = await openAccount(tui, 'multi');
    const { credentials } = await tui.service.listProviders('multi');
    for (const credential of credentials) {
      for (const field of credentialFields(credential.provider, credential.entry)) {
        expect(frame).toContain(`${field.label}:`);
        expect(frame).toContain(field.masked);
      }
    }
    expect(lineOf(frame, 'API Key')).toContain('sk-ant-a...uQRS');
    expect(lineOf(frame, 'Access Key ID')).toContain('AKIAFAKE...');
    expect(lineOf(frame, 'Secret Access Key')).toContain('***');
    expect(frame).toContain('Anthropic API Key');
    expect(frame).toContain('Bedrock API Key');
    expectNoLeaks(tui);
  });

  it('shows the exec and env commands to copy', async () => {
    const tui = await renderTui({ storage: await seededStorage(), rows: 40 });
    const frame = await openAccount(tui, 'bedrock-us');
    expect(frame).toContain('$ cuti claude exec bedrock-us -- claude');
    expect(frame).toContain('$ eval "$(cuti claude env bedrock-us)"');
  });

  it('shows an OAuth login with its subscription and email', async () => {
    const tui = await renderTui({ storage: await seededStorage(), rows: 40 });
    const frame = await openAccount(tui, 'default');
    expect(frame).toContain('Claude Code login (Max)');
    expect(frame).toContain('me@example.com');
    expect(frame).toContain('● active');
  });

  it('reveals the selected secret with r and hides it again after 30 s', async () => {
    const tui = await renderTui({ storage: await seededStorage(), rows: 40 });
    await openAccount(tui, 'bedrock-us');
    await tui.press('j'); // Access Key ID → Secret Access Key
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await tui.press('r');
    expect(lineOf(tui.frame(), 'Secret Access Key')).toContain(SECRETS.secretAccessKey);
    expect(lineOf(tui.frame(), 'Access Key ID')).toContain('AKIAFAKE...');
    expect(tui.frame()).toContain('hides in 30 s');
    await act(async () => {
      vi.advanceTimersByTime(29_000);
    });
    expect(tui.frame()).toContain(SECRETS.secretAccessKey);
    await act(async () => {
      vi.advanceTimersByTime(1_000);
    });
    expect(tui.frame()).not.toContain(SECRETS.secretAccessKey);
    expect(lineOf(tui.frame(), 'Secret Access Key')).toContain('***');
  });

  it('honours the reveal timeout from the preferences, and space toggles too', async () => {
    const tui = await renderTui({
      storage: await seededStorage(),
      rows: 40,
      prefs: new MemoryPrefs({ revealTimeoutSeconds: 5 }),
    });
    await openAccount(tui, 'api-prod');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await tui.press(KEYS.space);
    expect(tui.frame()).toContain(SECRETS.anthropicKey);
    expect(tui.frame()).toContain('hides in 5 s');
    await act(async () => {
      vi.advanceTimersByTime(5_000);
    });
    expect(tui.frame()).not.toContain(SECRETS.anthropicKey);
    await tui.press(KEYS.space, KEYS.space);
    expect(tui.frame()).not.toContain(SECRETS.anthropicKey);
  });

  it('hides a revealed secret when the screen is left or the selection moves', async () => {
    const tui = await renderTui({ storage: await seededStorage(), rows: 40 });
    await openAccount(tui, 'api-prod');
    await tui.press('r');
    expect(tui.frame()).toContain(SECRETS.anthropicKey);
    await tui.press(KEYS.esc);
    await tui.waitFor('Last used');
    expect(tui.frame()).not.toContain(SECRETS.anthropicKey);
    await tui.press(KEYS.enter);
    await tui.waitFor('API Key:');
    expect(lineOf(tui.frame(), 'API Key')).toContain('sk-ant-a...wXYZ'.replace('wXYZ', SECRETS.anthropicKey.slice(-4)));
    expect(tui.frame()).not.toContain(SECRETS.anthropicKey);

    const multi = await renderTui({ storage: await seededStorage(), rows: 40 });
    await openAccount(multi, 'multi');
    await multi.press('r');
    expect(multi.frame()).toContain(SECRETS.anthropicKey2);
    await multi.press('j');
    expect(multi.frame()).not.toContain(SECRETS.anthropicKey2);
  });

  it('makes the account active with Enter, with a confirmation line', async () => {
    const tui = await renderTui({ storage: await seededStorage(), rows: 40 });
    await openAccount(tui, 'bedrock-us');
    await tui.press(KEYS.enter);
    await tui.waitFor('✓ Active account is now bedrock-us');
    expect(tui.frame()).toContain('● active');
    expect((await tui.storage.readMetadata()).active).toBe('bedrock-us');
  });

  it('keeps the selected secret in view on a short terminal', async () => {
    const tui = await renderTui({ storage: await seededStorage(), columns: 80, rows: 14 });
    await openAccount(tui, 'multi');
    await tui.press('j', 'j');
    const frame = tui.frame();
    expect(frame.split('\n').length).toBeLessThanOrEqual(13);
    expect(frame).toMatch(/❯ Secret Access Key:/);
  });
});
