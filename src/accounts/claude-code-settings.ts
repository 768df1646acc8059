import { join } from 'node:path';

import { isCutiAwsExport, isCutiKeyHelper } from '../domain/auth-precedence.js';
import { CLAUDE_CREDENTIAL_VARS } from '../domain/providers/index.js';
import type { SettingsScope, SettingsSource } from '../domain/claude-handoff.js';
import { CorruptFileError, errorMessage } from '../domain/errors.js';
import { editJsonText, parseJsonObject } from '../domain/json-text-edit.js';
import { readTextIfExists } from '../storage/file-io.js';
import { backupLiveFiles, readLiveFile, writeLiveFile } from './claude-code-login.js';
import type { ClaudeCodePaths } from './claude-code-paths.js';

/** What cuti reads from Claude Code's user settings file. */
export interface UserSettings {
  path: string;
  exists: boolean;
  apiKeyHelper: string | null;
  awsCredentialExport: string | null;
  /** The `env` block, string values only (what Claude Code exports). */
  env: Record<string, string>;
}

export async function readUserSettings(paths: ClaudeCodePaths): Promise<UserSettings> {
  return parseUserSettings(paths, await readLiveFile(paths, 'settings.json'));
}

function parseUserSettings(paths: ClaudeCodePaths, text: string | undefined): UserSettings {
  if (text === undefined) return { path: paths.settingsPath, exists: false, apiKeyHelper: null, awsCredentialExport: null, env: {} };
  const doc = parseJsonObject(text);
  if (!doc) throw new CorruptFileError(paths.settingsPath, 'not a valid JSON object');
  const env: Record<string, string> = {};
  if (doc.env && typeof doc.env === 'object') {
    for (const [k, v] of Object.entries(doc.env as Record<string, unknown>)) if (typeof v === 'string') env[k] = v;
  }
  return {
    path: paths.settingsPath,
    exists: true,
    apiKeyHelper: typeof doc.apiKeyHelper === 'string' ? doc.apiKeyHelper : null,
    awsCredentialExport: typeof doc.awsCredentialExport === 'string' ? doc.awsCredentialExport : null,
    env,
  };
}

export interface HelperChange {
  path: string;
  /** False when apiKeyHelper already held this command (nothing written). */
  changed: boolean;
  previous: string | null;
  /** Directory holding the copy of the file before the change, or null (no file before). */
  backupDir: string | null;
}

export interface SettingsChange {
  path: string;
  /** False when every value was already there (nothing written). */
  changed: boolean;
  backupDir: string | null;
}

/**
 * Sets values in the user settings file (paths such as `['env', 'AWS_REGION']`; an
 * undefined value removes the property) as one text edit: every other key and byte
 * kept, a copy of the old file first, a file that is not strict JSON refused untouched.
 * Never given a secret: Claude Code runs the helper commands it sets to fetch those.
 */
export async function setSettingsValues(paths: ClaudeCodePaths, values: Array<{ path: string[]; value: string | undefined }>): Promise<SettingsChange> {
  const text = await readLiveFile(paths, 'settings.json');
  const current = parseUserSettings(paths, text);
  const doc = text === undefined ? {} : (parseJsonObject(text) ?? {});
  const at = (path: string[]) => path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
  const edits = values.filter((v) => at(v.path) !== v.value);
  if (edits.length === 0) return { path: current.path, changed: false, backupDir: null };
  const backupDir = current.exists ? await backupLiveFiles(paths, ['settings.json']) : null;
  await writeLiveFile(paths, 'settings.json', await editJsonText(text ?? '{}\n', edits));
  return { path: current.path, changed: true, backupDir };
}

/**
 * Where managed settings (set by an administrator, above everything else) live on this
 * platform. CUTI_CLAUDE_MANAGED_SETTINGS names another file (for tests: the real one is
 * in /etc and belongs to root).
 */
export function managedSettingsPaths(env: NodeJS.ProcessEnv): string[] {
  const override = env.CUTI_CLAUDE_MANAGED_SETTINGS;
  if (override !== undefined && override !== '') return [override];
  if (process.platform === 'darwin') return ['/Library/Application Support/ClaudeCode/managed-settings.json'];
  if (process.platform === 'win32') return ['C:\\Program Files\\ClaudeCode\\managed-settings.json'];
  return ['/etc/claude-code/managed-settings.json'];
}

