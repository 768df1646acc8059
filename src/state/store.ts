import { createStore } from 'zustand/vanilla';

import type { AppActions, AppDeps, AppState, AppStore, ShellActions, ShellState, Slice, SliceContext } from './app-state.js';
import { createDeleteSlice } from './delete-slice.js';
import { createDetailSlice } from './detail-slice.js';
import { createDialogSlice } from './dialog-slice.js';
import { createHelpSlice } from './help-slice.js';
import { createListSlice } from './list-slice.js';
import { createRenameSlice } from './rename-slice.js';
import { createTestSlice } from './test-slice.js';
import { describeError, focusedAccountName } from './selectors.js';
import { createWizardSlice } from './wizard-slice.js';

export type * from './app-state.js';
export { accountNames, describeError, selectedAccount, visibleAccounts } from './selectors.js';

/** What every screen shares: the status line, dismissing it, and quitting. */
function createShellSlice({ get, set, deps }: SliceContext): Slice<ShellState, ShellActions> {
  return {
    state: { screen: 'list', busy: null, error: null, notice: null, quitRequested: false },
    actions: {
      dismissMessage() {
        set({ error: null, notice: null });
      },
      quit() {
        get().actions.hideSecret();
        const name = focusedAccountName(get());
        if (name !== undefined) deps.prefs.setLastSelected(name);
        set({ quitRequested: true });
      },
      suspend() {
        get().actions.hideSecret();
        deps.suspend?.();
      },
    },
  };
}

/**
 * One store per app instance (tests get a fresh one), composed of slices: the shell
 * (screen, status line), the list and its filter, the detail page and its reveal, the
 * add-key wizard, the delete dialog, yes/no questions and the help overlay. Every action that touches
 * data goes through the services, and every failure lands in `error`, never thrown
 * into React. Slices reach each other only through `get().actions`.
 */
export function createAppStore(deps: AppDeps): AppStore {
  return createStore<AppState>()((set, get) => {
    const ctx: SliceContext = {
      get,
      set: (patch) => set(patch),
      deps,
      fail: (error, extra = {}) => set({ busy: null, error: describeError(error), notice: null, ...extra }),
    };
    const shell = createShellSlice(ctx);
    const list = createListSlice(ctx);
    const detail = createDetailSlice(ctx);
    const wizard = createWizardSlice(ctx);
    const del = createDeleteSlice(ctx);
    const dialog = createDialogSlice(ctx);
    const rename = createRenameSlice(ctx);
    const help = createHelpSlice(ctx);
    const test = createTestSlice(ctx);
    const slices = [shell, list, detail, wizard, del, dialog, rename, help, test];
    const actions: AppActions = {
      ...shell.actions,
      ...list.actions,
      ...detail.actions,
      ...wizard.actions,
      ...del.actions,
      ...dialog.actions,
      ...rename.actions,
      ...help.actions,
      ...test.actions,
      dispose() {
        for (const slice of slices) slice.dispose?.();
      },
    };
    return {
      ...shell.state,
      ...list.state,
      ...detail.state,
      ...wizard.state,
      ...del.state,
      ...dialog.state,
      ...help.state,
      ...test.state,
      actions,
    };
  });
}
