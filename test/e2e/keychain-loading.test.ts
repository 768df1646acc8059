import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeTempHome, runCli, type TempHome } from '../helpers/cli.js';

/*
 * A home whose secrets are in the keychain, with no keychain anywhere (no D-Bus session):
 * what needs no secret works and never loads the keychain's native binding; what needs
 * one loads it only then, and fails with one line. The references here are made by hand
 * (the real keychain suite is test/keychain/).
 */

const HOME_ID = '0123456789abcdef';
const ref = (name: string, mask: string) => `cuti-keychain:${HOME_ID}/${name}#${mask}`;

describe('the keychain code loads only where a secret is needed', () => {
  let home: TempHome;
  let traceDir: string;
  beforeAll(() => {
    home = makeTempHome();
    const dir = join(home.accountsRoot, 'prod');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(
      join(dir, '.api_keys.json'),
      `{\n  "anthropic": {\n    "api_key": "${ref('a1', 'sk-ant-a...fXYZ')}",\n    "provider": "anthropic",\n    "created": "2025-10-01T00:31:34.953588"\n  }\n}`,
      { mode: 0o600 },
    );
    writeFileSync(join(home.accountsRoot, '.secret-store.json'), `{\n  "store": "keychain",\n  "homeId": "${HOME_ID}"\n}\n`, { mode: 0o600 });
    traceDir = mkdtempSync(join(tmpdir(), 'cuti-trace-'));
    // Records every module the process requires (the CLI bundle loads with require).
    writeFileSync(
      join(traceDir, 'trace.cjs'),
      `const Module = require('node:module'); const fs = require('node:fs'); const load = Module._load;\n` +
        `Module._load = function (request, ...rest) { fs.appendFileSync(process.env.CUTI_TRACE_FILE, request + '\\n'); return load.call(this, request, ...rest); };\n`,
    );
  });
  afterAll(() => {
    home.cleanup();
    rmSync(traceDir, { recursive: true, force: true });
  });

  async function run(args: string[]) {
    const traceFile = join(traceDir, `${args.join('_').replace(/\W/g, '_')}.txt`);
    writeFileSync(traceFile, '');
    const result = await runCli(['claude', ...args], {
      env: { ...home.env, CUTI_TRACE_FILE: traceFile },
      nodeArgs: ['--require', join(traceDir, 'trace.cjs')],
    });
    const loaded = readFileSync(traceFile, 'utf8').split('\n').filter(Boolean);
    return { ...result, keyringLoaded: loaded.some((r) => r.includes('@napi-rs/keyring')) };
  }

  it.each([[['list']], [['list-api-keys', 'prod']], [['info', 'prod']], [['info', 'prod', '--json']], [['show-api-key', 'prod']]])(
    '%j works without the keychain and never loads it',
    async (args) => {
      const result = await run(args);
      expect(result.code, result.stderr).toBe(0);
      expect(result.keyringLoaded).toBe(false);
    },
  );

  it('shows the mask the reference carries', async () => {
    expect((await run(['show-api-key', 'prod'])).stdout).toContain('API Key: sk-ant-a...fXYZ');
  });

  it.each([[['show-api-key', 'prod', '--show-secret']], [['print-key', 'prod']], [['env', 'prod']]])(
    '%j loads it, and without a D-Bus session fails with one line saying so',
    async (args) => {
      const result = await run(args);
      expect(result.code).toBe(1);
      expect(result.keyringLoaded).toBe(true);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n').filter((l) => l.startsWith('✗'))).toEqual([expect.stringContaining('no D-Bus session') as unknown]);
    },
  );
});
