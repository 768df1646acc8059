import { createHash, randomBytes } from 'node:crypto';

import { CutiError } from '../domain/errors.js';
import { secretKeysOf } from '../domain/secret-fields.js';
import { PROVIDERS, type Provider } from '../domain/providers/index.js';
import type { ApiKeysDocument } from '../domain/types.js';
import type { StorageAdapter } from '../storage/adapter.js';
import type { SecretSettings, SecretStoreKind } from '../storage/secret-settings.js';
import { isKeychainRef, parseKeychainRef, SecretUnavailableError, type ReferenceSecretStore } from '../storage/secret-store.js';
import type { Secrets } from './secrets.js';
import { shown } from '../domain/safe-text.js';

/*
 * `cuti claude secret-store keychain|file`: moves every secret of a home into the OS
 * keychain or back into `.api_keys.json`, all or nothing.
 *
 * The documents are the one source of truth: a secret field holds either the secret or
 * a reference, so a reader never has two places to choose from, and a keychain entry no
 * document references is never read (it is cleaned up at the end). The move, under the
 * lock every keychain write takes:
 *   1. checks every document parses and the keychain answers, before writing anything;
 *   2. records where it goes (the journal, in `.secret-store.json`): from then on new
 *      secrets go there too, and a rerun picks the move up;
 *   3. copies: to the keychain, every plain secret into an entry named by this move
 *      (a rerun writes the same names again), read back to compare; to the file, every
 *      referenced secret into memory. Any failure here undoes the copies and the
 *      journal: the home is as it was;
 *   4. commits: each document rewritten once, atomically, under its own lock;
 *   5. settles: the store switched, the journal closed; then entries of this home that
 *      no document references are removed.
 * A SIGKILL anywhere leaves documents that each read correctly, and a rerun finishes.
 */

export interface MoveResult {
  to: SecretStoreKind;
  /** Secrets moved, and the accounts whose `.api_keys.json` was rewritten for that. */
  moved: number;
  accounts: number;
  /** An unfinished move was picked up. */
  resumed: boolean;
  /** Keychain entries no account references any more, removed; and those that could not be. */
  removed: number;
  leftovers: number;
  /** Why leftover entries were not looked for, when they were not. */
  cleanupSkipped: string | null;
}

/** One secret field of one account's document. */
interface Slot {
  account: string;
  provider: Provider;
  key: string;
  stored: string;
}

/**
 * Every document of the home, read before anything is written: one that does not parse
 * stops a move. `skipUnreadable` is for reports (doctor), which name such files elsewhere.
 */
async function readAll(storage: StorageAdapter, options: { skipUnreadable?: boolean } = {}): Promise<Map<string, ApiKeysDocument>> {
  const docs = new Map<string, ApiKeysDocument>();
  for (const name of await storage.listAccountDirs()) {
    const stored = await storage.readApiKeys(name).catch((error: unknown) => {
      if (options.skipUnreadable) return null;
      throw error;
    });
    if (stored) docs.set(name, stored.doc);
  }
  return docs;
}

export function secretSlots(docs: Map<string, ApiKeysDocument>): Slot[] {
  const slots: Slot[] = [];
  for (const [account, doc] of docs) {
    for (const provider of PROVIDERS) {
      const entry = doc[provider] as Record<string, unknown> | undefined;
      if (!entry || typeof entry !== 'object') continue;
      for (const { key } of secretKeysOf(provider)) {
        const stored = entry[key];
        if (typeof stored === 'string' && stored !== '') slots.push({ account, provider, key, stored });
      }
    }
  }
  return slots;
}

const slotKey = (s: { account: string; provider: Provider; key: string }) => `${s.account}\0${s.provider}\0${s.key}`;

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** The entry name a move gives one secret field: the same on every rerun of that move. */
function moveSlotName(moveId: string, slot: Slot): string {
  return `m${moveId}-${createHash('sha256').update(slotKey(slot)).digest('hex').slice(0, 20)}`;
}

