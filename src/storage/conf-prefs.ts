import { mkdirSync } from 'node:fs';

import Conf from 'conf';

import { MemoryPrefs, revealTimeoutMsFrom, type PrefsValues, type UiPrefs } from './prefs.js';

export const PREFS_FILE_NAME = 'tui-preferences';

/**
 * The file-backed UiPrefs the TUI store persists through (the store itself never
 * touches fs). Preferences live in `<CUTI_HOME>/tui-preferences.json`, written
 * atomically with mode 0600.
 * conf creates missing directories with the umask default, so the directory is made
 * 0700 here first.
 */
export class ConfPrefs implements UiPrefs {
  private constructor(private readonly conf: Conf<PrefsValues>) {}

  /** Never throws: an unreadable file gives in-memory preferences and a warning, and stays untouched. */
  static open(dir: string): UiPrefs {
    const path = `${dir}/${PREFS_FILE_NAME}.json`;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return new ConfPrefs(
        new Conf<PrefsValues>({ cwd: dir, configName: PREFS_FILE_NAME, configFileMode: 0o600 }),
      );
    } catch (error) {
      const reason = error instanceof SyntaxError ? 'not valid JSON' : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
      return new MemoryPrefs({}, `${path}: ${reason}; preferences will not be saved this session`);
    }
  }

  lastSelected(): string | undefined {
    const value = this.conf.get('lastSelected');
    return typeof value === 'string' ? value : undefined;
  }

  setLastSelected(name: string): void {
    if (this.lastSelected() === name) return;
    try {
      this.conf.set('lastSelected', name);
    } catch {
      // Losing a UI preference must never break the UI.
    }
  }

  revealTimeoutMs(): number {
    return revealTimeoutMsFrom(this.conf.get('revealTimeoutSeconds'));
  }
}
