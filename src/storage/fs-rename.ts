import { rmdirSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';

import { AccountNotFoundError, CorruptFileError, CutiError, describeFsError } from '../domain/errors.js';
import { shown } from '../domain/safe-text.js';
import type { MetadataDocument } from '../domain/types.js';
import type { RenameOutcome } from './adapter.js';
import {
  lockPathFor,
  parseJsonFile,
  readTextIfExists,
  removeFileIfExists,
  removeOrphanTempFiles,
  renameWhileHeld,
  withFileLock,
  withFileLocks,
  writeFileAtomically,
  type CommitGuard,
} from './file-io.js';
import { killPoint } from './fault-injection.js';
import { DIR_LOCKED_FILES } from './paths.js';
import { pythonJsonDumps } from './py-json.js';
import { withNewEntry, withoutEntry, withOldEntryGone } from './rename-metadata.js';

/*
 * Renaming an account on disk: its directory and its accounts.json entry (and the
 * active mark), which the original tool reads together (an account is an entry whose
 * directory exists). Two files cannot change in one step, so the rename goes in three,
 * each atomic, under accounts.json's lock (every metadata writer takes it, so renames
 * queue behind each other) and the old directory's file locks (no key or login write is
 * half-way in it when it moves), with a journal naming both names:
 *   1. accounts.json gains the new name's entry, a copy of the old one, beside it;
 *   2. the directory moves (one rename(2)): the commit point;
 *   3. accounts.json loses the old entry, and the active mark follows the move.
 * Both tools see the account exactly once after every step: by its old name until the
 * directory moves, by its new one after. A run killed anywhere leaves the journal, and
 * the next rename undoes the change (the directory had not moved) or finishes it.
 */

/** cuti's own (a leading '.', so no listing takes it for an account). */
export const RENAME_JOURNAL_FILE = '.renaming.json';

interface RenameJournal {
  from: string;
  to: string;
}

/** What the rename needs of the filesystem adapter (an interface, so the two modules do not import each other). */
export interface RenameTarget {
  readonly location: string;
  accountPath(name: string): string;
  accountExists(name: string): Promise<boolean>;
  readMetadata(): Promise<MetadataDocument>;
  metadataPath(): string;
  secretSettingsPath(): string;
}

function journalPath(target: RenameTarget): string {
  return join(target.location, RENAME_JOURNAL_FILE);
}

export function readRenameJournal(target: RenameTarget): RenameJournal | null {
  const path = journalPath(target);
  const file = readTextIfExists(path, target.location);
  if (file === null) return null;
  const raw = parseJsonFile(path, file.text) as Partial<RenameJournal> | null;
  if (typeof raw?.from !== 'string' || typeof raw.to !== 'string') throw new CorruptFileError(path, 'unexpected structure (expected from and to)');
  return { from: raw.from, to: raw.to };
}

async function writeMetadata(target: RenameTarget, meta: MetadataDocument, guard: CommitGuard): Promise<void> {
  await writeFileAtomically(target.metadataPath(), pythonJsonDumps(meta), guard);
  await removeOrphanTempFiles(target.metadataPath());
}

/** Step 3: the old entry goes, the active mark follows. Resolves to whether the old name was active. */
async function settle(target: RenameTarget, journal: RenameJournal, stamp: string, guard: CommitGuard): Promise<boolean> {
  const next = withOldEntryGone(await target.readMetadata(), journal.from, journal.to, stamp);
  if (next === null) return false;
  await writeMetadata(target, next.meta, guard);
  return next.wasActive;
}

/**
 * Finishes or undoes a rename a killed run left (call holding accounts.json's lock).
 * The directory tells how far it got: moved, the rename is finished; not moved, the
 * copied entry goes again. Both directories present (another writer made one meanwhile)
 * or neither (deleted since): each directory keeps the entry it has, nothing moves.
 */
async function recover(target: RenameTarget, stamp: string, guard: CommitGuard): Promise<RenameOutcome['recovered'] & { wasActive: boolean } | null> {
  const journal = readRenameJournal(target);
  if (journal === null) return null;
  const fromExists = await target.accountExists(journal.from);
  const toExists = await target.accountExists(journal.to);
  let outcome: 'finished' | 'undone' | 'dropped' = 'dropped';
  let wasActive = false;
  if (toExists && !fromExists) {
    wasActive = await settle(target, journal, stamp, guard);
    outcome = 'finished';
  } else if (fromExists && !toExists) {
    const meta = await target.readMetadata();
    if (journal.to in meta.accounts) await writeMetadata(target, { ...meta, accounts: withoutEntry(meta.accounts, journal.to) }, guard);
    outcome = 'undone';
  }
  await removeFileIfExists(journalPath(target), guard);
  return { ...journal, outcome, wasActive };
}

/** Recovery on its own (a rename rerun looks before it checks its names): no lock taken when there is nothing to do. */
export async function finishInterruptedRename(target: RenameTarget, stamp: string): Promise<RenameOutcome['recovered']> {
  if (readTextIfExists(journalPath(target), target.location) === null) return null;
  // The same locks, in the same order, as the rename itself.
  return withFileLock(target.secretSettingsPath(), () =>
    withFileLock(target.metadataPath(), async (lock) => {
      const recovered = await recover(target, stamp, lock.assertHeld);
      return recovered === null ? null : { from: recovered.from, to: recovered.to, outcome: recovered.outcome };
    }),
  );
}

export async function renameAccountDir(target: RenameTarget, from: string, to: string, stamp: string): Promise<RenameOutcome> {
  const fromDir = target.accountPath(from);
  const toDir = target.accountPath(to);
  // The lock every secret write and every move between stores takes, first (as they do):
  // a move rewrites each account's document by name, and must not do it half before,
  // half after the rename (it would make the old directory again, empty).
  return withFileLock(target.secretSettingsPath(), (settingsLock) => withFileLock(target.metadataPath(), async (metaLock) => {
    const recovered = await recover(target, stamp, metaLock.assertHeld);
    const recoveredOutcome = recovered === null ? null : { from: recovered.from, to: recovered.to, outcome: recovered.outcome };
    // A rerun of the rename the recovery just finished has nothing left to do.
    if (recovered?.outcome === 'finished' && recovered.from === from && recovered.to === to) {
      return { wasActive: recovered.wasActive, recovered: recoveredOutcome };
    }
    // Checked again under the lock: what a caller saw earlier may have changed since.
    if (!(await target.accountExists(from))) throw new AccountNotFoundError(from, shown(from));
    if (await target.accountExists(to)) {
      throw new CutiError('account_exists', `Account '${shown(to)}' already exists`, { hint: 'Choose another name, or delete that account first' });
    }
    // A corrupt accounts.json stops the rename before anything is written.
    const meta = await target.readMetadata();
    let moved = false;
    try {
      await withFileLocks(DIR_LOCKED_FILES.map((file) => join(fromDir, file)), async (dirLocks) => {
        await writeFileAtomically(journalPath(target), `${JSON.stringify({ from, to })}\n`, metaLock.assertHeld);
        await removeOrphanTempFiles(journalPath(target));
        killPoint('rename:after-journal');
        // The new name's entry: the old one's, or none (an entry left by a deleted account is not this one's).
        const withNew = withNewEntry(meta, from, to);
        if (withNew !== null) await writeMetadata(target, withNew, metaLock.assertHeld);
        killPoint('rename:after-entry');
        // Every lock still ours, checked in the same synchronous step as the move.
        try {
          await renameWhileHeld(fromDir, toDir, [settingsLock, metaLock, ...dirLocks]);
        } catch (error) {
          throw describeFsError(error, fromDir);
        }
        moved = true;
        // The lock directories went with it: releasing must not touch whatever now sits at the old path.
        for (const lock of dirLocks) lock.movedAway();
        await syncDir(target.location);
        killPoint('rename:after-move');
      });
    } finally {
      if (moved) releaseMovedLocks(toDir);
    }
    const wasActive = await settle(target, { from, to }, stamp, metaLock.assertHeld);
    killPoint('rename:after-metadata');
    await removeFileIfExists(journalPath(target), metaLock.assertHeld);
    return { wasActive, recovered: recoveredOutcome };
  }));
}

/** The old directory's locks, ours, now at the new path. */
function releaseMovedLocks(dir: string): void {
  for (const file of DIR_LOCKED_FILES) {
    try {
      rmdirSync(lockPathFor(join(dir, file)));
    } catch {
      // Already gone: nothing of ours to remove.
    }
  }
}

/** So the directory's move survives a power loss, as each file write does. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