function describeSlot(slot: Slot): string {
  return `${shown(slot.account)} (${slot.provider} ${slot.key.replace(/_/g, ' ')})`;
}

/** Replaces, in a copy of `doc`, the secret fields `replace` gives a new stored value for. */
async function rewrite(
  doc: ApiKeysDocument,
  account: string,
  replace: (slot: Slot) => Promise<string | undefined>,
): Promise<{ doc: ApiKeysDocument; changed: number }> {
  const next: ApiKeysDocument = { ...doc };
  let changed = 0;
  for (const slot of secretSlots(new Map([[account, doc]]))) {
    const value = await replace(slot);
    if (value === undefined || value === slot.stored) continue;
    // Same key, same place in the entry: the document keeps its layout byte for byte.
    next[slot.provider] = { ...(next[slot.provider] as object), [slot.key]: value };
    changed++;
  }
  return { doc: next, changed };
}

export async function moveSecrets(storage: StorageAdapter, secrets: Secrets, to: SecretStoreKind, now: () => string): Promise<MoveResult> {
  return storage.withSecretSettings(async (before, save) => {
    const docs = await readAll(storage);
    const slots = secretSlots(docs);
    const refs = slots.filter((s) => isKeychainRef(s.stored));
    const plain = slots.filter((s) => !isKeychainRef(s.stored));
    const resumed = before.move !== undefined;

    const needsKeychain = to === 'keychain' || refs.length > 0;
    let keychain: ReferenceSecretStore | null = null;
    if (needsKeychain) {
      keychain = await secrets.keychain();
      await keychain.probe(); // unreachable: one line, nothing written
    }

    const homeId = before.homeId ?? (to === 'keychain' ? randomHex(8) : undefined);
    const moveId = before.move?.to === to ? before.move.id : randomHex(4);
    const journal: SecretSettings = {
      store: before.store,
      ...(homeId === undefined ? {} : { homeId, home: before.home ?? storage.location }),
      move: { to, id: moveId, started: now() },
    };
    const nothingToDo = before.store === to && !resumed && (to === 'keychain' ? plain.length === 0 : refs.length === 0);
    // A new home id is recorded before the first entry is named with it (so a crash leaves
    // entries this home can find and clean up); otherwise nothing is written until the copy
    // has worked: a move that fails there leaves the home exactly as it was.
    let journalSaved = false;
    const saveJournal = async () => {
      if (nothingToDo || journalSaved) return;
      await save(journal);
      journalSaved = true;
    };
    if (to === 'keychain' && before.homeId === undefined) await saveJournal();

    // 3. Copy. Nothing references a copy yet, so a failure undoes them all.
    const copies = new Map<string, { secret: string; stored: string }>();
    try {
      if (to === 'keychain' && keychain) {
        for (const slot of plain) {
          const mask = secretKeysOf(slot.provider).find((k) => k.key === slot.key)?.mask ?? (() => '***');
          const stored = await keychain.set(slot.stored, { mask: mask(slot.stored), slot: `${homeId}/${moveSlotName(moveId, slot)}` });
          copies.set(slotKey(slot), { secret: slot.stored, stored });
        }
        for (const [, copy] of copies) {
          if ((await keychain.get(copy.stored)) !== copy.secret) {
            throw new SecretUnavailableError('refused', 'The OS keychain gave back something other than what was stored');
          }
        }
      } else if (to === 'file' && keychain) {
        for (const slot of refs) {
          const secret = await keychain.get(slot.stored).catch((error: unknown) => {
            if (error instanceof SecretUnavailableError && error.reason === 'missing') {
              throw new CutiError('secret_missing', `The secret of ${describeSlot(slot)} is missing from the OS keychain; nothing was moved`, {
                hint: `Add that key again (cuti claude add-api-key) or delete it (cuti claude delete-api-key ${shown(slot.account)} -p ${slot.provider}), then rerun`,
              });
            }
            throw error;
          });
          copies.set(slotKey(slot), { secret, stored: slot.stored });
        }
      }
    } catch (error) {
      if (to === 'keychain' && keychain) {
        for (const [, copy] of copies) await keychain.delete(copy.stored).catch(() => false);
      }
      // The documents were not touched. The home keeps its id, so entries a failed undo
      // left behind are this home's and the next move (or doctor --fix) removes them.
      if (journalSaved) await save({ ...before, ...(homeId === undefined ? {} : { homeId, home: journal.home ?? storage.location }) }).catch(() => undefined);
      throw error;
    }
    await saveJournal();

    // 4. Commit: each document once, under its lock, from what it holds now.
    let moved = 0;
    let accounts = 0;
    for (const account of docs.keys()) {
      const wanted = (to === 'keychain' ? plain : refs).some((s) => s.account === account);
      if (!wanted) continue;
      let changed = 0;
      await storage.updateApiKeys(account, async (current) => {
        if (current === null) return null;
        const result = await rewrite(current, account, async (slot) => {
          const held = isKeychainRef(slot.stored);
          if (to === 'keychain') {
            if (held) return undefined;
            const copy = copies.get(slotKey(slot));
            if (copy && copy.secret === slot.stored) return copy.stored;
            // Changed since the copy (another tool wrote it): keep this value instead.
            const mask = secretKeysOf(slot.provider).find((k) => k.key === slot.key)?.mask ?? (() => '***');
            return (keychain as ReferenceSecretStore).set(slot.stored, { mask: mask(slot.stored), slot: `${homeId}/${moveSlotName(moveId, slot)}` });
          }
          if (!held) return undefined;
          const copy = copies.get(slotKey(slot));
          return copy && copy.stored === slot.stored ? copy.secret : (keychain as ReferenceSecretStore).get(slot.stored);
        });
        changed = result.changed;
        return result.doc;
      });
      if (changed > 0) {
        moved += changed;
        accounts++;
      }
    }

    // 5. Settle, then remove what no document references any more.
    const settled: SecretSettings = { store: to, ...(homeId === undefined ? {} : { homeId, home: journal.home ?? storage.location }) };
    if (!nothingToDo || before.store !== to) await save(settled);
    const cleanup = await removeUnreferenced(storage, secrets, settled);
    return { to, moved, accounts, resumed, ...cleanup };
  });
}

