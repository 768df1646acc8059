import { spawn } from 'node:child_process';

import { baseEnv, CLI } from './cli.js';
import { leakedSecrets } from './secrets.js';

/** One exchange with the program: wait until `expect` has been printed, then type `send`. */
export interface PtyStep {
  expect: string;
  send: string;
}

export interface PtyResult {
  /** Everything the terminal showed (stdout and stderr share the terminal), CR-LF as LF. */
  output: string;
  code: number | null;
  /** Set when an expected text never came and the program was killed. */
  timedOut: boolean;
}

// Python's pty module gives the child a real terminal on every Linux/macOS machine,
// without a native Node addon. The parent side waits for each prompt before answering,
// so no keystroke reaches the child before it is listening.
const DRIVER = String.raw`
import fcntl, json, os, pty, select, signal, struct, sys, termios, time
argv, steps, timeout = json.loads(sys.argv[1]), json.loads(sys.argv[2]), float(sys.argv[3])
columns = int(sys.argv[4]) if len(sys.argv) > 4 else 0
pid, fd = pty.fork()
if pid == 0:
    if columns:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    os.execvp(argv[0], argv)
out, seen, timed_out = b"", 0, False
deadline = time.time() + timeout
def pump(wait):
    global out
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return True
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        return False
    if not chunk:
        return False
    out += chunk
    return True
alive = True
for step in steps:
    want = step["expect"].encode()
    while alive and want not in out[seen:]:
        if time.time() > deadline:
            timed_out = True
            break
        alive = pump(0.05)
    if timed_out or want not in out[seen:]:
        timed_out = True
        break
    seen = out.index(want, seen) + len(want)
    os.write(fd, step["send"].encode())
if timed_out:
    os.kill(pid, signal.SIGKILL)
while alive and time.time() <= deadline:
    alive = pump(0.05)
if alive:
    timed_out = True
    os.kill(pid, signal.SIGKILL)
_, status = os.waitpid(pid, 0)
code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
sys.stdout.write(json.dumps({"output": out.decode("utf-8", "replace"), "code": code, "timedOut": timed_out}))
`;

/**
 * Runs the built `cuti` on a real pseudo-terminal (stdin, stdout and stderr all TTYs),
 * answering prompts as a person would.
 */
export function runCliInPty(
  args: string[],
  steps: PtyStep[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; revealsSecrets?: boolean; /** the terminal's width */ columns?: number } = {},
): Promise<PtyResult> {
  const argv = [process.execPath, CLI, ...args];
  const timeoutSeconds = (options.timeoutMs ?? 15_000) / 1000;
  return new Promise((resolve, reject) => {
    const sizeArgs = options.columns === undefined ? [] : [String(options.columns)];
    const driver = spawn('python3', ['-c', DRIVER, JSON.stringify(argv), JSON.stringify(steps), String(timeoutSeconds), ...sizeArgs], {
      env: baseEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    driver.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    driver.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    driver.on('error', reject);
    driver.on('close', (status) => {
      if (status !== 0) {
        reject(new Error(`pty driver failed (${status}): ${stderr.slice(0, 500)}`));
        return;
      }
      const result = JSON.parse(stdout) as PtyResult;
      result.output = result.output.replace(/\r+\n/g, '\n');
      if (!options.revealsSecrets && leakedSecrets(result.output).length > 0) {
        reject(new Error(`cuti ${args.slice(0, 2).join(' ')} showed a secret on the terminal`));
        return;
      }
      resolve(result);
    });
  });
}
