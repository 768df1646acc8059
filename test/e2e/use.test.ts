import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { baseEnv, CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { runInProcess, runInTerminal } from '../helpers/in-process.js';
import { leakedSecrets, SECRETS } from '../helpers/secrets.js';

// A settings file as a person keeps it: odd spacing, nesting, non-ASCII, a trailing newline.
const SETTINGS = `{
    "permissions": {"allow": ["Bash(npm test:*)"], "deny": []},
    "env": { "FOO": "bar" },
    "hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "echo \\"hi\\""}]}]},
    "statusLine": {"type":"command","command":"~/bin/status.sh"},
    "model": "opus",
    "note": "snowman ☃"
}
`;

let t: TempHome;
let claudeDir: string;

beforeEach(async () => {
  t = makeTempHome();
  claudeDir = join(t.home, '.claude');
  for (const [name, key] of [['work', SECRETS.anthropicKey], ['work2', SECRETS.anthropicKey2]] as const) {
    expect((await runInProcess(['claude', 'add-api-key', name, '--api-key', '-'], { env: t.env, input: key })).code).toBe(0);
  }
});
afterEach(() => t.cleanup());

interface Meta {
  active: string | null;
  accounts: Record<string, { last_used: string; credential_type?: string }>;
}
function meta(): Meta {
  return JSON.parse(readFileSync(join(t.accountsRoot, 'accounts.json'), 'utf8')) as Meta;
}

/** Runs the apiKeyHelper command the way Claude Code does: through /bin/sh, stdout is the key. */
function runHelper(command: string): string {
  return execFileSync('/bin/sh', ['-c', command], { env: { PATH: '/usr/bin:/bin', HOME: t.home }, encoding: 'utf8' });
}

describe('cuti claude use', () => {
  it('marks the account active, records Last Used, and list shows it', async () => {
    const r = await runInProcess(['claude', 'use', 'work'], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ Switched to account: work');
    expect(meta().active).toBe('work');
    expect(meta().accounts.work?.last_used).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    expect(meta().accounts.work2?.last_used).toBe('never');
    const list = await runInProcess(['claude', 'list'], { env: t.env });
    expect(list.stdout).toMatch(/│ work +│ API \(Anthropic\) +│ [\d-]+ +│ [\d-]+ [\d:]+ +│ 🟢 Active │/);
    expect(list.stdout).toContain('Active Account: work');
    // Switching moves the marker.
    expect((await runInProcess(['claude', 'use', 'work2'], { env: t.env })).code).toBe(0);
    expect(meta().active).toBe('work2');
  });

  it('says when a key exported in the shell would override the account', async () => {
    const r = await runInProcess(['claude', 'use', 'work'], { env: { ...t.env, ANTHROPIC_API_KEY: SECRETS.anthropicKey2 } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("⚠ ANTHROPIC_API_KEY set in this shell (sk-ant-a...uQRS) overrides the active account 'work'");
  });

  it('refuses an unknown account or a provider the account lacks, changing nothing', async () => {
    const unknown = await runInProcess(['claude', 'use', 'nobody'], { env: t.env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("✗ Account 'nobody' not found");
    const provider = await runInProcess(['claude', 'use', 'work', '-p', 'bedrock'], { env: t.env });
    expect(provider.code).toBe(1);
    expect(meta().active).toBeNull();
  });
});

describe('cuti claude use --claude-code (apiKeyHelper)', () => {
  it('merges apiKeyHelper into settings.json: other bytes kept, backup first, no secret written', async () => {
    // Spawned: the helper it writes runs this same binary through /bin/sh.
    mkdirSync(claudeDir);
    writeFileSync(join(claudeDir, 'settings.json'), SETTINGS);
    const r = await runCli(['claude', 'use', 'work', '--claude-code', '--yes'], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`✓ apiKeyHelper set in ${join(claudeDir, 'settings.json')}`);
    expect(r.stdout).toContain("✓ Claude Code will use the active account 'work' (apiKeyHelper in");

    const after = readFileSync(join(claudeDir, 'settings.json'), 'utf8');
    const helper = (JSON.parse(after) as { apiKeyHelper: string }).apiKeyHelper;
    expect(helper).toContain('claude print-key');
    // Byte for byte: the old text, plus exactly one property.
    expect(after).toBe(SETTINGS.replace('"note": "snowman ☃"\n}', `"note": "snowman ☃",\n    "apiKeyHelper": ${JSON.stringify(helper)}\n}`));
    expect(leakedSecrets(after)).toEqual([]);

    const backupRoot = join(t.cutiHome, 'backups', 'claude-code');
    const [backup] = readdirSync(backupRoot);
    expect(readFileSync(join(backupRoot, backup ?? '', 'settings.json'), 'utf8')).toBe(SETTINGS);

    // Claude Code runs it through /bin/sh, without cuti's environment: it prints the active key.
    expect(runHelper(helper)).toBe(`${SECRETS.anthropicKey}\n`);
    expect((await runCli(['claude', 'use', 'work2'], { env: t.env })).code).toBe(0);
    expect(runHelper(helper)).toBe(`${SECRETS.anthropicKey2}\n`);

    // Running it again changes nothing.
    const again = await runCli(['claude', 'use', 'work', '--claude-code', '--yes'], { env: t.env });
    expect(again.stdout).toContain('already runs cuti claude print-key');
    expect(readFileSync(join(claudeDir, 'settings.json'), 'utf8')).toBe(after);
  });

  it('creates settings.json when there is none, and respects CLAUDE_CONFIG_DIR', async () => {
    const cfg = join(t.home, 'cfg-work');
    const r = await runInProcess(['claude', 'use', 'work', '--claude-code', '--yes'], { env: { ...t.env, CLAUDE_CONFIG_DIR: cfg } });
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(cfg, 'settings.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(doc)).toEqual(['apiKeyHelper']);
    expect(existsSync(join(claudeDir, 'settings.json'))).toBe(false);
  });

  it('writes through a symlinked settings.json (dotfiles) instead of replacing the link', async () => {
    const dotfiles = join(t.home, 'dotfiles');
    mkdirSync(dotfiles);
    mkdirSync(claudeDir);
    writeFileSync(join(dotfiles, 'settings.json'), SETTINGS);
    symlinkSync(join(dotfiles, 'settings.json'), join(claudeDir, 'settings.json'));
    expect((await runInProcess(['claude', 'use', 'work', '--claude-code', '--yes'], { env: t.env })).code).toBe(0);
    expect(lstatSync(join(claudeDir, 'settings.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dotfiles, 'settings.json'), 'utf8')).toContain('"apiKeyHelper"');
  });

  it('asks first: without a terminal and without --yes it refuses, and nothing changes', async () => {
    mkdirSync(claudeDir);
    writeFileSync(join(claudeDir, 'settings.json'), SETTINGS);
    const r = await runInProcess(['claude', 'use', 'work', '--claude-code'], { env: t.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Re-run with --yes');
    expect(readFileSync(join(claudeDir, 'settings.json'), 'utf8')).toBe(SETTINGS);
    expect(existsSync(join(t.accountsRoot, 'accounts.json')) ? meta().active : null).toBeNull();
  });

  it('on a terminal, answering y applies it', async () => {
    const r = await runInTerminal(['claude', 'use', 'work', '--claude-code'], [{ expect: '[y/N]: ', send: 'y\r' }], { env: t.env });
    expect(r.code).toBe(0);
    expect(r.output).toContain('Claude Code will run this to get the key');
    expect(JSON.parse(readFileSync(join(claudeDir, 'settings.json'), 'utf8'))).toHaveProperty('apiKeyHelper');
  });

  it('refuses a settings.json that is not strict JSON, and an account without an Anthropic key', async () => {
    mkdirSync(claudeDir);
    const broken = '{ "model": "opus", }\n';
    writeFileSync(join(claudeDir, 'settings.json'), broken);
    const r = await runInProcess(['claude', 'use', 'work', '--claude-code', '--yes'], { env: t.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`✗ ${join(claudeDir, 'settings.json')}: not a valid JSON object`);
    expect(readFileSync(join(claudeDir, 'settings.json'), 'utf8')).toBe(broken);
    mkdirSync(join(t.accountsRoot, 'empty'));
    writeFileSync(join(claudeDir, 'settings.json'), '{}\n');
    const noKey = await runInProcess(['claude', 'use', 'empty', '--claude-code', '--yes'], { env: t.env });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('No anthropic API key found for account: empty');
    expect(readFileSync(join(claudeDir, 'settings.json'), 'utf8')).toBe('{}\n');
  });

  it("without -p hands over a cloud account's only provider, and asks which when there are several", async () => {
    const add = async (...args: string[]) =>
      expect((await runInProcess(['claude', 'add-api-key', ...args], { env: { ...t.env, S: SECRETS.secretAccessKey, K: SECRETS.anthropicKey } })).code).toBe(0);
    await add('bed', '-p', 'bedrock', '-k', 'm', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key-env', 'S');
    const bed = await runInProcess(['claude', 'use', 'bed', '--claude-code', '--yes'], { env: t.env });
    expect(bed.code, bed.stderr).toBe(0);
    const settings = JSON.parse(readFileSync(join(claudeDir, 'settings.json'), 'utf8')) as { awsCredentialExport?: string; apiKeyHelper?: string; env?: Record<string, string> };
    expect(settings.awsCredentialExport).toMatch(/claude print-aws$/);
    expect(settings.apiKeyHelper).toBeUndefined();
    expect(settings.env?.CLAUDE_CODE_USE_BEDROCK).toBe('1');

    await add('clouds', '-p', 'bedrock', '-k', 'm', '-r', 'us-east-1', '--access-key', SECRETS.accessKeyId, '--secret-key-env', 'S');
    await add('clouds', '-p', 'foundry', '--resource', 'my-res', '--api-key-env', 'K');
    const before = readFileSync(join(claudeDir, 'settings.json'), 'utf8');
    const several = await runInProcess(['claude', 'use', 'clouds', '--claude-code', '--yes'], { env: t.env });
    expect(several.code).toBe(1);
    expect(several.stderr.trim()).toBe('✗ Account clouds holds bedrock and foundry credentials; choose which to hand over with -p');
    expect(readFileSync(join(claudeDir, 'settings.json'), 'utf8')).toBe(before);
  });
});

describe('cuti claude print-key', () => {
  it('prints only the key, for the active or a named account', async () => {
    expect((await runInProcess(['claude', 'use', 'work'], { env: t.env })).code).toBe(0);
    const active = await runInProcess(['claude', 'print-key'], { env: t.env, revealsSecrets: true });
    expect(active).toMatchObject({ code: 0, stdout: `${SECRETS.anthropicKey}\n`, stderr: '' });
    const named = await runInProcess(['claude', 'print-key', 'work2'], { env: t.env, revealsSecrets: true });
    expect(named.stdout).toBe(`${SECRETS.anthropicKey2}\n`);
  });

  it('through /bin/sh -c as Claude Code runs apiKeyHelper', () => {
    const command = `CUTI_HOME='${t.cutiHome}' '${process.execPath}' '${CLI}' claude print-key work`;
    expect(runHelper(command)).toBe(`${SECRETS.anthropicKey}\n`);
  });

  it('fails with nothing on stdout when there is no key to print', async () => {
    const none = await runInProcess(['claude', 'print-key'], { env: t.env });
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(none.stderr).toContain('No active account');
    const r = execFileSync('/bin/sh', ['-c', `'${process.execPath}' '${CLI}' claude print-key nobody; echo "rc=$?"`], {
      env: baseEnv(t.env),
      encoding: 'utf8',
    });
    expect(r).toBe('rc=1\n');
  });
});
