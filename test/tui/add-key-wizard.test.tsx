import { afterEach, describe, expect, it } from 'vitest';

import { BEDROCK_MODELS, BEDROCK_REGIONS } from '../../src/domain/bedrock-catalog.js';
import { CorruptFileError } from '../../src/domain/errors.js';
import type { ApiKeysDocument } from '../../src/domain/types.js';
import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { SECRETS } from '../helpers/secrets.js';
import { cleanupTui, expectNoLeaks, KEYS, renderTui, type Tui } from '../helpers/tui.js';
import { fakeNow, seededStorage } from './fixtures.js';

afterEach(cleanupTui);

const selectedItem = (frame: string) => frame.split('\n').find((l) => l.trimStart().startsWith('❯')) ?? '';

/** Moves the menu pointer to the item whose line contains `text`. */
async function choose(tui: Tui, text: string): Promise<void> {
  for (let i = 0; i < 40 && !selectedItem(tui.frame()).includes(text); i++) await tui.press(KEYS.down);
  expect(selectedItem(tui.frame())).toContain(text);
  await tui.press(KEYS.enter);
}

async function startNewAccount(tui: Tui, name: string): Promise<void> {
  await tui.press('a');
  await tui.waitFor('Add the key to which account?');
  await choose(tui, '+ New account');
  await tui.waitFor('Name the new account');
  await tui.type(name);
  await tui.press(KEYS.enter);
  await tui.waitFor('Which provider?');
}

