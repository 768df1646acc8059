import { createStore, type StoreApi } from 'zustand/vanilla';

import type { ClaudeCodeService } from '../accounts/claude-code-service.js';
import type { AccountDetails, AccountList, AccountService, AccountSummary } from '../accounts/service.js';
import { CutiError, errorMessage } from '../domain/errors.js';
import { sanitizeForDisplay } from '../domain/sanitize.js';
import type { Provider } from '../domain/types.js';
import { cachedPer } from './cached-per.js';
import { secretsOf } from './detail-rows.js';
import { filterAccounts } from './filter.js';
import type { UiPrefs } from '../storage/prefs.js';
import { clampIndex } from './window.js';
import {
  credentialOf,
  enterStep,
  firstFieldStep,
  isTextStep,
  menuItems,
  NEW_ACCOUNT,
  newWizard,
  OTHER_VALUE,
  REPLACE_YES,
  TEXT_STEPS,
  valueKeyOf,
  type WizardState,
  type WizardStep,
} from './wizard.js';

export type Screen = 'list' | 'detail' | 'wizard' | 'delete';

export interface DetailState {
  name: string;
  details: AccountDetails | null;
  /** Index of the selected secret field. */
  cursor: number;
  /** Index of the secret shown in clear, if any. */
  revealed: number | null;
}

export interface DeleteState {
  account: string;
  providers: Provider[];
  step: 'provider' | 'confirm';
  provider: Provider | null;
  /** In the confirm step 0 is "No", the default. */
  menuIndex: number;
  returnTo: 'list' | 'detail';
}

export interface AppActions {
  load(select?: string): Promise<void>;
  setViewportRows(rows: number): void;
  move(delta: number): void;
  moveToEdge(edge: 'top' | 'bottom'): void;
  page(direction: 1 | -1): void;
  startFilter(): void;
  typeFilter(text: string): void;
  deleteFilterChar(): void;
  acceptFilter(): void;
  clearFilter(): void;
  openDetail(): Promise<void>;
  back(): void;
  moveSecret(delta: number): void;
  toggleReveal(): void;
  hideSecret(): void;
  useAccount(): Promise<void>;
  startAdd(): void;
  setWizardInput(value: string): void;
  moveWizardMenu(delta: number): void;
  submitWizardStep(): Promise<void>;
  wizardBack(): void;
  startDelete(): void;
  moveDeleteMenu(delta: number): void;
  confirmDelete(yes?: boolean): Promise<void>;
  cancelDelete(): void;
  toggleHelp(): void;
  scrollHelp(delta: number): void;
  dismissMessage(): void;
  quit(): void;
  /** Stops timers; call when the app unmounts. */
  dispose(): void;
}

export interface AppState {
  screen: Screen;
  helpOpen: boolean;
  helpOffset: number;
  /** Seconds a revealed secret stays visible. */
  revealSeconds: number;
  /** Label of the slow operation running, shown with a spinner. */
  busy: string | null;
  error: string | null;
  notice: string | null;
  loaded: boolean;
  /** The last load failed: the list may be stale or empty for that reason, not because there are no accounts. */
  loadFailed: boolean;
  accounts: AccountSummary[];
  /** The active account's name, from accounts.json. */
  active: string | null;
  filter: string;
  filtering: boolean;
  /** Index into the filtered list. */
  selected: number;
  /** Rows the list can show, set by the layout; drives page up/down. */
  viewportRows: number;
  detail: DetailState | null;
  wizard: WizardState | null;
  del: DeleteState | null;
  quitRequested: boolean;
  actions: AppActions;
}

export type AppStore = StoreApi<AppState>;

export interface AppDeps {
  service: AccountService;
  claudeCode: ClaudeCodeService;
  prefs: UiPrefs;
}

/**
 * One displayable line. Storage errors carry safe, path-naming messages; anything else
 * is a bug shown briefly. Messages can quote names or paths from disk, so sanitise them.
 */
export function describeError(error: unknown): string {
  if (error instanceof CutiError) return sanitizeForDisplay(error.message);
  return sanitizeForDisplay(`Unexpected error: ${errorMessage(error)}`);
}

export const visibleAccounts = (state: AppState): readonly AccountSummary[] =>
  filterAccounts(state.accounts, state.filter);

