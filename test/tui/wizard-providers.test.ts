import { describe, expect, it } from 'vitest';

import { ClaudeCodeService } from '../../src/accounts/claude-code-service.js';
import { AccountService } from '../../src/accounts/service.js';
import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { MemoryPrefs } from '../../src/storage/prefs.js';
import { createAppStore } from '../../src/state/store.js';
import { menuItems, summaryLines } from '../../src/state/wizard.js';
import { SECRETS } from '../helpers/secrets.js';
import { fakeNow } from './fixtures.js';

/** The store over an empty memory store, at the provider step of a new account. */
async function atProviderStep(account: string) {
  const service = new AccountService(new MemoryStorage(), fakeNow);
  const store = createAppStore({ service, claudeCode: new ClaudeCodeService(service), prefs: new MemoryPrefs() });
  const a = store.getState().actions;
  await a.load();
  a.startAdd();
  await a.submitWizardStep(); // + New account
  a.setWizardInput(account);
  await a.submitWizardStep();
  const wizard = () => store.getState().wizard;
  /** Moves the menu to the item whose label contains `text`, then submits. */
  const choose = async (text: string) => {
    const current = wizard();
    if (!current) throw new Error('no wizard');
    const index = menuItems(current, []).findIndex((item) => item.label.includes(text));
    expect(index).toBeGreaterThanOrEqual(0);
    a.moveWizardMenu(index - current.menuIndex);
    await a.submitWizardStep();
  };
  const type = async (text: string) => {
    a.setWizardInput(text);
    await a.submitWizardStep();
  };
  return { store, a, service, wizard, choose, type };
}

