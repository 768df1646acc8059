import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeTempHome, type TempHome } from '../helpers/cli.js';
import { runInProcess, runInTerminal } from '../helpers/in-process.js';
import { SECRETS } from '../helpers/secrets.js';

/*
 * Every command cuti suggests ("To use: …", "Add one with: …") is pasted by someone.
 * Pasted into a real shell, it must pass the account name as one argument, exactly, and
 * run nothing in it. Each suggestion printed for hostile names is run with sh against a
 * stand-in `cuti` that records its arguments.
 */
const NAMES = ['x$(touch PWNED)`touch PWNED2`', 'two  words', "it's", 'a;touch PWNED3'];

let t: TempHome;
let fake: { bin: string; log: string; cwd: string };
beforeAll(async () => {
  t = makeTempHome();
  fake = { bin: join(t.home, 'fakebin'), log: join(t.home, 'args.log'), cwd: join(t.home, 'cwd') };
  mkdirSync(fake.bin);
  mkdirSync(fake.cwd);
  writeFileSync(join(fake.bin, 'cuti'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done >> '${fake.log}'\nprintf '\\n\\0' >> '${fake.log}'\n`);
  chmodSync(join(fake.bin, 'cuti'), 0o755);
  for (const name of NAMES) {
    const added = await runInProcess(['claude', 'add-api-key', name, '-k', '-'], { env: t.env, input: SECRETS.anthropicKey });
    expect(added.code, added.stderr).toBe(0);
    mkdirSync(join(t.accountsRoot, `${name} empty`));
  }
});
afterAll(() => t.cleanup());

/** The pasteable part of each line that suggests a command. */
function suggestions(output: string): string[] {
  return output
    .split('\n')
    .map((line) => /(eval "\$\(cuti claude .*|cuti claude .*)$/.exec(line)?.[1])
    .filter((s): s is string => s !== undefined)
    .map((s) => s.replace(/\s{2,}\(.*\)$/, '').trim());
}

/** Runs a suggested line as sh would after a paste; returns the argument lists `cuti` got. */
function paste(line: string): string[][] {
  rmSync(fake.log, { force: true });
  execFileSync('sh', ['-c', line], { cwd: fake.cwd, env: { PATH: `${fake.bin}:/usr/bin:/bin` }, stdio: 'ignore' });
  expect(readdirSync(fake.cwd), `pasting ${line} ran something`).toEqual([]);
  const calls = readFileSync(fake.log, 'utf8').split('\n\0').filter(Boolean);
  return calls.map((call) => call.split('\0').filter(Boolean));
}

async function outputsFor(name: string): Promise<string[]> {
  const env = t.env;
  const runs = await Promise.all([
    runInProcess(['claude', 'add-api-key', name, '-k', '-'], { env, input: SECRETS.anthropicKey2 }),
    runInProcess(['claude', 'use', name], { env }),
    runInProcess(['claude', 'status'], { env }),
    runInProcess(['claude', 'show-api-key', name, '-p', 'bedrock'], { env }),
    runInProcess(['claude', 'list-api-keys', `${name} empty`], { env }),
    runInProcess(['claude', 'env', `${name} empty`], { env }),
  ]);
  const pty = await runInTerminal(['claude', 'env', name], [], { env });
  return [...runs.map((r) => r.stdout + r.stderr), pty.output];
}

describe('suggested commands paste safely', () => {
  it.each(NAMES)('for the account %j', async (name) => {
    await runInProcess(['claude', 'use', name], { env: t.env });
    // Lines about this account (not `cuti claude list`, `env --unset`, placeholders).
    const lines = (await outputsFor(name)).flatMap(suggestions).filter((l) => !/<account>|--unset|claude (list|tui)\b/.test(l));
    // add-api-key, use (2), status (3), show-api-key, list-api-keys, env without keys, env on a terminal (3).
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const line of lines) {
      expect(line).not.toMatch(/--api-key(?! -)\s+\S/); // never a key on the command line
      const calls = paste(line);
      expect(calls.length, line).toBeGreaterThan(0);
      // The name arrives as one argument, exactly as it is.
      expect(calls.some((args) => args.includes(name) || args.includes(`${name} empty`)), `${line} → ${JSON.stringify(calls)}`).toBe(true);
    }
  }, 60_000);
});
