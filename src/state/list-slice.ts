import type { AccountList } from '../accounts/service.js';
import { shown } from '../domain/safe-text.js';
import type { AppState, ClaudeCodeVerdict, ListActions, ListState, Slice, SliceContext, SortKey } from './app-state.js';
import { focusedAccountName, selectedAccount, visibleAccounts } from './selectors.js';
import { clampIndex } from './window.js';

/** The account list: loading it, moving through it, filtering it by name, and making an account active. */
export function createListSlice(ctx: SliceContext): Slice<ListState, ListActions> {
  const { get, set, fail } = ctx;
  const { service, claudeCode, prefs } = ctx.deps;

  const selectByName = (name: string | undefined) => {
    if (name === undefined) return;
    const index = visibleAccounts(get()).findIndex((a) => a.name === name);
    if (index >= 0) set({ selected: index });
  };

  /** Changes the filter, keeping the selected account selected when it still matches. */
  const refilter = (patch: Partial<AppState>) => {
    const name = selectedAccount(get())?.name;
    set({ ...patch, selected: 0 });
    selectByName(name);
  };

  /**
   * The list is shown as soon as the accounts are read, without waiting for the stored
   * preferences (reading them loads the conf library). When they arrive: the reveal
   * timeout, a problem with the file (shown once), and the last selected account,
   * unless the person has already moved or filtered.
   */
  const applyStoredPrefs = async (restoreSelection: boolean) => {
    const shown = get();
    await prefs.ready;
    const now = get();
    set({ revealSeconds: prefs.revealTimeoutMs() / 1000, ...(prefs.warning && now.error === null ? { error: prefs.warning } : {}) });
    const untouched = now.screen === 'list' && now.selected === shown.selected && now.filter === shown.filter && now.accounts === shown.accounts;
    if (restoreSelection && untouched) selectByName(prefs.lastSelected());
  };

  const SORTS: SortKey[] = ['name', 'lastUsed', 'type'];

  /** What Claude Code will use now (the TUI's own environment, its settings and live login). */
  const readVerdict = async (): Promise<ClaudeCodeVerdict | null> => {
    if (!ctx.deps.env) return null;
    try {
      const { verdict } = await claudeCode.claudeCodeStatus(ctx.deps.env);
      return { summary: shown(verdict.summary), usesActive: verdict.usesActive };
    } catch {
      return null;
    }
  };

  /** The same operation as `cuti claude use`, then what Claude Code will really use. */
  const switchTo = async (name: string) => {
    set({ busy: 'Switching…', error: null, notice: null });
    try {
      // An account holding a Claude Code login also has that login put in place.
      const result = await claudeCode.use(name);
      prefs.setLastSelected(name);
      await actions.load(name);
      if (get().screen === 'detail') await get().actions.refreshDetail(name);
      const login = result.login ? ` (Claude Code login put in place in ${shown(result.login.configDir)})` : '';
      const verdict = get().claudeCodeUses;
      // Said at once when something outranks the choice, as `cuti claude use` does.
      const outranked = verdict && !verdict.usesActive ? ` · ⚠ ${verdict.summary}` : '';
      set({ busy: null, notice: `✓ Active account is now ${shown(name)}${login}${outranked}` });
    } catch (error) {
      fail(error);
    }
  };

  const actions: ListActions = {
    async load(select) {
      const firstLoad = !get().loaded;
      set({ busy: 'Loading accounts…' });
      let list: AccountList;
      try {
        list = await service.listAccounts();
      } catch (error) {
        // Keep whatever was on screen; the file that failed is named in the message.
        fail(error, { loaded: true, loadFailed: true });
        return;
      }
      // Which store keeps the secrets: a small file, never the keychain itself.
      const secretStore = await service.secretStoreInUse();
      const keep = select ?? selectedAccount(get())?.name;
      // A successful reload clears the error of the failed one (only that one).
      const recovered = get().loadFailed ? { error: null } : {};
      set({
        accounts: list.accounts,
        active: list.active,
        loaded: true,
        loadFailed: false,
        busy: null,
        selected: 0,
        revealSeconds: prefs.revealTimeoutMs() / 1000,
        secretStore,
        ...recovered,
      });
      selectByName(keep);
      set({ claudeCodeUses: await readVerdict() });
      if (firstLoad) await applyStoredPrefs(keep === undefined);
    },

    setViewportRows(rows) {
      if (rows !== get().viewportRows) set({ viewportRows: rows });
    },

    move(delta) {
      const count = visibleAccounts(get()).length;
      set({ selected: clampIndex(get().selected + delta, count) });
    },

    moveToEdge(edge) {
      const count = visibleAccounts(get()).length;
      set({ selected: edge === 'top' ? 0 : clampIndex(count - 1, count) });
    },

    page(direction) {
      actions.move(direction * Math.max(1, get().viewportRows - 1));
    },

    startFilter() {
      set({ filtering: true, notice: null, error: null });
    },

    typeFilter(text) {
      refilter({ filter: get().filter + text });
    },

    deleteFilterChar() {
      refilter({ filter: [...get().filter].slice(0, -1).join('') });
    },

    acceptFilter() {
      set({ filtering: false });
    },

    clearFilter() {
      refilter({ filter: '', filtering: false });
    },

    cycleSort() {
      const next = SORTS[(SORTS.indexOf(get().sort) + 1) % SORTS.length] ?? 'name';
      const labels: Record<SortKey, string> = { name: 'name', lastUsed: 'last used', type: 'type' };
      refilter({ sort: next, notice: `Sorted by ${labels[next]}`, error: null });
    },

    startSaveLogin() {
      get().actions.ask({
        kind: 'prompt',
        title: "Save Claude Code's current login as an account",
        lines: ['The login Claude Code uses now is copied into a new account, in the layout the original tool reads.'],
        label: 'Account name',
        placeholder: 'e.g. work-max',
        onSubmit: async (name) => {
          set({ busy: 'Saving the login…' });
          const result = await claudeCode.saveLogin(name, { force: false });
          await actions.load(name);
          set({ busy: null, notice: `✓ Saved Claude Code's current login (${shown(result.type)}) as account ${shown(name)}` });
        },
      });
    },

    async useAccount() {
      const name = focusedAccountName(get());
      if (name === undefined) return;
      // As it is on disk now, not as the list was drawn: whether a login would be put in place decides the question.
      let account;
      try {
        account = await service.getAccountDetails(name);
      } catch (error) {
        fail(error);
        return;
      }
      if (account.oauth && ctx.deps.env) {
        // Putting this account's login in place replaces the one Claude Code has now: ask first.
        const status = await claudeCode.claudeCodeStatus(ctx.deps.env).catch(() => null);
        const live = status ? [status.verdict.winner, ...status.verdict.shadowed].find((s) => s?.kind === 'login') : undefined;
        if (live && status?.active?.name !== name) {
          get().actions.ask({
            kind: 'confirm',
            title: "Replace Claude Code's login?",
            lines: [
              `Claude Code is signed in now (${shown(live.description)}).`,
              `Using ${shown(name)} puts its login there instead; the one it replaces is kept as a backup first.`,
            ],
            yes: 'Yes, use it',
            no: 'No, keep the current login',
            onYes: () => switchTo(name),
          });
          return;
        }
      }
      await switchTo(name);
    },
  };

  return {
    state: {
      loaded: false,
      loadFailed: false,
      accounts: [],
      active: null,
      filter: '',
      filtering: false,
      selected: 0,
      viewportRows: 10,
      secretStore: null,
      sort: 'name',
      claudeCodeUses: null,
    },
    actions,
  };
}