export const selectedAccount = (state: AppState): AccountSummary | undefined =>
  visibleAccounts(state)[state.selected];

/** The accounts' names, the same array for the same list (the wizard's account menu is built from it once). */
export const accountNames = cachedPer((accounts: readonly AccountSummary[]): readonly string[] => accounts.map((a) => a.name));

/**
 * One store per app instance (tests get a fresh one). Every action that touches data
 * goes through the services, and every failure lands in `error`, never thrown into
 * React.
 */
export function createAppStore({ service, claudeCode, prefs }: AppDeps): AppStore {
  let revealTimer: NodeJS.Timeout | undefined;

  return createStore<AppState>()((set, get) => {
    const clearReveal = () => {
      if (revealTimer) clearTimeout(revealTimer);
      revealTimer = undefined;
    };
    const hideSecret = () => {
      clearReveal();
      const detail = get().detail;
      if (detail && detail.revealed !== null) set({ detail: { ...detail, revealed: null } });
    };
    const fail = (error: unknown, extra: Partial<AppState> = {}) =>
      set({ busy: null, error: describeError(error), notice: null, ...extra });
    const names = () => accountNames(get().accounts);

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

    /** Where a wizard or delete dialog goes back to: the detail screen only if it is still open. */
    const screenToReturnTo = (returnTo: 'list' | 'detail'): Screen => (returnTo === 'detail' && get().detail ? 'detail' : 'list');

    const refreshDetail = async (name: string) => {
      const details = await service.getAccountDetails(name);
      const secrets = secretsOf(details).length;
      const current = get().detail;
      const cursor = current?.name === name ? clampIndex(current.cursor, secrets) : 0;
      set({ detail: { name, details, cursor, revealed: null } });
    };

    const leaveDetail = () => {
      hideSecret();
      set({ screen: 'list', detail: null });
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

    const setWizard = (wizard: WizardState) => set({ wizard });
    const goToStep = (wizard: WizardState, step: WizardStep) =>
      setWizard(enterStep({ ...wizard, history: [...wizard.history, wizard.step] }, step, names()));

    const actions: AppActions = {
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
          ...recovered,
        });
        selectByName(keep);
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

      async openDetail() {
        const account = selectedAccount(get());
        if (!account) return;
        prefs.setLastSelected(account.name);
        set({ screen: 'detail', detail: { name: account.name, details: null, cursor: 0, revealed: null }, busy: 'Loading…', error: null, notice: null });
        try {
          await refreshDetail(account.name);
          set({ busy: null });
        } catch (error) {
          fail(error);
        }
      },

      back() {
        const { screen } = get();
        if (screen === 'detail') leaveDetail();
      },

      moveSecret(delta) {
        const detail = get().detail;
        if (!detail?.details) return;
        hideSecret();
        const count = secretsOf(detail.details).length;
        set({ detail: { ...detail, revealed: null, cursor: clampIndex(detail.cursor + delta, count) } });
      },

      toggleReveal() {
        const detail = get().detail;
        if (!detail?.details) return;
        if (secretsOf(detail.details).length === 0) return;
        if (detail.revealed === detail.cursor) {
          hideSecret();
          return;
        }
        clearReveal();
        set({ detail: { ...detail, revealed: detail.cursor } });
        revealTimer = setTimeout(hideSecret, prefs.revealTimeoutMs());
        revealTimer.unref?.();
      },

      hideSecret,

      async useAccount() {
        const { screen, detail } = get();
        const name = screen === 'detail' ? detail?.name : selectedAccount(get())?.name;
        if (name === undefined) return;
        set({ busy: 'Switching…', error: null, notice: null });
        try {
          // The same operation as `cuti claude use`: an account holding a Claude Code
          // login also has that login put in place.
          const result = await claudeCode.use(name);
          prefs.setLastSelected(name);
          await actions.load(name);
          if (get().screen === 'detail') await refreshDetail(name);
          const login = result.login ? ` (Claude Code login put in place in ${sanitizeForDisplay(result.login.configDir)})` : '';
          set({ busy: null, notice: `✓ Active account is now ${sanitizeForDisplay(name)}${login}` });
        } catch (error) {
          fail(error);
        }
      },

      startAdd() {
        const { screen, detail } = get();
        hideSecret();
        const wizard = screen === 'detail' && detail ? newWizard(detail.name, 'detail') : newWizard(null, 'list');
        set({ screen: 'wizard', wizard, helpOpen: false, error: null, notice: null });
      },

      setWizardInput(value) {
        const wizard = get().wizard;
        if (!wizard) return;
        // A paste ending in a newline, or text and Enter arriving in one read, submits.
        const newline = value.search(/[\r\n]/);
        setWizard({ ...wizard, input: newline >= 0 ? value.slice(0, newline) : value, error: null });
        if (newline >= 0) void actions.submitWizardStep();
      },

      moveWizardMenu(delta) {
        const wizard = get().wizard;
        if (!wizard) return;
        const count = menuItems(wizard, names()).length;
        setWizard({ ...wizard, menuIndex: clampIndex(wizard.menuIndex + delta, count) });
      },

      async submitWizardStep() {
        const wizard = get().wizard;
        if (!wizard) return;
        const step = wizard.step;
        if (isTextStep(step)) {
          let value: string;
          try {
            value = TEXT_STEPS[step].validate(wizard.input);
          } catch (error) {
            setWizard({ ...wizard, error: describeError(error) });
            return;
          }
          if (step === 'name') {
            goToStep({ ...wizard, account: value }, 'provider');
            return;
          }
          const values = { ...wizard.values, [valueKeyOf(step)]: value };
          const next: Record<typeof step, WizardStep> = {
            apiKey: 'summary',
            modelCustom: 'region',
            regionCustom: 'accessKeyId',
            accessKeyId: 'secretAccessKey',
            secretAccessKey: 'summary',
          };
          const updated = { ...wizard, values };
          if (next[step] === 'summary') toSummary(updated);
          else goToStep(updated, next[step]);
          return;
        }
        if (step === 'summary') {
          await save(wizard);
          return;
        }
        const item = menuItems(wizard, names())[wizard.menuIndex];
        if (!item) return;
        switch (step) {
          case 'account':
            if (item.value === NEW_ACCOUNT) goToStep({ ...wizard, account: '' }, 'name');
            else goToStep({ ...wizard, account: item.value }, 'provider');
            return;
          case 'provider': {
            const provider = item.value as Provider;
            const chosen = { ...wizard, provider };
            set({ busy: 'Checking…' });
            try {
              const exists = await service.hasProvider(wizard.account, provider);
              set({ busy: null });
              goToStep(chosen, exists ? 'replace' : firstFieldStep(provider));
            } catch (error) {
              set({ busy: null });
              setWizard({ ...chosen, error: describeError(error) });
            }
            return;
          }
          case 'replace':
            if (item.value === REPLACE_YES && wizard.provider) goToStep(wizard, firstFieldStep(wizard.provider));
            else actions.wizardBack();
            return;
          case 'model':
            if (item.value === OTHER_VALUE) goToStep(wizard, 'modelCustom');
            else goToStep({ ...wizard, values: { ...wizard.values, modelId: item.value } }, 'region');
            return;
          case 'region':
            if (item.value === OTHER_VALUE) goToStep(wizard, 'regionCustom');
            else goToStep({ ...wizard, values: { ...wizard.values, region: item.value } }, 'accessKeyId');
            return;
          default:
            return;
        }
      },

      wizardBack() {
        const wizard = get().wizard;
        if (!wizard) return;
        const previous = wizard.history[wizard.history.length - 1];
        if (previous === undefined) {
          set({ wizard: null, screen: screenToReturnTo(wizard.returnTo) });
          return;
        }
        setWizard(enterStep({ ...wizard, history: wizard.history.slice(0, -1), warnings: [] }, previous, names()));
      },

      startDelete() {
        const { screen, detail } = get();
        let account: string | undefined;
        let providers: Provider[];
        let preset: Provider | null = null;
        if (screen === 'detail' && detail?.details) {
          account = detail.name;
          providers = detail.details.credentials.map((c) => c.provider);
          preset = secretsOf(detail.details)[detail.cursor]?.provider ?? null;
        } else {
          const selected = selectedAccount(get());
          account = selected?.name;
          providers = selected?.providers ?? [];
        }
        if (account === undefined) return;
        hideSecret();
        if (providers.length === 0) {
          set({ error: `${sanitizeForDisplay(account)} holds no API key to delete`, notice: null });
          return;
        }
        const provider = preset ?? (providers.length === 1 ? (providers[0] ?? null) : null);
        set({
          screen: 'delete',
          error: null,
          notice: null,
          del: {
            account,
            providers,
            provider,
            step: provider ? 'confirm' : 'provider',
            menuIndex: 0,
            returnTo: screen === 'detail' ? 'detail' : 'list',
          },
        });
      },

      moveDeleteMenu(delta) {
        const del = get().del;
        if (!del) return;
        const count = del.step === 'provider' ? del.providers.length : 2;
        set({ del: { ...del, menuIndex: clampIndex(del.menuIndex + delta, count) } });
      },

      async confirmDelete(yes) {
        const del = get().del;
        if (!del) return;
        if (del.step === 'provider') {
          const provider = del.providers[del.menuIndex] ?? null;
          set({ del: { ...del, provider, step: 'confirm', menuIndex: 0 } });
          return;
        }
        const confirmed = yes ?? del.menuIndex === 1;
        if (!confirmed || !del.provider) {
          actions.cancelDelete();
          return;
        }
        set({ busy: 'Deleting…' });
        try {
          await service.deleteCredential(del.account, del.provider);
          const notice = `✓ Deleted ${del.provider} API key from account: ${sanitizeForDisplay(del.account)}`;
          await actions.load(del.account);
          if (del.returnTo === 'detail') await refreshDetail(del.account);
          set({ busy: null, notice, del: null, screen: screenToReturnTo(del.returnTo) });
        } catch (error) {
          fail(error, { del: null, screen: screenToReturnTo(del.returnTo) });
        }
      },

      cancelDelete() {
        const del = get().del;
        set({ del: null, screen: screenToReturnTo(del?.returnTo ?? 'list') });
      },

      toggleHelp() {
        set({ helpOpen: !get().helpOpen, helpOffset: 0 });
      },

      scrollHelp(delta) {
        // The overlay clamps the bottom, since only it knows how many lines fit.
        set({ helpOffset: Math.max(0, get().helpOffset + delta) });
      },

      dismissMessage() {
        set({ error: null, notice: null });
      },

      quit() {
        hideSecret();
        const name = get().screen === 'detail' ? get().detail?.name : selectedAccount(get())?.name;
        if (name !== undefined) prefs.setLastSelected(name);
        set({ quitRequested: true });
      },

      dispose() {
        clearReveal();
      },
    };

    const toSummary = (wizard: WizardState) => {
      try {
        const { warnings } = service.validateCredential(wizard.account, credentialOf(wizard));
        goToStep({ ...wizard, warnings }, 'summary');
      } catch (error) {
        setWizard({ ...wizard, error: describeError(error) });
      }
    };

    const save = async (wizard: WizardState) => {
      set({ busy: 'Saving…' });
      try {
        const result = await service.addCredential(wizard.account, credentialOf(wizard));
        const provider = wizard.provider ?? '';
        const name = sanitizeForDisplay(wizard.account);
        const notice = `✓ ${result.replaced ? 'Replaced' : 'Added'} ${provider} API key ${result.replaced ? 'of' : 'to'} account: ${name}`;
        set({ wizard: null, filter: '', filtering: false });
        await actions.load(wizard.account);
        set({ screen: 'detail', detail: { name: wizard.account, details: null, cursor: 0, revealed: null } });
        await refreshDetail(wizard.account);
        set({ busy: null, notice, error: null });
      } catch (error) {
        // The answers stay, so nothing typed is lost; the summary shows what went wrong.
        set({ busy: null });
        const current = get().wizard;
        if (current) setWizard({ ...current, error: describeError(error) });
        else fail(error);
      }
    };

    return {
      screen: 'list',
      helpOpen: false,
      helpOffset: 0,
      revealSeconds: prefs.revealTimeoutMs() / 1000,
      busy: null,
      error: null,
      notice: null,
      loaded: false,
      loadFailed: false,
      accounts: [],
      active: null,
      filter: '',
      filtering: false,
      selected: 0,
      viewportRows: 10,
      detail: null,
      wizard: null,
      del: null,
      quitRequested: false,
      actions,
    };
  });
}
