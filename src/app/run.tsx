// First: it must run before Ink and Yoga load (see the module).
import { restoreFetch } from './yoga-without-fetch.js';

import { render } from 'ink';

import { claudeCodePaths } from '../accounts/claude-code-paths.js';
import { renameAccount } from '../accounts/rename.js';
import { createServices } from '../accounts/services.js';
import { CutiError, errorMessage } from '../domain/errors.js';
import { loadTextWidth } from '../domain/text-width.js';
import { accountsRoot, cutiHome } from '../storage/paths.js';
import { DeferredPrefs } from './deferred-prefs.js';
import { createAppStore, type AppStore } from '../state/store.js';
import { App } from './App.js';
import { TuiClipboard } from './tui-clipboard.js';
import { watchStore } from './watch-store.js';
import { themeFor } from '../ui/theme.js';

restoreFetch();

// Bracketed paste on while the UI runs: a paste arrives as one value (app/commands.ts).
const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H\u001b[?2004h';
const LEAVE_ALT_SCREEN = '\u001b[?2004l\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

/** How long the first frame waits for the accounts before showing the loading screen instead. */
const LOADING_SCREEN_DELAY_MS = 100;

/**
 * Makes Ink draw the whole frame again (after `fg`, on a fresh alternate screen): a
 * narrower width makes it forget the frame it drew, the real width draws it anew.
 */
function redrawAll(stdout: NodeJS.WriteStream): void {
  const columns = stdout.columns;
  if (!columns || columns < 2) return;
  stdout.columns = columns - 1;
  stdout.emit('resize');
  stdout.columns = columns;
  stdout.emit('resize');
}

/** Settles once the first load has finished (or failed), or after `timeoutMs`. */
function firstLoad(store: AppStore, timeoutMs = Infinity): Promise<void> {
  return new Promise((resolve) => {
    if (store.getState().loaded) return resolve();
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = Number.isFinite(timeoutMs) ? setTimeout(done, timeoutMs) : undefined;
    const unsubscribe = store.subscribe((state) => {
      if (state.loaded) done();
    });
  });
}

/**
 * Runs the full-screen UI until the person quits. The alternate screen is left on
 * every way out (q, Ctrl-C, a signal, a crash), so the shell is always restored.
 */
export async function runTui(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const stdout = process.stdout;
  let inAltScreen = false;
  const restore = () => {
    if (!inAltScreen) return;
    inAltScreen = false;
    stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
  };
  // The preferences (and the conf library) load once the accounts are on screen, or at
  // exit: they are a noticeable part of start-up, and nothing on the first frame needs them.
  let openPrefs!: () => void;
  const prefsWanted = new Promise<void>((resolve) => (openPrefs = resolve));
  const prefs = new DeferredPrefs(async () => {
    await prefsWanted;
    return (await import('../storage/conf-prefs.js')).ConfPrefs.open(cutiHome(env));
  });
  let instance: ReturnType<typeof render> | undefined;
  const clipboard = new TuiClipboard(env, (text) => stdout.write(text));
  // Ctrl-Z: the terminal as the shell had it, then stop; `fg` brings the screen back whole.
  const suspend = () => {
    if (!inAltScreen) return;
    restore();
    process.stdin.setRawMode?.(false);
    // Until `fg`, nothing draws: a frame still due (a secret hidden just before Ctrl-Z, a
    // reload) would land on the shell's own screen, and stay there after the TUI exits.
    // The whole frame is drawn again on the way back.
    const mute = Object.hasOwn(stdout, 'write') ? null : () => true;
    if (mute) Object.defineProperty(stdout, 'write', { value: mute, configurable: true, writable: true });
    process.once('SIGCONT', () => {
      // Back to the stream's own write (the muted one was an own property over it).
      if (mute) delete (stdout as { write?: unknown }).write;
      process.stdin.setRawMode?.(true);
      stdout.write(ENTER_ALT_SCREEN);
      inAltScreen = true;
      redrawAll(stdout);
    });
    process.kill(process.pid, 'SIGTSTP');
  };
  // Its own services: the TUI is a separate bundle, loaded only by `cuti claude tui`.
  const services = createServices(env);
  const store = createAppStore({
    ...services,
    prefs,
    env,
    suspend,
    copySecret: (value) => clipboard.copy(value),
    renameAccount: (from, to) =>
      renameAccount({ storage: services.service.storage, now: services.service.now, paths: claudeCodePaths(env), env }, from, to),
    // The network code loads on the first `t`, not with the UI.
    testConnections: async (account) => (await import('../accounts/connection-test/index.js')).testAccount(services.service, account, env),
  });
  const unwatch = watchStore(store, accountsRoot(env));

  const interrupted: { signal?: NodeJS.Signals } = {};
  const onSignal = (received: NodeJS.Signals) => {
    interrupted.signal = received;
    instance?.unmount();
  };
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
  for (const s of signals) process.on(s, onSignal);
  try {
    // The accounts load before the first frame, which shows them if they come quickly: a
    // loading screen drawn first would cost a whole extra (cold, slow) render.
    void store.getState().actions.load();
    // Cells are measured as Ink measures them (string-width, already loaded with Ink).
    await loadTextWidth();
    await firstLoad(store, LOADING_SCREEN_DELAY_MS);
    void firstLoad(store).then(() => setImmediate(openPrefs));
    if (interrupted.signal === undefined) {
      // Entered only now: until Ink puts the terminal in raw mode, keys typed are echoed.
      stdout.write(ENTER_ALT_SCREEN);
      inAltScreen = true;
      process.once('exit', restore);
      // maxFps: at Ink's default (30) a frame follows the previous one by 34 ms at the
      // earliest, so keys repeated or typed faster than that wait for it; 60 waits 17 ms.
      instance = render(<App store={store} theme={themeFor(env)} />, { exitOnCtrlC: false, patchConsole: true, maxFps: 60 });
      await instance.waitUntilExit();
    }
  } catch (error) {
    throw new CutiError('tui_crashed', `The full-screen UI stopped: ${errorMessage(error)}`);
  } finally {
    unwatch();
    clipboard.dispose();
    store.getState().actions.dispose();
    for (const s of signals) process.off(s, onSignal);
    restore();
    process.off('exit', restore);
    // A selection made before the preferences were read is written before exiting.
    if (prefs.hasUnsaved) {
      openPrefs();
      await prefs.ready;
    }
  }
  const { signal } = interrupted;
  if (signal) {
    const codes: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
    throw new CutiError('interrupted', `Interrupted by ${signal}`, { exitCode: codes[signal] ?? 1 });
  }
}
