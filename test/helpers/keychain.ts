import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { describe } from 'vitest';

import { openKeychainStore } from '../../src/storage/keychain-secret-store.js';
import { SECRETS } from './secrets.js';

/*
 * The keychain suite runs against a real Secret Service: `npm test` starts one
 * (scripts/keychain-session.sh: a private D-Bus session with gnome-keyring, unlocked) and
 * sets CUTI_KEYCHAIN_TESTS=required there, so a keychain that does not work fails the
 * suite. Anywhere else (a plain `npx vitest`) the suite reports itself skipped.
 */

export const KEYCHAIN_REQUIRED = process.env.CUTI_KEYCHAIN_TESTS === 'required';
const BUS = process.env.DBUS_SESSION_BUS_ADDRESS;

async function keychainWorks(): Promise<boolean> {
  if (!BUS) return false;
  try {
    await (await openKeychainStore()).probe();
    return true;
  } catch {
    return false;
  }
}

export const KEYCHAIN_AVAILABLE = await keychainWorks();

/** `describe` when a real keychain is here (or required: then it fails loudly), else skipped. */
export const describeKeychain: typeof describe.skip =
  KEYCHAIN_AVAILABLE || KEYCHAIN_REQUIRED ? describe : (describe.skip);

/** The variables a cuti child needs to reach this session's keychain. */
export function keychainEnv(): NodeJS.ProcessEnv {
  return BUS ? { DBUS_SESSION_BUS_ADDRESS: BUS } : {};
}

const keyring = async () => import('@napi-rs/keyring');

/** Every entry cuti has in the keychain, as [account, password]. */
export async function keychainEntries(): Promise<Array<{ account: string; password: string }>> {
  const { findCredentials } = await keyring();
  return findCredentials('cuti').filter((c) => !c.account.startsWith('probe/'));
}

/** Entries of one home (by its id in `.secret-store.json`). */
export async function entriesOfHome(accountsRoot: string): Promise<Array<{ account: string; password: string }>> {
  const settings = JSON.parse(readFileSync(join(accountsRoot, '.secret-store.json'), 'utf8')) as { homeId?: string };
  if (!settings.homeId) return [];
  return (await keychainEntries()).filter((e) => e.account.startsWith(`${settings.homeId}/`));
}

/** Removes one entry behind cuti's back (a keychain edited by another program). */
export async function deleteEntry(account: string): Promise<void> {
  const { Entry } = await keyring();
  new Entry('cuti', account, { linux: { store: 'secret-service' } }).deletePassword();
}

/** Puts an entry under a home's id that no account references (an orphan). */
export async function plantEntry(account: string, password: string): Promise<void> {
  const { Entry } = await keyring();
  new Entry('cuti', account, { linux: { store: 'secret-service' } }).setPassword(password);
}

function dbus(...args: string[]): string {
  return execFileSync('dbus-send', ['--session', '--print-reply', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** The pid of the process that serves the Secret Service on this session. */
export function secretServicePid(): number | null {
  try {
    const reply = dbus('--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID', 'string:org.freedesktop.secrets');
    const pid = /uint32 (\d+)/.exec(reply)?.[1];
    return pid === undefined ? null : Number(pid);
  } catch {
    return null;
  }
}

/** Stops the Secret Service (the keychain disappears): its own pid, nothing else. */
export function stopKeychain(): void {
  const pid = secretServicePid();
  if (pid !== null) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && secretServicePid() === pid && pid !== null; i++) spawnSync('sleep', ['0.05']);
}

/** Starts it again, unlocked with the session's password (the entries are kept on disk). */
export function startKeychain(): void {
  const password = process.env.CUTI_TEST_KEYRING_PASSWORD ?? '';
  execFileSync('gnome-keyring-daemon', ['--replace', '--unlock', '--components=secrets', '--daemonize'], { input: password, stdio: ['pipe', 'ignore', 'ignore'] });
}

/** Locks the default keyring, as a screen lock or a timeout would. */
export function lockKeychain(): void {
  dbus('--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', 'array:objpath:/org/freedesktop/secrets/aliases/default');
}

/** Every regular file under `root`, with its content, for leak checks. */
export function filesUnder(root: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = statSync(path, { throwIfNoEntry: false });
      if (!info) continue;
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) out.push({ path, text: readFileSync(path, 'latin1') });
    }
  };
  walk(root);
  return out;
}

/** Paths of the files under `root` that hold any of the known secrets (in full). */
export function filesWithSecrets(root: string): string[] {
  const secrets = Object.values(SECRETS);
  return filesUnder(root)
    .filter((f) => secrets.some((s) => f.text.includes(s)))
    .map((f) => f.path);
}
