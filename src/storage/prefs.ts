/**
 * The preferences port, beside the storage port (adapter.ts): UI preferences the TUI
 * remembers between runs. The store only sees this interface, so tests use the
 * in-memory one and never touch the disk; conf-prefs.ts is the file-backed one.
 */
export interface UiPrefs {
  lastSelected(): string | undefined;
  setLastSelected(name: string): void;
  /** How long a revealed secret stays visible. */
  revealTimeoutMs(): number;
  /** A problem reading the preferences, shown once in the UI (they still work in memory). */
  readonly warning?: string | undefined;
  /** Settles once the stored preferences are read; absent when they are there from the start. */
  readonly ready?: Promise<void>;
}

export const DEFAULT_REVEAL_TIMEOUT_SECONDS = 30;

export interface PrefsValues {
  lastSelected?: string;
  revealTimeoutSeconds?: number;
}

/** Seconds from the file, or the default when missing or nonsensical. */
export function revealTimeoutMsFrom(seconds: unknown): number {
  const valid = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0;
  return (valid ? seconds : DEFAULT_REVEAL_TIMEOUT_SECONDS) * 1000;
}

export class MemoryPrefs implements UiPrefs {
  readonly warning: string | undefined;
  constructor(
    private values: PrefsValues = {},
    warning?: string,
  ) {
    this.warning = warning;
  }
  lastSelected(): string | undefined {
    return this.values.lastSelected;
  }
  setLastSelected(name: string): void {
    this.values = { ...this.values, lastSelected: name };
  }
  revealTimeoutMs(): number {
    return revealTimeoutMsFrom(this.values.revealTimeoutSeconds);
  }
}
