import { copySecret, osc52Clear } from '../platform/clipboard.js';
import type { CopyOutcome } from '../state/app-state.js';

/**
 * The TUI's clipboard: OSC 52 through the terminal the TUI draws on, plus the platform
 * tool (which clears itself, in a process of its own). The terminal's copy is cleared by
 * the TUI when the time is up, if it is still running then.
 */
export class TuiClipboard {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly writeTerminal: (text: string) => void,
  ) {}

  copy(value: string): CopyOutcome {
    const result = copySecret(value, { env: this.env, writeTerminal: this.writeTerminal });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.writeTerminal(osc52Clear()), result.clearSeconds * 1000);
    this.timer.unref();
    const how = ['OSC 52', ...(result.tool ? [result.tool] : [])].join(' and ');
    return { how, clearSeconds: result.clearSeconds };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