describe('the wizard offers every provider from the registry', () => {
  it('lists Anthropic, Bedrock, Vertex AI and Foundry', async () => {
    const { wizard } = await atProviderStep('x');
    expect(menuItems(wizard()!, []).map((i) => i.label)).toEqual(['Anthropic API', 'AWS Bedrock', 'Google Vertex AI', 'Microsoft Foundry']);
  });

  it('Vertex: project, region from its list, no key file (application default credentials), both model pins', async () => {
    const { wizard, choose, type, a, service } = await atProviderStep('gcp');
    await choose('Google Vertex AI');
    expect(wizard()?.step).toBe('projectId');
    await type('Not A Project');
    expect(wizard()?.error).toMatch(/is not a Google Cloud project id/);
    await type('my-project-123');
    expect(wizard()?.step).toBe('region');
    await choose('us-east5');
    expect(wizard()?.step).toBe('credentialsFile');
    await type('');
    expect(wizard()?.step).toBe('model');
    // A key pasted into the wrong field is refused, and not echoed.
    await type(SECRETS.anthropicKey);
    expect(wizard()?.error).toBe('Model looks like a credential; give the model id');
    await type('claude-opus-5');
    expect(wizard()?.step).toBe('haikuModel');
    await type('claude-haiku-4-5@20251001');
    // Per-model regions, as --model-regions takes them: checked as the CLI checks them.
    expect(wizard()?.step).toBe('modelRegions');
    await type('CLAUDE_NOPE=us-east5');
    expect(wizard()?.error).toMatch(/is not MODEL=REGION with a known model/);
    await type('claude_haiku_4_5=europe-west1');
    expect(wizard()?.step).toBe('summary');
    expect(summaryLines(wizard()!)).toContainEqual(['Credentials', 'application default credentials']);
    expect(summaryLines(wizard()!)).toContainEqual(['Haiku Model', 'claude-haiku-4-5@20251001']);
    expect(summaryLines(wizard()!)).toContainEqual(['Model Regions', 'CLAUDE_HAIKU_4_5=europe-west1']);
    await a.submitWizardStep();
    expect((await service.getCredential('gcp', 'vertex')).entry).toMatchObject({
      project_id: 'my-project-123',
      region: 'us-east5',
      model: 'claude-opus-5',
      haiku_model: 'claude-haiku-4-5@20251001',
      region_overrides: { VERTEX_REGION_CLAUDE_HAIKU_4_5: 'europe-west1' },
      provider: 'vertex',
    });
  });

  it('Vertex: the per-model regions step is optional (Enter skips it)', async () => {
    const { wizard, choose, type, a, service } = await atProviderStep('gcp2');
    await choose('Google Vertex AI');
    await type('my-project-123');
    await choose('us-east5');
    await type('');
    await type('');
    await type('');
    expect(wizard()?.step).toBe('modelRegions');
    await type('');
    expect(wizard()?.step).toBe('summary');
    await a.submitWizardStep();
    expect(Object.keys((await service.getCredential('gcp2', 'vertex')).entry)).not.toContain('region_overrides');
  });

  it('Foundry: resource and key, the key masked in the summary, pins skipped', async () => {
    const { wizard, choose, type, a, service } = await atProviderStep('azure');
    await choose('Microsoft Foundry');
    expect(wizard()?.step).toBe('endpoint');
    await choose('Resource name');
    await type('my-resource');
    await type(SECRETS.anthropicKey);
    expect(wizard()?.step).toBe('model');
    await type('');
    await type('');
    expect(wizard()?.step).toBe('summary');
    const lines = summaryLines(wizard()!);
    expect(lines).toContainEqual(['API Key', 'sk-ant-a...fXYZ']);
    expect(JSON.stringify(lines)).not.toContain(SECRETS.anthropicKey);
    await a.submitWizardStep();
    const { entry } = await service.getCredential('azure', 'foundry');
    expect(entry).toMatchObject({ resource: 'my-resource', provider: 'foundry' });
    expect(Object.keys(entry)).not.toContain('model');
  });

  it('Foundry: a base URL instead of a resource, checked as the CLI checks it', async () => {
    const { wizard, choose, type, a, service } = await atProviderStep('gw');
    await choose('Microsoft Foundry');
    await choose('Base URL');
    expect(wizard()?.step).toBe('baseUrl');
    await type('http://gateway.example/anthropic');
    expect(wizard()?.error).toBe('Base URL must use https');
    await type('https://gateway.example/anthropic');
    await type(SECRETS.anthropicKey);
    await type('');
    await type('my-haiku-deployment');
    expect(summaryLines(wizard()!)).toContainEqual(['Base URL', 'https://gateway.example/anthropic']);
    await a.submitWizardStep();
    const { entry } = await service.getCredential('gw', 'foundry', { reveal: true });
    expect(entry).toEqual({
      base_url: 'https://gateway.example/anthropic',
      api_key: SECRETS.anthropicKey,
      haiku_model: 'my-haiku-deployment',
      provider: 'foundry',
      created: expect.stringMatching(/^2025-10-01T/) as unknown,
    });
  });

  it('Bedrock access keys: an optional session token (masked in the summary) and a Haiku-class model from the list', async () => {
    const { wizard, choose, type, a, service } = await atProviderStep('temp');
    await choose('AWS Bedrock');
    await choose('Access key and secret');
    await choose('anthropic.claude-sonnet-4-6');
    await choose('eu-west-1');
    await type(SECRETS.accessKeyId);
    await type(SECRETS.secretAccessKey);
    expect(wizard()?.step).toBe('sessionToken');
    await type(SECRETS.oauthAccessToken);
    expect(wizard()?.step).toBe('haikuModel');
    expect(menuItems(wizard()!, [])[0]?.label).toBe('Skip');
    await choose('claude-haiku-4-5');
    const lines = summaryLines(wizard()!);
    expect(JSON.stringify(lines)).not.toContain(SECRETS.oauthAccessToken);
    expect(lines.find(([label]) => label === 'Session Token')?.[1]).toMatch(/^\*+/);
    await a.submitWizardStep();
    const { entry } = await service.getCredential('temp', 'bedrock', { reveal: true });
    expect(entry).toMatchObject({ session_token: SECRETS.oauthAccessToken, auth_method: 'access_keys' });
    expect(entry.haiku_model).toMatch(/claude-haiku-4-5/);
  });

  it('Bedrock asks the form first, then only that form’s fields (API key; profile)', async () => {
    const bearer = await atProviderStep('br');
    await bearer.choose('AWS Bedrock');
    expect(bearer.wizard()?.step).toBe('form');
    await bearer.choose('Bedrock API key');
    expect(bearer.wizard()?.step).toBe('bearerToken');
    await bearer.type(SECRETS.bearerToken);
    await bearer.choose('eu-west-1');
    expect(bearer.wizard()?.step).toBe('model');
    await bearer.choose('Skip');
    expect(bearer.wizard()?.step).toBe('haikuModel');
    await bearer.choose('Skip');
    expect(bearer.wizard()?.step).toBe('summary');
    await bearer.a.submitWizardStep();
    expect((await bearer.service.getCredential('br', 'bedrock', { reveal: true })).entry).toEqual({
      bearer_token: SECRETS.bearerToken,
      region: 'eu-west-1',
      provider: 'bedrock',
      auth_method: 'bearer_token',
      created: expect.stringMatching(/^2025-10-01T/) as unknown,
    });

    const profile = await atProviderStep('sso');
    await profile.choose('AWS Bedrock');
    await profile.choose('AWS profile');
    await profile.type('team-sso');
    await profile.choose('Skip'); // region: the profile's
    await profile.choose('Skip'); // model
    await profile.choose('Skip'); // Haiku-class model
    expect(profile.wizard()?.step).toBe('summary');
    await profile.a.submitWizardStep();
    expect((await profile.service.getCredential('sso', 'bedrock')).entry).toMatchObject({ profile: 'team-sso', auth_method: 'profile' });
  });
});