/**
 * Removes this home's keychain entries that no document references. Runs under the lock
 * every keychain write takes (a write keeps its entry before its document names it).
 * Never where the home was copied to: the copy shares its entries with the original.
 */
export async function removeUnreferenced(
  storage: StorageAdapter,
  secrets: Secrets,
  settings: SecretSettings,
): Promise<{ removed: number; leftovers: number; cleanupSkipped: string | null }> {
  if (settings.homeId === undefined) return { removed: 0, leftovers: 0, cleanupSkipped: null };
  if (settings.home !== undefined && settings.home !== storage.location) {
    return { removed: 0, leftovers: 0, cleanupSkipped: 'this home was copied or moved here; its keychain entries may belong to the original' };
  }
  let orphans: string[];
  try {
    orphans = await unreferencedEntries(storage, secrets, settings.homeId);
  } catch (error) {
    return { removed: 0, leftovers: 0, cleanupSkipped: error instanceof Error ? error.message : 'the keychain could not be searched' };
  }
  const failed = await secrets.forgetAll(orphans);
  return { removed: orphans.length - failed.length, leftovers: failed.length, cleanupSkipped: null };
}

/** This home's keychain entries that no document references (read now). */
export async function unreferencedEntries(storage: StorageAdapter, secrets: Secrets, homeId: string): Promise<string[]> {
  const keychain = await secrets.keychain();
  const entries = await keychain.list(homeId);
  const referenced = new Set(
    secretSlots(await readAll(storage))
      .map((s) => parseKeychainRef(s.stored)?.id)
      .filter((id): id is string => id !== undefined),
  );
  return entries.filter((e) => !referenced.has(parseKeychainRef(e)?.id ?? ''));
}

export { readAll as readAllKeys };
