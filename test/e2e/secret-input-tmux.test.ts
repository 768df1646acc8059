import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { quotePosix } from '../../src/domain/shell-quote.js';
import { CLI, makeTempHome, type TempHome } from '../helpers/cli.js';
import { leakedSecrets, SECRETS } from '../helpers/secrets.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';

let t: TempHome;
let session: TmuxSession | undefined;
beforeEach(() => (t = makeTempHome()));
afterEach(() => {
  session?.kill();
  t.cleanup();
});

const cuti = `${quotePosix(process.execPath)} ${quotePosix(CLI)}`;

describe.skipIf(!HAS_TMUX)('in a real terminal (tmux)', () => {
  it('prompted and piped keys are stored, the screen shows only *, and Ctrl-C in exec reaches the child once', async () => {
    const script = [
      // Job control, as in an interactive shell: Ctrl-C goes to the running command only.
      'set -m',
      `${cuti} claude add-api-key typed; echo "rc1=$?"`,
      `printf '%s' ${quotePosix(SECRETS.anthropicKey2)} | ${cuti} claude add-api-key piped --api-key -; echo "rc2=$?"`,
      `${cuti} claude exec typed -- sh -c 'echo "inner:$CUTI_EXEC_ACCOUNT"; sleep 30'; echo "exec-rc=$?"`,
    ].join('; ');
    session = TmuxSession.start(script, { env: { HOME: t.home, CUTI_HOME: t.cutiHome, PATH: process.env.PATH ?? '', TERM: 'xterm' } });
    await session.waitFor('Anthropic API key:');
    session.sendText(SECRETS.anthropicKey);
    session.sendKeys('Enter');
    await session.waitFor('rc2=0');
    await session.waitFor('inner:typed');
    session.sendKeys('C-c');
    const screen = await session.waitFor('exec-rc=');
    expect(screen).toContain(`Anthropic API key: ${'*'.repeat(SECRETS.anthropicKey.length)}`);
    expect(screen).toContain('rc1=0');
    // sh died of the one SIGINT the terminal sent; cuti passed its status on.
    expect(screen).toContain('exec-rc=130');
    expect(leakedSecrets(screen)).toEqual([]);
    const keys = (name: string) => (JSON.parse(readFileSync(join(t.accountsRoot, name, '.api_keys.json'), 'utf8')) as { anthropic: { api_key: string } }).anthropic.api_key;
    expect(keys('typed')).toBe(SECRETS.anthropicKey);
    expect(keys('piped')).toBe(SECRETS.anthropicKey2);
  });
});
