/**
 * UI preferences the TUI remembers between runs. The store only sees this interface,
 * so tests use the in-memory one and never touch the disk.
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

/**
 * Preferences that arrive after the first frame: reading them costs start-up time
 * (the conf library), and nothing on the first screen needs them. Until then they
 * act in memory, and a selection made meanwhile is written once they are read.
 */
export class DeferredPrefs implements UiPrefs {
  private current: UiPrefs = new MemoryPrefs();
  private opened = false;
  private unsaved: string | undefined;
  readonly ready: Promise<void>;

  constructor(open: () => Promise<UiPrefs>) {
    this.ready = open().then(
      (prefs) => {
        if (this.unsaved !== undefined) prefs.setLastSelected(this.unsaved);
        this.current = prefs;
        this.opened = true;
      },
      () => {
        // Opening never throws by contract; if it does, memory preferences carry on.
        this.opened = true;
      },
    );
  }

  /** Something was set before the stored preferences were read: wait for `ready` before exiting. */
  get hasUnsaved(): boolean {
    return !this.opened && this.unsaved !== undefined;
  }
  get warning(): string | undefined {
    return this.current.warning;
  }
  lastSelected(): string | undefined {
    return this.current.lastSelected();
  }
  setLastSelected(name: string): void {
    if (!this.opened) this.unsaved = name;
    this.current.setLastSelected(name);
  }
  revealTimeoutMs(): number {
    return this.current.revealTimeoutMs();
  }
}
