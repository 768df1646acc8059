import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';

import { CutiError } from '../domain/errors.js';
import { ensurePrivateDir, readTextIfExists, removeFileIfExists, writeFileAtomically } from '../storage/file-io.js';
import { shown } from '../domain/safe-text.js';

/**
 * A swap of Claude Code's login rewrites two files (`.credentials.json`, `.claude.json`)
 * and then accounts.json; no file system makes that atomic. So before the first live
 * write cuti records what each file held before and will hold after (as hashes: the
 * journal holds no secret), and removes the record once all is written. A run killed
 * in between leaves the record behind, and the next run finishes the swap when every
 * file was written, or puts the files back from the backup when only some were.
 */

export const JOURNAL_FILE = 'claude-code-swap.json';

export interface JournalFile {
  path: string;
  /** sha256 of the content before the swap, or null when the file did not exist. */
  before: string | null;
  /** sha256 of the content the swap writes, or null when it removes the file. */
  after: string | null;
  /** The mode to restore the file with. */
  mode: number;
}

export interface SwapJournal {
  version: 1;
  operation: 'use' | 'new';
  /** The account being put in place (`use`), or null (`new`). */
  account: string | null;
  configDir: string;
  /** Copies of the files as they were before, made before the journal. */
  backupDir: string | null;
  files: JournalFile[];
  startedAt: string;
}

export function journalPath(cutiHome: string): string {
  return join(cutiHome, JOURNAL_FILE);
}

export function hashOf(text: string | undefined): string | null {
  return text === undefined ? null : createHash('sha256').update(text).digest('hex');
}

export function readJournal(cutiHome: string): SwapJournal | null {
  const path = journalPath(cutiHome);
  const file = readTextIfExists(path);
  if (file === null) return null;
  try {
    const doc = JSON.parse(file.text) as SwapJournal;
    if (doc.version === 1 && Array.isArray(doc.files)) return doc;
  } catch {
    // Reported below.
  }
  throw new CutiError('corrupt_journal', `${path} (the record of an interrupted Claude Code login switch) is not readable`, {
    hint: `Check Claude Code's login with 'cuti claude status', then remove ${path}`,
  });
}

export async function writeJournal(cutiHome: string, journal: SwapJournal): Promise<void> {
  await ensurePrivateDir(cutiHome, { followLink: true });
  await writeFileAtomically(journalPath(cutiHome), `${JSON.stringify(journal, null, 2)}\n`);
}

export async function removeJournal(cutiHome: string): Promise<void> {
  await removeFileIfExists(journalPath(cutiHome));
}

export type FileState = 'before' | 'after' | 'other';

/** Where each journalled file stands now. */
export function fileStates(journal: SwapJournal): FileState[] {
  return journal.files.map((file) => {
    const now = hashOf(readTextIfExists(file.path)?.text);
    if (now === file.after) return 'after';
    if (now === file.before) return 'before';
    return 'other';
  });
}

export type Recovery =
  | { kind: 'completed'; journal: SwapJournal }
  | { kind: 'not-started'; journal: SwapJournal }
  | { kind: 'rolled-back'; journal: SwapJournal }
  | { kind: 'changed-since'; journal: SwapJournal; path: string };

function describe(journal: SwapJournal): string {
  return journal.operation === 'use' && journal.account !== null ? `switch to '${shown(journal.account)}'` : "sign-out ('new')";
}

export function changedSinceError(journal: SwapJournal, path: string, journalFile: string): CutiError {
  const where = journal.backupDir ? `; the files from before it are in ${shown(journal.backupDir)}` : '';
  return new CutiError(
    'interrupted_swap',
    `An interrupted Claude Code login ${describe(journal)} left ${shown(path)} changed since; cuti will not guess which login it holds${where}`,
    { hint: `Put the files back (or log in again with 'claude'), then remove ${shown(journalFile)}` },
  );
}

export function recoveryLine(recovery: Recovery): string | null {
  const what = describe(recovery.journal);
  if (recovery.kind === 'completed') return `Finished an interrupted Claude Code login ${what}`;
  if (recovery.kind === 'rolled-back') return `Undid an interrupted Claude Code login ${what}: its files are as they were before`;
  return null;
}

/**
 * Decides what an interrupted swap needs, and puts back the files when only some were
 * written. The caller holds Claude Code's locks and, for `completed`, finishes what the
 * swap had left to do (accounts.json) before removing the journal.
 */
export async function rollBackIfPartial(journal: SwapJournal): Promise<Recovery> {
  const states = fileStates(journal);
  const other = states.indexOf('other');
  if (other !== -1) return { kind: 'changed-since', journal, path: journal.files[other]?.path ?? '' };
  if (states.every((s) => s === 'after')) return { kind: 'completed', journal };
  if (states.every((s) => s === 'before')) return { kind: 'not-started', journal };
  for (const [i, file] of journal.files.entries()) {
    if (states[i] !== 'after') continue;
    if (file.before === null) {
      await removeFileIfExists(file.path);
      continue;
    }
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const saved = journal.backupDir === null ? null : readTextIfExists(join(journal.backupDir, name));
    if (saved === null || hashOf(saved.text) !== file.before) return { kind: 'changed-since', journal, path: file.path };
    await writeFileAtomically(file.path, saved.text);
    await fsp.chmod(file.path, file.mode).catch(() => undefined);
  }
  return { kind: 'rolled-back', journal };
}
