import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { baseEnv, CLI, makeTempHome, runCli, type TempHome } from '../helpers/cli.js';
import { SECRETS } from '../helpers/secrets.js';

/*
 * `exec` stands between a terminal or supervisor and the program holding the
 * credentials: every signal sent to cuti must reach the program, so it is never left
 * running, orphaned, when cuti goes; and the variables that steer a credential
 * elsewhere must not reach it.
 */

const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGTERM'] as const;

let t: TempHome;
let child: string;
beforeEach(async () => {
  t = makeTempHome();
  expect((await runCli(['claude', 'add-api-key', 'work', '--api-key', SECRETS.anthropicKey], { env: t.env })).code).toBe(0);
  // Reports each signal it gets, one line each; exits 42 on SIGTERM.
  child = join(t.home, 'child.cjs');
  writeFileSync(
    child,
    `for (const s of ${JSON.stringify(SIGNALS)}) process.on(s, () => { process.stdout.write('got ' + s + '\\n'); if (s === 'SIGTERM') process.exit(42); });
process.stdout.write('ready ' + process.pid + '\\n');
setInterval(() => {}, 1000);
`,
  );
});
afterEach(() => t.cleanup());

describe('exec forwards every signal', () => {
  it('passes SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2 and SIGTERM on to the child (stdin not a terminal)', async () => {
    const cuti = spawn(process.execPath, [CLI, 'claude', 'exec', 'work', '--', process.execPath, child], { env: baseEnv(t.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const seen = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`never saw '${text}' in: ${out}`)), 10_000);
        const check = () => {
          if (!out.includes(text)) return;
          clearTimeout(timer);
          resolve();
        };
        cuti.stdout.on('data', check);
        check();
      });
    cuti.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = new Promise<number | null>((resolve) => cuti.on('exit', (code) => resolve(code)));
    await seen('ready');
    for (const signal of SIGNALS) {
      cuti.kill(signal);
      await seen(`got ${signal}`);
    }
    expect(await exited).toBe(42);
    // cuti itself did not open Node's inspector on SIGUSR1.
    expect(out).not.toContain('Debugger listening');
  });

  it('with stdin a terminal: a SIGINT sent to cuti alone reaches the child, in cooked and in raw mode; a raw Ctrl-C is no signal', () => {
    // A real terminal (Python's pty): cuti and the child are its foreground process group.
    const driver = String.raw`
import os, pty, select, signal, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(sys.argv[1], sys.argv[1:], os.environ)
out = b""
def until(text, timeout=10):
    global out
    end = time.time() + timeout
    while text.encode() not in out and time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try: out += os.read(fd, 4096)
            except OSError: break
    return text.encode() in out
until("ready")
os.kill(pid, signal.SIGINT)           # a supervisor's SIGINT, to cuti only (terminal in cooked mode)
until("got SIGINT 1")
os.write(fd, b"r\n")                  # the child switches the terminal to raw mode, as Claude Code does
until("raw")
os.kill(pid, signal.SIGINT)           # passed on at once
until("got SIGINT 2")
os.write(fd, b"")                 # Ctrl-C in raw mode: a keypress, not a signal
until("key 3")
time.sleep(0.5)
os.kill(pid, signal.SIGTERM)
until("got SIGTERM")
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
sys.stdout.write("\nexit=%d\n" % os.waitstatus_to_exitcode(status))
`;
    const rawChild = join(t.home, 'raw.cjs');
    writeFileSync(
      rawChild,
      `let n = 0;
process.on('SIGINT', () => process.stdout.write('got SIGINT ' + ++n + '\\n'));
process.on('SIGTERM', () => { process.stdout.write('got SIGTERM\\n'); process.exit(42); });
process.stdin.on('data', (d) => {
  if (d[0] === 0x72) { process.stdin.setRawMode(true); process.stdout.write('raw\\n'); }
  else process.stdout.write('key ' + d[0] + '\\n');
});
process.stdout.write('ready\\n');
`,
    );
    const r = spawnSync('python3', ['-c', driver, process.execPath, CLI, 'claude', 'exec', 'work', '--', process.execPath, rawChild], {
      env: baseEnv(t.env),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('key 3');
    // Each SIGINT sent to cuti reached the child once; the raw Ctrl-C was a key.
    expect(r.stdout.split(/\r?\n/).filter((l) => l.startsWith('got SIGINT'))).toEqual(['got SIGINT 1', 'got SIGINT 2']);
    expect(r.stdout).toContain('exit=42');
  });
});

describe('exec and env clear the variables that steer a credential elsewhere', () => {
  const STEERING = {
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/gateway',
    ANTHROPIC_BEDROCK_BASE_URL: 'http://127.0.0.1:9/bedrock',
    CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1',
    CLAUDE_CODE_USE_MANTLE: '1',
    CLAUDE_CODE_USE_ANTHROPIC_AWS: '1',
    ANTHROPIC_DEFAULT_SONNET_MODEL: 'arn:aws:bedrock:us-east-1:1:application-inference-profile/x',
    ANTHROPIC_DEFAULT_OPUS_MODEL: 'us.anthropic.claude-opus-4-8',
    ANTHROPIC_DEFAULT_FUTURE_MODEL: 'x',
    CLAUDE_CODE_SKIP_FUTURE_AUTH: '1',
  };

  it('exec: none reaches the child', async () => {
    const dump = `for (const k of ${JSON.stringify(Object.keys(STEERING))}) console.log(k + '=' + (process.env[k] ?? '<unset>'))`;
    const r = await runCli(['claude', 'exec', 'work', '--', process.execPath, '-e', dump], { env: { ...t.env, ...STEERING } });
    expect(r.code).toBe(0);
    for (const name of Object.keys(STEERING)) expect(r.stdout).toContain(`${name}=<unset>`);
  });

  it('env: the export script unsets each', async () => {
    const r = await runCli(['claude', 'env', 'work', '--shell', 'bash'], { env: { ...t.env, ...STEERING }, revealsSecrets: true });
    for (const name of Object.keys(STEERING)) expect(r.stdout).toContain(`unset ${name}`);
  });
});
