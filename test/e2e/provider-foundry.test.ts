import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { baseEnv, CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { snapshotTree } from '../helpers/fs-snapshot.js';
import { SECRETS } from '../helpers/secrets.js';

let t: TempHome;
const KEY = 'f0undryKeyAbCdEf0123456789xyzW';
const cuti = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)}`;
const VARS = [
  'CLAUDE_CODE_USE_FOUNDRY', 'ANTHROPIC_FOUNDRY_RESOURCE', 'ANTHROPIC_FOUNDRY_BASE_URL', 'ANTHROPIC_FOUNDRY_API_KEY',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL', 'ANTHROPIC_API_KEY', 'CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX', 'AWS_SECRET_ACCESS_KEY',
];
const DUMP = `${JSON.stringify(process.execPath)} -e 'process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(VARS)}.map(n=>[n,process.env[n]??null]))))'`;
const INHERITED = { ANTHROPIC_API_KEY: SECRETS.anthropicKey, CLAUDE_CODE_USE_VERTEX: '1', CLAUDE_CODE_USE_BEDROCK: '1', AWS_SECRET_ACCESS_KEY: SECRETS.secretAccessKey };

beforeEach(() => {
  t = makeTempHome();
});
afterEach(() => t.cleanup());

const add = (args: string[], input?: string) =>
  runCli(['claude', 'add-api-key', 'azure', '-p', 'foundry', ...args], { env: t.env, ...(input === undefined ? {} : { input }) });

describe('Microsoft Foundry accounts', () => {
  it('are stored from a resource and a key on stdin, listed as API (Foundry), shown masked', async () => {
    const added = await add(['--resource', 'my-resource', '--api-key', '-', '--haiku-model', 'claude-haiku-4-5'], KEY);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(t.accountsRoot, 'azure', '.api_keys.json'), 'utf8')) as Record<string, unknown>;
    expect(doc.foundry).toEqual({
      resource: 'my-resource',
      api_key: KEY,
      haiku_model: 'claude-haiku-4-5',
      provider: 'foundry',
      created: expect.stringMatching(/^\d{4}-/) as unknown,
    });
    expect((await runCli(['claude', 'list'], { env: t.env })).stdout).toContain('API (Foundry)');
    const shown = await runCli(['claude', 'show-api-key', 'azure', '-p', 'foundry'], { env: t.env });
    expect(shown.stdout).toContain('Foundry API Key - azure');
    expect(shown.stdout).toContain('API Key: f0undryK...xyzW');
    expect(shown.stdout).not.toContain(KEY);
    expect(shown.stdout).toMatch(/Haiku Model: claude-haiku-4-5/);
  });

  it('warns about a key given in argv, like every secret', async () => {
    const added = await add(['--base-url', 'https://my-resource.services.ai.azure.com/anthropic', '--api-key', KEY]);
    expect(added.code).toBe(0);
    expect(added.stderr).toMatch(/--api-key/);
    expect(added.stderr).not.toContain(KEY);
  });

  it('hands over exactly its variables in bash, fish and exec, with other providers cleared', async () => {
    expect((await add(['--base-url', 'https://my-resource.services.ai.azure.com/anthropic', '--api-key-env', 'FKEY'].concat([]), undefined)).code).toBe(1);
    const env = { ...t.env, FKEY: KEY };
    const added = await runCli(['claude', 'add-api-key', 'azure', '-p', 'foundry', '--base-url', 'https://my-resource.services.ai.azure.com/anthropic', '--api-key-env', 'FKEY'], { env });
    expect(added.code).toBe(0);
    const expected = {
      CLAUDE_CODE_USE_FOUNDRY: '1',
      ANTHROPIC_FOUNDRY_RESOURCE: null,
      ANTHROPIC_FOUNDRY_BASE_URL: 'https://my-resource.services.ai.azure.com/anthropic',
      ANTHROPIC_FOUNDRY_API_KEY: KEY,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: null,
      ANTHROPIC_API_KEY: null,
      CLAUDE_CODE_USE_BEDROCK: null,
      CLAUDE_CODE_USE_VERTEX: null,
      AWS_SECRET_ACCESS_KEY: null,
    };
    const bash = execFileSync('bash', ['-c', `eval "$(${cuti} claude env azure)"; ${DUMP}`], { env: baseEnv({ ...t.env, ...INHERITED }), encoding: 'utf8' });
    expect(JSON.parse(bash)).toEqual(expected);
    const exec = execFileSync(process.execPath, [CLI, 'claude', 'exec', 'azure', '--', 'bash', '-c', DUMP], { env: baseEnv({ ...t.env, ...INHERITED }), encoding: 'utf8' });
    expect(JSON.parse(exec)).toEqual(expected);
    const fishInstalled = (() => {
      try {
        execFileSync('fish', ['-c', 'exit 0']);
        return true;
      } catch {
        return false;
      }
    })();
    if (fishInstalled) {
      const fish = execFileSync('fish', ['-c', `${cuti} claude env azure --shell fish | source; ${DUMP}`], { env: baseEnv({ ...t.env, ...INHERITED }), encoding: 'utf8' });
      expect(JSON.parse(fish)).toEqual(expected);
    }
  });

  it.each([
    ['no resource and no base URL', ['--api-key', KEY], /Foundry requires --resource or --base-url/],
    ['both a resource and a base URL', ['--resource', 'r1', '--base-url', 'https://r1.services.ai.azure.com/anthropic', '--api-key', KEY], /not both/],
    ['a base URL over http', ['--base-url', 'http://r1.services.ai.azure.com/anthropic', '--api-key', KEY], /must use https/],
    ['a resource name with a slash', ['--resource', 'r1/x', '--api-key', KEY], /is not an Azure resource name/],
    ['no key when stdin is no terminal', ['--resource', 'r1'], /Foundry requires an API key/],
    ['a Vertex-only option', ['--resource', 'r1', '--api-key', KEY, '--project-id', 'my-project-123'], /--project-id does not apply to provider foundry/],
  ])('refuses %s with one line, exit 1, nothing written', async (_what, args, message) => {
    await runCli(['claude', 'add-api-key', 'other', '--api-key', SECRETS.anthropicKey], { env: t.env });
    const before = snapshotTree(t.cutiHome);
    const result = await add(args);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')[0]).toMatch(message);
    expect(result.stderr).not.toContain(KEY);
    expect(snapshotTree(t.cutiHome)).toEqual(before);
  });
});
