import { MemoryPrefs, type UiPrefs } from '../storage/prefs.js';

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
