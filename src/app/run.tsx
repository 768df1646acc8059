import { render } from 'ink';

import { createServices } from '../accounts/services.js';
import { CutiError, errorMessage } from '../domain/errors.js';
import { cutiHome } from '../storage/paths.js';
import { DeferredPrefs } from '../state/prefs.js';
import { createAppStore } from '../state/store.js';
import { App } from './App.js';
import { themeFor } from './theme.js';

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

/**
 * Runs the full-screen UI until the person quits. The alternate screen is left on
 * every way out (q, Ctrl-C, a signal, a crash), so the shell is always restored.
 */
export async function runTui(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const stdout = process.stdout;
  let inAltScreen = true;
  const restore = () => {
    if (!inAltScreen) return;
    inAltScreen = false;
    stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
  };
  // conf loads after the first frame: it is a noticeable part of start-up.
  const prefs = new DeferredPrefs(async () => (await import('../storage/conf-prefs.js')).ConfPrefs.open(cutiHome(env)));
  // Its own services: the TUI is a separate bundle, loaded only by `cuti claude tui`.
  const store = createAppStore({ ...createServices(env), prefs });

  stdout.write(ENTER_ALT_SCREEN);
  process.once('exit', restore);
  const instance = render(<App store={store} theme={themeFor(env)} />, { exitOnCtrlC: false, patchConsole: true });

  const interrupted: { signal?: NodeJS.Signals } = {};
  const onSignal = (received: NodeJS.Signals) => {
    interrupted.signal = received;
    instance.unmount();
  };
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
  for (const s of signals) process.on(s, onSignal);
  try {
    await instance.waitUntilExit();
  } catch (error) {
    throw new CutiError('tui_crashed', `The full-screen UI stopped: ${errorMessage(error)}`);
  } finally {
    store.getState().actions.dispose();
    for (const s of signals) process.off(s, onSignal);
    restore();
    process.off('exit', restore);
  }
  const { signal } = interrupted;
  if (signal) {
    const codes: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
    throw new CutiError('interrupted', `Interrupted by ${signal}`, { exitCode: codes[signal] ?? 1 });
  }
}