function settingsFileAt(scope: SettingsScope, path: string): SettingsSource | null {
  const text = readTextIfExists(path)?.text;
  if (text === undefined) return null;
  const doc = parseJsonObject(text);
  if (!doc) throw new CorruptFileError(path, 'not a valid JSON object');
  const env: Record<string, string> = {};
  if (doc.env && typeof doc.env === 'object') {
    for (const [k, v] of Object.entries(doc.env as Record<string, unknown>)) if (typeof v === 'string') env[k] = v;
  }
  return { scope, path, env, apiKeyHelper: typeof doc.apiKeyHelper === 'string' ? doc.apiKeyHelper : null };
}

/**
 * Every settings file Claude Code started in `cwd` would read, highest precedence first:
 * managed, project-local, project, user (in `configDir`). A file that cannot be read is
 * a warning: Claude Code would complain about it itself.
 */
export function readSettingsSources(configDir: string, cwd: string, env: NodeJS.ProcessEnv): { sources: SettingsSource[]; warnings: string[] } {
  const candidates: Array<[SettingsScope, string]> = [
    ...managedSettingsPaths(env).map((p): [SettingsScope, string] => ['managed', p]),
    ['local', join(cwd, '.claude', 'settings.local.json')],
    ['project', join(cwd, '.claude', 'settings.json')],
    ['user', join(configDir, 'settings.json')],
  ];
  const sources: SettingsSource[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const [scope, path] of candidates) {
    if (seen.has(path)) continue;
    seen.add(path);
    try {
      const source = settingsFileAt(scope, path);
      if (source) sources.push(source);
    } catch (error) {
      warnings.push(`${errorMessage(error)} (not checked for settings that override the credential)`);
    }
  }
  return { sources, warnings };
}

/**
 * Takes cuti's apiKeyHelper out of the user settings file (a text edit, every other byte
 * kept, a copy of the old file first). Another program's helper is left alone. Returns
 * the change, or null when there was none of cuti's to remove.
 */
export async function removeCutiKeyHelper(paths: ClaudeCodePaths): Promise<HelperChange | null> {
  const text = await readLiveFile(paths, 'settings.json');
  const current = parseUserSettings(paths, text);
  if (text === undefined || !isCutiKeyHelper(current.apiKeyHelper)) return null;
  const backupDir = await backupLiveFiles(paths, ['settings.json']);
  await writeLiveFile(paths, 'settings.json', await editJsonText(text, [{ path: ['apiKeyHelper'], value: undefined }]));
  return { path: current.path, changed: true, previous: current.apiKeyHelper, backupDir };
}

export interface HelpersRemoved {
  path: string;
  /** cuti's helper settings taken out. */
  removed: Array<'apiKeyHelper' | 'awsCredentialExport'>;
  backupDir: string | null;
  /** Provider and model variables its env block still sets (cuti cannot tell who wrote them). */
  remainingEnv: string[];
}

/**
 * `remove-helper`: takes cuti's helpers (`apiKeyHelper`, `awsCredentialExport`) out of
 * the user settings file in one text edit, a copy first; another program's are left.
 * Null when there was none of cuti's.
 */
export async function removeCutiHelpers(paths: ClaudeCodePaths): Promise<HelpersRemoved | null> {
  const text = await readLiveFile(paths, 'settings.json');
  if (text === undefined) return null;
  const current = parseUserSettings(paths, text);
  const removed: HelpersRemoved['removed'] = [];
  if (isCutiKeyHelper(current.apiKeyHelper)) removed.push('apiKeyHelper');
  if (isCutiAwsExport(current.awsCredentialExport)) removed.push('awsCredentialExport');
  if (removed.length === 0) return null;
  const backupDir = await backupLiveFiles(paths, ['settings.json']);
  await writeLiveFile(paths, 'settings.json', await editJsonText(text, removed.map((key) => ({ path: [key], value: undefined }))));
  const managed = new Set(CLAUDE_CREDENTIAL_VARS);
  return { path: current.path, removed, backupDir, remainingEnv: Object.keys(current.env).filter((name) => managed.has(name)) };
}

/** A saved settings.json without cuti's helper (which names no account, so it would hand over another's key). */
export async function withoutCutiKeyHelper(text: string): Promise<string> {
  const doc = parseJsonObject(text);
  if (!doc || typeof doc.apiKeyHelper !== 'string' || !isCutiKeyHelper(doc.apiKeyHelper)) return text;
  return editJsonText(text, [{ path: ['apiKeyHelper'], value: undefined }]);
}
