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

  it('Vertex: project, region from its list, no key file (application default credentials)', async () => {
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
    expect(wizard()?.step).toBe('summary');
    expect(summaryLines(wizard()!)).toContainEqual(['Credentials', 'application default credentials']);
    await a.submitWizardStep();
    expect((await service.getCredential('gcp', 'vertex')).entry).toMatchObject({ project_id: 'my-project-123', region: 'us-east5', provider: 'vertex' });
  });

  it('Foundry: resource and key, the key masked in the summary', async () => {
    const { wizard, choose, type, a, service } = await atProviderStep('azure');
    await choose('Microsoft Foundry');
    await type('my-resource');
    await type(SECRETS.anthropicKey);
    expect(wizard()?.step).toBe('summary');
    const lines = summaryLines(wizard()!);
    expect(lines).toContainEqual(['API Key', 'sk-ant-a...fXYZ']);
    expect(JSON.stringify(lines)).not.toContain(SECRETS.anthropicKey);
    await a.submitWizardStep();
    expect((await service.getCredential('azure', 'foundry')).entry).toMatchObject({ resource: 'my-resource', provider: 'foundry' });
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
    expect(profile.wizard()?.step).toBe('summary');
    await profile.a.submitWizardStep();
    expect((await profile.service.getCredential('sso', 'bedrock')).entry).toMatchObject({ profile: 'team-sso', auth_method: 'profile' });
  });
});
