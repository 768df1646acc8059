import type { ChildProcess } from 'node:child_process';
import { chownSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { snapshotTree } from '../helpers/fs-snapshot.js';

/** Entries whose permissions are other than cuti promises (0700 dirs, 0600 files). */
export function modeProblems(root: string): string[] {
  return Object.entries(snapshotTree(root))
    .filter(([, e]) => (e.type === 'dir' && e.mode !== 0o700) || (e.type === 'file' && e.mode !== 0o600))
    .map(([path, e]) => `${path || '.'} ${e.mode.toString(8)}`);
}

/** write-file-atomic's temp files (`<file>.<digits>`) and proper-lockfile's `<file>.lock` dirs. */
export function leftovers(root: string): string[] {
  return Object.keys(snapshotTree(root)).filter((p) => /\.json\.\d+$/.test(p) || p.endsWith('.lock'));
}

/** Runs async jobs with at most `limit` in flight, keeping results in order. */
export async function runLimited<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** `nobody`: the user cuti runs as in permission tests when the harness is root. */
export const NOBODY = { uid: 65534, gid: 65534 } as const;

/** Gives a temp home to `owner`, so cuti running as that user owns its files. */
export function chownTree(root: string, owner: { uid: number; gid: number } = NOBODY): void {
  for (const [path, entry] of Object.entries(snapshotTree(root))) {
    if (entry.type !== 'symlink') chownSync(path === '' ? root : join(root, path), owner.uid, owner.gid);
  }
}

/**
 * runCli options that make file modes bite. root ignores them, and the harness usually
 * runs as root: then the home is given to `nobody` and cuti runs as that user. Run as
 * anyone else, cuti is unprivileged already and nothing changes.
 */
export function unprivileged(home: string): { asUser?: { uid: number; gid: number } } {
  if (!isRoot) return {};
  chownTree(home);
  return { asUser: NOBODY };
}

/** Control characters (C0 except tab/newline, DEL, C1) and bidi controls: never printed raw. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/u;

export function parseJson(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/** 'T' once the kernel has stopped the process (Linux /proc). */
export function isStopped(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
  } catch {
    return false;
  }
}

/** Waits until a writer run with CUTI_FAULT_STOP_AT has stopped itself at its fault point. */
export async function waitUntilStopped(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!isStopped(child.pid ?? -1)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('writer never reached its fault point');
    await sleep(20);
  }
}
