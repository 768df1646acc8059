#!/usr/bin/env node
// Time to first frame of `cuti claude tui` in a pseudo-terminal (util-linux `script`),
// from spawn until the account list is on screen, then `q`. Run `npx tsup` first.
// Usage: node scripts/bench-tui.mjs [runs] [accounts]   (defaults: 15 runs, 20 accounts)
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';

const RUNS = Number(process.argv[2] ?? 15);
const ACCOUNTS = Number(process.argv[3] ?? 20);
const CLI = resolve(import.meta.dirname, '../dist/cli.js');
const TIMEOUT_MS = 20_000;

const home = mkdtempSync(join(tmpdir(), 'cuti-bench-tui-'));
const root = join(home, '.cuti', 'claude-accounts');
// CI is left out on purpose: with it set, Ink draws nothing until exit.
const env = { PATH: process.env.PATH, HOME: home, CUTI_HOME: join(home, '.cuti'), TERM: 'xterm-256color', LANG: 'C.UTF-8' };

// Accounts written straight to disk in the layout cuti reads (placeholder keys, throw-away home).
mkdirSync(root, { recursive: true, mode: 0o700 });
for (let i = 0; i < ACCOUNTS; i += 1) {
  const dir = join(root, `bench-${String(i).padStart(5, '0')}`);
  mkdirSync(dir, { mode: 0o700 });
  const file = join(dir, '.api_keys.json');
  const entry = { api_key: `sk-ant-api03-bench-placeholder-${i}`, provider: 'anthropic', created: '2025-10-01T00:31:34.953588' };
  writeFileSync(file, `${JSON.stringify({ anthropic: entry }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

const shellQuote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Milliseconds from spawn until `marker` appears on the pty, then quits with q. */
function timeToOutput(command, marker) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let elapsed = null;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "${marker}" within ${TIMEOUT_MS} ms; got: ${JSON.stringify(output.slice(-300))}`));
    }, TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      if (elapsed === null && output.includes(marker)) {
        elapsed = Number(process.hrtime.bigint() - started) / 1e6;
        child.stdin.write('q');
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      if (elapsed === null) reject(new Error(`exited before "${marker}": ${JSON.stringify(output.slice(-300))}`));
      else resolvePromise(elapsed);
    });
  });
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `median ${median.toFixed(1)} ms  min ${sorted[0].toFixed(1)} ms  max ${sorted.at(-1).toFixed(1)} ms`;
}

async function bench(label, command, marker) {
  await timeToOutput(command, marker); // warm-up: file cache
  const samples = [];
  for (let i = 0; i < RUNS; i += 1) samples.push(await timeToOutput(command, marker));
  console.log(`${label.padEnd(44)} ${stats(samples)}`);
}

try {
  const node = shellQuote(process.execPath);
  console.log(`${RUNS} runs each, ${ACCOUNTS} accounts, Node ${process.version}`);
  await bench('pty baseline: node -e (prints a marker)', `${node} -e "console.log('ready')"`, 'ready');
  const tui = `${node} ${shellQuote(CLI)} claude tui`;
  // The first frame (header, spinner) and then the frame with the accounts listed.
  await bench('cuti claude tui: first frame', tui, 'Claude credentials');
  await bench('cuti claude tui: accounts listed', tui, 'bench-');
} finally {
  rmSync(home, { recursive: true, force: true });
}
