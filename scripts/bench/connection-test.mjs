// `cuti claude test --all` against a loopback server that answers every request after
// 300 ms, as a slow but healthy API would: the time is all in waiting, so it measures how
// many credentials cuti tests at once, plus its start-up and the network code's import.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hrtime } from 'node:process';

import { summarize } from './stats.mjs';

export const CONNECTION_TEST_CASE = 'cuti claude test --all (server answers after 300 ms)';
export const CONNECTION_TEST_ACCOUNTS = 50;
const DELAY_MS = 300;
const CREATED = '2025-10-01T00:31:34.953588';

/** A home of `count` accounts, each with one Anthropic key (placeholders). */
function makeKeyHome(count) {
  const home = mkdtempSync(join(tmpdir(), `cuti-bench-test-${count}-`));
  const cutiHome = join(home, '.cuti');
  const root = join(cutiHome, 'claude-accounts');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const accounts = {};
  for (let i = 0; i < count; i += 1) {
    const name = `key-${String(i).padStart(3, '0')}`;
    mkdirSync(join(root, name), { mode: 0o700 });
    const doc = { anthropic: { api_key: `sk-ant-api03-bench-placeholder-${i}`, provider: 'anthropic', created: CREATED } };
    writeFileSync(join(root, name, '.api_keys.json'), JSON.stringify(doc, null, 2), { mode: 0o600 });
    accounts[name] = { created: CREATED, last_used: 'never', type: 'API', credential_type: 'anthropic_api' };
  }
  writeFileSync(join(root, 'accounts.json'), JSON.stringify({ accounts, active: null, last_updated: CREATED }, null, 2), { mode: 0o600 });
  return { home, cutiHome, count, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

function startSlowServer() {
  const server = createServer((req, res) => {
    req.resume();
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ type: 'model', id: 'claude-bench' }], has_more: false }));
    }, DELAY_MS);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** One run, timed from spawn to exit; asynchronous, so the server in this process keeps answering. */
function timeRun(cli, env, count) {
  return new Promise((resolve, reject) => {
    const started = hrtime.bigint();
    const child = spawn(process.execPath, [cli, 'claude', 'test', '--all', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(hrtime.bigint() - started) / 1e6;
      if (code !== 0 || stderr !== '') return reject(new Error(`cuti claude test --all exited ${code}: ${stderr.slice(0, 500)}`));
      const doc = JSON.parse(stdout);
      const works = doc.results.filter((r) => r.verdict === 'works').length;
      if (works !== count) return reject(new Error(`cuti claude test --all: ${works} of ${count} credentials work, expected all`));
      resolve(ms);
    });
  });
}

/** Samples of `rounds` timed runs after `warmup` untimed ones. */
export async function measureConnectionTest(cli, { rounds, warmup, onHome }) {
  const server = await startSlowServer();
  const home = makeKeyHome(CONNECTION_TEST_ACCOUNTS);
  onHome?.(home);
  try {
    const env = {
      PATH: process.env.PATH,
      HOME: home.home,
      CUTI_HOME: home.cutiHome,
      NO_COLOR: '1',
      ANTHROPIC_BASE_URL: `http://127.0.0.1:${server.address().port}`,
    };
    const samples = [];
    for (let r = 0; r < warmup + rounds; r += 1) {
      const ms = await timeRun(cli, env, home.count);
      if (r >= warmup) samples.push(ms);
    }
    return summarize(samples);
  } finally {
    home.cleanup();
    await new Promise((resolve) => server.close(resolve));
  }
}
