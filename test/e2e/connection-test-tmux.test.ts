import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { quotePosix } from '../../src/domain/shell-quote.js';
import { CLI, makeTempHome, type TempHome } from '../helpers/cli.js';
import { startFakeApis, type FakeApis } from '../helpers/fake-claude-apis.js';
import { assertNoSecrets, SECRETS } from '../helpers/secrets.js';
import { anthropicEntry, seedAccount } from '../helpers/seed-accounts.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';

/**
 * The built `cuti claude tui` in a real terminal: `t` against a loopback Anthropic that
 * answers after 1.5 s. The spinner shows, the list moves meanwhile, then the mark and
 * time, and the detail screen's verdict; nothing secret is ever on screen.
 */

let apis: FakeApis;
let home: TempHome;
let session: TmuxSession | undefined;
beforeAll(async () => {
  apis = await startFakeApis({ anthropicKeys: { [SECRETS.anthropicKey]: 'works' }, awsKeys: {}, bedrockTokens: {}, bedrockModels: {}, delayMs: 1500 });
});
afterAll(() => apis.close());
afterEach(() => {
  session?.kill();
  home.cleanup();
});

const rowOf = (screen: string, name: string) => screen.split('\n').find((line) => line.includes(name) && /\d{4}-\d\d-\d\d/.test(line)) ?? '';

describe.skipIf(!HAS_TMUX)('t in the real TUI (tmux)', () => {
  it('spinner while testing, the list still moves, then ✓ with the time; the verdict on the detail screen', async () => {
    home = makeTempHome();
    seedAccount(home.accountsRoot, 'alpha', { apiKeys: anthropicEntry(SECRETS.anthropicKey) });
    seedAccount(home.accountsRoot, 'beta', { apiKeys: anthropicEntry(SECRETS.anthropicKey2) });
    const script = `${quotePosix(process.execPath)} ${quotePosix(CLI)} claude tui; echo "TUI-EXIT=$?"`;
    const env = { ...home.env, PATH: process.env.PATH, TERM: 'xterm-256color', LANG: 'C.UTF-8', ANTHROPIC_BASE_URL: apis.url };
    session = TmuxSession.start(script, { columns: 100, rows: 24, env });
    const screens: string[] = [];
    const waitFor = async (check: (screen: string) => boolean, what: string, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const screen = session!.capture();
        screens.push(screen);
        if (check(screen)) return screen;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    await waitFor((s) => rowOf(s, 'alpha').includes('❯'), 'the list');
    session.sendKeys('t');
    await waitFor((s) => / test\s*$/.test(rowOf(s, 'alpha')), 'the spinner in alpha’s row');
    session.sendKeys('j');
    await waitFor((s) => rowOf(s, 'beta').includes('❯'), 'the selection to move while testing');
    expect(rowOf(session.capture(), 'alpha')).toMatch(/ test\s*$/);
    await waitFor((s) => /✓ \d\d:\d\d\s*$/.test(rowOf(s, 'alpha')), 'the mark');
    session.sendKeys('k', 'Enter');
    const detail = await waitFor((s) => s.includes('Connection test') && s.includes('works'), 'the verdict on the detail screen');
    expect(detail).toMatch(/✓ anthropic\s+works\s+key accepted/);
    session.sendKeys('q');
    await waitFor((s) => s.includes('TUI-EXIT=0'), 'a clean exit');
    for (const screen of screens) assertNoSecrets(screen, 'tmux screen');
  }, 60_000);
});
