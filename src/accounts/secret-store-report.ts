import { errorMessage } from '../domain/errors.js';
import type { StorageAdapter, StoreHealth, StoreProblem } from '../storage/adapter.js';
import type { SecretStoreKind } from '../storage/secret-settings.js';
import { isKeychainRef, parseKeychainRef, SecretUnavailableError } from '../storage/secret-store.js';
import { readAllKeys, removeUnreferenced, secretSlots, unreferencedEntries } from './secret-store-move.js';
import type { Secrets } from './secrets.js';

export interface KeychainReachability {
  reachable: boolean;
  /** Why not, and what to do: one line each. */
  reason?: string;
  hint?: string;
}

export interface SecretStoreStatus {
  store: SecretStoreKind;
  /** A move that started and did not finish: rerun it. */
  unfinishedMove: { to: SecretStoreKind; started: string } | null;
  keychain: KeychainReachability;
  /** Secrets held in the keychain, and in `.api_keys.json`. */
  inKeychain: number;
  inFiles: number;
}

export async function keychainReachability(secrets: Secrets): Promise<KeychainReachability> {
  try {
    await (await secrets.keychain()).probe();
    return { reachable: true };
  } catch (error) {
    const hint = error instanceof SecretUnavailableError ? error.hint : undefined;
    return { reachable: false, reason: errorMessage(error), ...(hint === undefined ? {} : { hint }) };
  }
}

/** `cuti claude secret-store`: the store in use, where the secrets are, and whether the keychain answers. */
export async function secretStoreStatus(storage: StorageAdapter, secrets: Secrets): Promise<SecretStoreStatus> {
  const settings = await storage.readSecretSettings();
  const slots = secretSlots(await readAllKeys(storage));
  const inKeychain = slots.filter((s) => isKeychainRef(s.stored)).length;
  return {
    store: settings.store,
    unfinishedMove: settings.move ? { to: settings.move.to, started: settings.move.started } : null,
    keychain: await keychainReachability(secrets),
    inKeychain,
    inFiles: slots.length - inKeychain,
  };
}

const shown = (account: string, provider: string, key: string) => `${account}: the ${provider} ${key.replace(/_/g, ' ')}`;

/**
 * `doctor`'s look at secrets: an unfinished move, secrets in plain text in a keychain
 * home, references whose keychain entry is missing, and this home's entries that no
 * account references (with `fix`, removed, after reading every document again under
 * the lock keychain writes take: a referenced secret is never removed). Homes that never
 * used the keychain are not asked about it.
 */
export async function checkSecrets(storage: StorageAdapter, secrets: Secrets, options: { fix: boolean }): Promise<StoreHealth> {
  const settings = await storage.readSecretSettings();
  // A document that cannot be read is the file check's to report; the rest are looked at.
  const slots = secretSlots(await readAllKeys(storage, { skipUnreadable: true }));
  const refs = slots.filter((s) => isKeychainRef(s.stored));
  const health: StoreHealth = { root: storage.location, checked: 0, found: [], remaining: [] };
  const report = (problem: StoreProblem, fixed = false) => {
    health.found.push({ ...problem, fixed });
    if (!fixed) health.remaining.push(problem);
  };
  if (settings.move) {
    report({
      kind: 'unfinished-move',
      path: storage.location,
      message: `A move of the secrets to the ${settings.move.to === 'file' ? 'file store' : 'keychain'} did not finish; finish it with: cuti claude secret-store ${settings.move.to}`,
      fix: null,
    });
  }
  if (settings.store === 'keychain' && !settings.move) {
    for (const slot of slots.filter((s) => !isKeychainRef(s.stored))) {
      report({
        kind: 'plain-secret',
        path: slot.account,
        message: `${shown(slot.account, slot.provider, slot.key)} is in plain text, though this home keeps secrets in the keychain; move it with: cuti claude secret-store keychain`,
        fix: null,
      });
    }
  }
  if (refs.length === 0 && settings.homeId === undefined) return health;

  const reach = await keychainReachability(secrets);
  if (!reach.reachable) {
    report({
      kind: 'keychain-unreachable',
      path: 'keychain',
      message: `${refs.length} secret(s) are in the OS keychain, which cannot be checked: ${reach.reason ?? 'unreachable'}`,
      fix: null,
    });
    return health;
  }
  const keychain = await secrets.keychain();
  // One search per home id the references name (a moved home keeps its original's).
  const homes = new Set(refs.map((s) => parseKeychainRef(s.stored)?.id.split('/')[0] ?? ''));
  if (settings.homeId !== undefined) homes.add(settings.homeId);
  const present = new Set<string>();
  for (const home of homes) for (const entry of await keychain.list(home)) present.add(parseKeychainRef(entry)?.id ?? '');
  health.checked = refs.length + present.size;
  for (const slot of refs) {
    if (present.has(parseKeychainRef(slot.stored)?.id ?? '')) continue;
    report({
      kind: 'missing-secret',
      path: slot.account,
      message: `${shown(slot.account, slot.provider, slot.key)} references a keychain entry that is missing; add the key again or delete it`,
      fix: null,
    });
  }
  if (settings.homeId === undefined) return health;
  const orphans = await unreferencedEntries(storage, secrets, settings.homeId);
  if (orphans.length === 0) return health;
  let removed = 0;
  let skipped: string | null = null;
  if (options.fix) {
    // Again under the lock, from the documents as they are then.
    const cleanup = await storage.withSecretSettings((current) => removeUnreferenced(storage, secrets, current));
    removed = cleanup.removed;
    skipped = cleanup.cleanupSkipped;
  }
  const stillThere = options.fix ? await unreferencedEntries(storage, secrets, settings.homeId) : orphans;
  const fixedCount = Math.max(0, orphans.length - stillThere.length);
  if (fixedCount > 0 || removed > 0) {
    report(
      { kind: 'orphan-secret', path: 'keychain', message: `${fixedCount} keychain entr${fixedCount === 1 ? 'y' : 'ies'} no account referenced`, fix: `removed ${fixedCount} keychain entr${fixedCount === 1 ? 'y' : 'ies'} no account referenced` },
      true,
    );
  }
  for (const entry of stillThere) {
    report({
      kind: 'orphan-secret',
      path: 'keychain',
      message: `The keychain entry cuti/${parseKeychainRef(entry)?.id ?? '?'} is referenced by no account${skipped ? ` (not removed: ${skipped})` : ''}`,
      fix: skipped ? null : 'remove the keychain entry no account references',
    });
  }
  return health;
}
