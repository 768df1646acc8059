import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLI, makeTempHome, type TempHome } from '../helpers/cli.js';
import { createModuleTracer, type ModuleTracer } from '../helpers/module-trace.js';
import { SECRETS } from '../helpers/secrets.js';

/**
 * The network code (HTTP with proxies, the SigV4 signer) belongs to `cuti claude test` alone: it is a
 * bundle of its own under dist/net/, which only that command imports. Checked in the
 * build (no network library in the launcher or the CLI bundle) and at run time (which
 * modules each command loads).
 */

const DIST = dirname(CLI);
const NET_DIST = join(DIST, 'net');
const CLI_BUNDLE = join(DIST, 'cuti.cjs');
// String literals that survive minifying: SigV4's algorithm name, the proxy tunnel's refusal.
const NETWORK_MARKERS = ['AWS4-HMAC-SHA256', 'to CONNECT'];

const hasNetworkCode = (file: string) => NETWORK_MARKERS.some((marker) => readFileSync(file, 'utf8').includes(marker));

describe('plain commands do not load the network code', () => {
  it('the network code is in dist/net only, reached through one dynamic import', () => {
    const netFiles = readdirSync(NET_DIST).filter((f) => f.endsWith('.js')).map((f) => join(NET_DIST, f));
    // Without this the checks below would pass for the wrong reason.
    expect(netFiles.filter(hasNetworkCode).length).toBeGreaterThan(0);
    for (const file of [CLI, CLI_BUNDLE]) {
      expect(hasNetworkCode(file), `${file} holds network code`).toBe(false);
      expect(readFileSync(file, 'utf8')).not.toMatch(/require\(["']@smithy\//);
    }
    expect(readFileSync(CLI, 'utf8')).toContain('import("./net/connection-test.js")');
  });

  describe('at run time', () => {
    let home: TempHome;
    let tracer: ModuleTracer;
    beforeAll(() => {
      home = makeTempHome();
      tracer = createModuleTracer();
    });
    afterAll(() => {
      home.cleanup();
      tracer.cleanup();
    });

    const loadedBy = async (args: string[], env: NodeJS.ProcessEnv = {}) => (await tracer.loadedBy(args, { ...home.env, ...env })).urls;

    const networkFiles = (urls: string[]) =>
      urls
        .filter((u) => u.startsWith('file:'))
        .map((u) => fileURLToPath(u))
        .filter((f) => f.startsWith(NET_DIST) || /node_modules\/@smithy\//.test(f) || hasNetworkCode(f));

    it.each([
      ['add-api-key', ['claude', 'add-api-key', 'prod', '-k', SECRETS.anthropicKey]],
      ['use', ['claude', 'use', 'prod']],
      ['list', ['claude', 'list']],
      ['show-api-key', ['claude', 'show-api-key', 'prod']],
      ['info', ['claude', 'info', 'prod']],
      ['status', ['claude', 'status']],
      ['test --help', ['claude', 'test', '--help']],
    ])('%s loads no network module', async (_label, args) => {
      const urls = await loadedBy(args);
      expect(urls).toContain(new URL(`file://${CLI}`).href);
      expect(networkFiles(urls)).toEqual([]);
    });

    it('`cuti claude test` does load it (the check above can fail)', async () => {
      const urls = await loadedBy(['claude', 'test', 'prod', '--timeout', '1'], { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
      expect(networkFiles(urls)).toContain(join(NET_DIST, 'connection-test.js'));
    });
  });
});
