import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { LockLostError } from '../../src/domain/errors.js';
import { LOCK_STALE_MS, lockPathFor, withFileLock, writeFileAtomically } from '../../src/storage/file-io.js';

/*
 * The commit check under a lock, in one process: a writer slowed inside its lock for less
 * than the stale time commits; one stalled past it writes nothing, whoever else came.
 * The event loop is blocked the way a long synchronous step blocks it (Atomics.wait:
 * blocked, without spinning a core), so the lock's refresh is held back with it.
 */

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cuti-lock-'));
  path = join(dir, 'doc.json');
  writeFileSync(path, 'old\n', { mode: 0o600 });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function blockEventLoop(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for the lock's first refresh (from then on its mtime is the time it was set), and
 * a little longer, so that the refresh's own callback has run too: its next one is due a
 * second later.
 */
async function firstRefresh(): Promise<void> {
  const made = statSync(lockPathFor(path)).mtimeMs;
  while (statSync(lockPathFor(path)).mtimeMs === made) await sleep(5);
  await sleep(50);
}

describe('a writer inside its lock', () => {
  it('slowed for less than the stale time: its overdue refresh lands and the write commits', { timeout: 20_000 }, async () => {
    await withFileLock(path, async (lock) => {
      await firstRefresh();
      // Past the commit margin (3 s), short of the stale time (4 s): nobody may take the lock yet.
      blockEventLoop(LOCK_STALE_MS - 900);
      // Checked at once, before the overdue refresh had its turn: it is waited for, not refused.
      await lock.assertHeld.ready();
      lock.assertHeld();
      await writeFileAtomically(path, 'new\n', lock.assertHeld);
    });
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['doc.json']);
  });

  it('stalled past the stale time, nobody else near: not revived by its late refresh; nothing written', { timeout: 20_000 }, async () => {
    await expect(
      withFileLock(path, async (lock) => {
        await firstRefresh();
        blockEventLoop(LOCK_STALE_MS + 300);
        // Its write turns the event loop (the temp file) before it checks: the overdue
        // refresh runs then, too late to count.
        await writeFileAtomically(path, 'stale\n', lock.assertHeld);
      }),
    ).rejects.toThrow(LockLostError);
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    // Its temp file is gone, and so is its lock: nobody else made one meanwhile.
    expect(readdirSync(dir)).toEqual(['doc.json']);
  });
});