describe('add-key wizard', () => {
  it('adds an Anthropic key to a new account, masked while typed, and opens it', async () => {
    const tui = await renderTui({ now: fakeNow });
    await startNewAccount(tui, 'prod-api');
    await choose(tui, 'Anthropic API');
    await tui.waitFor('Anthropic API key');
    await tui.type(SECRETS.anthropicKey);
    expect(tui.frame()).toContain('*'.repeat(SECRETS.anthropicKey.length));
    await tui.press(KEYS.enter);
    const summary = await tui.waitFor('Save this key?');
    expect(summary).toMatch(/Account:\s+prod-api/);
    expect(summary).toMatch(/API Key:\s+sk-ant-a\.\.\.fXYZ/);
    expect(await tui.storage.readApiKeys('prod-api')).toBeNull();
    await tui.press(KEYS.enter);
    const detail = await tui.waitFor('✓ Added anthropic API key to account: prod-api');
    expect(detail).toContain('Anthropic API Key');
    const stored = (await tui.storage.readApiKeys('prod-api'))?.doc;
    expect(Object.keys(stored ?? {})).toEqual(['anthropic']);
    expect(stored?.anthropic).toMatchObject({ api_key: SECRETS.anthropicKey, provider: 'anthropic' });
    expect(stored?.anthropic?.created).toMatch(/^2025-10-01T/);
    expectNoLeaks(tui);
  });

  it('adds Bedrock credentials from the model and region lists', async () => {
    const tui = await renderTui({ now: fakeNow, rows: 40 });
    await startNewAccount(tui, 'bedrock-prod');
    await choose(tui, 'AWS Bedrock');
    await choose(tui, 'Access key and secret');
    const models = await tui.waitFor('Bedrock model');
    for (const model of BEDROCK_MODELS.slice(0, 5)) expect(models).toContain(model.id);
    expect(models).toContain('Other…');
    await choose(tui, 'anthropic.claude-sonnet-4-6');
    const regions = await tui.waitFor('AWS region');
    expect(regions).toContain(BEDROCK_REGIONS[0]?.id);
    await choose(tui, 'eu-west-1');
    await tui.waitFor('AWS access key ID');
    await tui.type(SECRETS.accessKeyId);
    await tui.press(KEYS.enter);
    await tui.waitFor('AWS secret access key');
    await tui.type(SECRETS.secretAccessKey);
    expect(tui.frame()).toContain('*'.repeat(SECRETS.secretAccessKey.length));
    await tui.press(KEYS.enter);
    await tui.waitFor('AWS session token (optional)');
    await tui.press(KEYS.enter); // none: long-lived keys
    const haiku = await tui.waitFor('Haiku-class model for background work');
    expect(selectedItem(haiku)).toContain('Skip');
    await tui.press(KEYS.enter);
    const summary = await tui.waitFor('Save this key?');
    expect(summary).toMatch(/Model ID:\s+anthropic\.claude-sonnet-4-6/);
    expect(summary).toMatch(/Region:\s+eu-west-1/);
    expect(summary).toMatch(/Access Key ID:\s+AKIAFAKE\.\.\./);
    expect(summary).toMatch(/Secret Access Key:\s+\*\*\*/);
    await tui.press(KEYS.enter);
    await tui.waitFor('✓ Added bedrock API key to account: bedrock-prod');
    const stored = (await tui.storage.readApiKeys('bedrock-prod'))?.doc as ApiKeysDocument;
    expect(stored.bedrock).toMatchObject({
      model_id: 'anthropic.claude-sonnet-4-6',
      region: 'eu-west-1',
      access_key_id: SECRETS.accessKeyId,
      secret_access_key: SECRETS.secretAccessKey,
      provider: 'bedrock',
    });
    expectNoLeaks(tui);
  });

  it('takes a typed model id and region through "Other…", and warns about odd shapes', async () => {
    const tui = await renderTui({ now: fakeNow, rows: 40 });
    await startNewAccount(tui, 'custom');
    await choose(tui, 'AWS Bedrock');
    await choose(tui, 'Access key and secret');
    await choose(tui, 'Other…');
    await tui.waitFor('Bedrock model id');
    await tui.type('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc');
    await tui.press(KEYS.enter);
    await choose(tui, 'Other…');
    await tui.waitFor('Region:');
    await tui.type('mars-1');
    await tui.press(KEYS.enter);
    // Not the form of any AWS region: refused at the step, the answer kept to correct.
    await tui.waitFor("Region 'mars-1' is not an AWS region name");
    for (let i = 0; i < 'mars-1'.length; i++) await tui.press(KEYS.backspace);
    await tui.type('ap-southeast-7');
    await tui.press(KEYS.enter);
    await tui.waitFor('AWS access key ID');
    await tui.type(SECRETS.accessKeyId);
    await tui.press(KEYS.enter);
    await tui.type(SECRETS.secretAccessKey);
    await tui.press(KEYS.enter);
    await tui.waitFor('AWS session token (optional)');
    await tui.press(KEYS.enter);
    await tui.waitFor('Haiku-class model for background work');
    await tui.press(KEYS.enter);
    const summary = await tui.waitFor('Save this key?');
    expect(summary).not.toContain('⚠');
    await tui.press(KEYS.enter);
    await tui.waitFor('✓ Added bedrock API key');
    const stored = (await tui.storage.readApiKeys('custom'))?.doc as ApiKeysDocument;
    expect(stored.bedrock?.model_id).toBe('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc');
    expect(stored.bedrock?.region).toBe('ap-southeast-7');
  });

  it('validates each step like the CLI and shows the error inline', async () => {
    const tui = await renderTui();
    await tui.press('a');
    await choose(tui, '+ New account');
    await tui.type('../escape');
    await tui.press(KEYS.enter);
    expect(tui.frame()).toContain("✗ Account name cannot contain '/' or '\\': ../escape");
    expect(tui.frame()).toContain('Name the new account');
    await tui.press(...Array<string>(9).fill(KEYS.backspace));
    await tui.press(KEYS.enter);
    expect(tui.frame()).toContain('✗ Account name cannot be empty');
    await tui.type('ok');
    expect(tui.frame()).not.toContain('✗');
    await tui.press(KEYS.enter);
    await choose(tui, 'Anthropic API');
    await tui.press(KEYS.enter);
    expect(tui.frame()).toContain('✗ API key cannot be empty');
    await tui.type(' sk-ant-api03-spaced');
    await tui.press(KEYS.enter);
    expect(tui.frame()).toContain('✗ API key has leading or trailing whitespace');
    expect(await tui.storage.listAccountDirs()).toEqual([]);
  });

  it('goes back a step with Esc keeping the answers, and cancels from the first step', async () => {
    const tui = await renderTui({ storage: await seededStorage(), rows: 40 });
    await startNewAccount(tui, 'newbie');
    await choose(tui, 'AWS Bedrock');
    await choose(tui, 'Access key and secret');
    await choose(tui, 'anthropic.claude-opus-4-7');
    await tui.waitFor('AWS region');
    await tui.press(KEYS.esc);
    await tui.waitFor('Bedrock model');
    expect(selectedItem(tui.frame())).toContain('anthropic.claude-opus-4-7');
    await tui.press(KEYS.esc);
    await tui.waitFor('How does this account sign in to AWS?');
    expect(selectedItem(tui.frame())).toContain('Access key and secret');
    await tui.press(KEYS.esc);
    await tui.waitFor('Which provider?');
    expect(selectedItem(tui.frame())).toContain('AWS Bedrock');
    await tui.press(KEYS.esc);
    await tui.waitFor('Name the new account');
    expect(tui.frame()).toContain('Account name: newbie');
    await tui.press(KEYS.esc, KEYS.esc);
    await tui.waitFor('Last used');
    expect(tui.state().screen).toBe('list');
    expect(await tui.storage.accountExists('newbie')).toBe(false);
  });

  it('adds to an existing account from the list, and asks before replacing a provider (default No)', async () => {
    const tui = await renderTui({ storage: await seededStorage(), now: fakeNow });
    const before = structuredClone((await tui.storage.readApiKeys('api-prod'))?.doc);
    await tui.press('a');
    await choose(tui, 'api-prod');
    await choose(tui, 'Anthropic API');
    const ask = await tui.waitFor('Replace the existing key?');
    expect(ask).toContain('api-prod already holds an API key for Anthropic.');
    expect(selectedItem(ask)).toContain('No, keep the existing key');
    await tui.press(KEYS.enter);
    await tui.waitFor('Which provider?');
    expect((await tui.storage.readApiKeys('api-prod'))?.doc).toEqual(before);

    await choose(tui, 'Anthropic API');
    await choose(tui, 'Yes, replace it');
    await tui.type(SECRETS.anthropicKey2);
    await tui.press(KEYS.enter);
    const summary = await tui.waitFor('Save this key?');
    expect(summary).toContain('This replaces the anthropic key the account holds now.');
    await tui.press(KEYS.enter);
    await tui.waitFor('✓ Replaced anthropic API key of account: api-prod');
    expect((await tui.storage.readApiKeys('api-prod'))?.doc.anthropic?.api_key).toBe(SECRETS.anthropicKey2);
  });

  it('treats a typed existing name as that account, asking before replacing its key', async () => {
    const tui = await renderTui({ storage: await seededStorage() });
    await startNewAccount(tui, 'bedrock-us');
    await choose(tui, 'AWS Bedrock');
    await tui.waitFor('bedrock-us already holds an API key for Bedrock.');
  });

  it('adds to the open account with a from its detail screen', async () => {
    const tui = await renderTui({ storage: await seededStorage(), now: fakeNow, rows: 40 });
    await tui.press('j', KEYS.enter); // bedrock-us
    await tui.waitFor('Bedrock API Key');
    await tui.press('a');
    const frame = await tui.waitFor('Which provider?');
    expect(frame).toContain('bedrock-us');
    await choose(tui, 'Anthropic API');
    await tui.type(SECRETS.anthropicKey);
    await tui.press(KEYS.enter, KEYS.enter);
    await tui.waitFor('✓ Added anthropic API key to account: bedrock-us');
    expect(tui.frame()).toContain('API (Anthropic+Bedrock)');
  });

  it('shows a storage error on the summary and keeps every answer', async () => {
    class FailingStorage extends MemoryStorage {
      override async updateApiKeys(): Promise<void> {
        throw new CorruptFileError('/home/me/.cuti/claude-accounts/x/.api_keys.json', 'not valid JSON');
      }
    }
    const tui = await renderTui({ storage: new FailingStorage() });
    await startNewAccount(tui, 'x');
    await choose(tui, 'Anthropic API');
    await tui.type(SECRETS.anthropicKey);
    await tui.press(KEYS.enter, KEYS.enter);
    const frame = await tui.waitFor('✗ /home/me/.cuti/claude-accounts/x/.api_keys.json: not valid JSON');
    expect(frame).toContain('Save this key?');
    expect(tui.state().wizard?.values.apiKey).toBe(SECRETS.anthropicKey);
    expectNoLeaks(tui);
  });
});
