import type { StoreApi } from 'zustand/vanilla';

import type { ClaudeCodeService } from '../accounts/claude-code-service.js';
import type { AccountDetails, AccountService, AccountSummary } from '../accounts/service.js';
import type { TestResult } from '../domain/connection-test/verdict.js';
import type { Provider } from '../domain/providers/index.js';
import type { UiPrefs } from '../storage/prefs.js';
import type { SecretStoreKind } from '../storage/secret-settings.js';
import type { WizardState } from './wizard.js';

/**
 * The shape of the TUI's state, in one place. Each slice (list-slice.ts, detail-slice.ts,
 * wizard-slice.ts, delete-slice.ts, help-slice.ts) owns some of these fields and actions;
 * store.ts composes them into one zustand store, so a screen reads one flat state.
 */

export type Screen = 'list' | 'detail' | 'wizard' | 'delete';

/** What every screen shares: which screen is up and the one status line. */
export interface ShellState {
  screen: Screen;
  /** Label of the slow operation running, shown with a spinner. */
  busy: string | null;
  error: string | null;
  notice: string | null;
  quitRequested: boolean;
}

export interface ShellActions {
  dismissMessage(): void;
  quit(): void;
}

/** The account list and its filter. */
export interface ListState {
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
  /** Where this home keeps secrets (shown in the header); null until read, or when unreadable. */
  secretStore: SecretStoreKind | null;
}

export interface ListActions {
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
  /** Makes the selected (or open) account the active one. */
  useAccount(): Promise<void>;
}

export interface DetailState {
  name: string;
  details: AccountDetails | null;
  /** Index of the selected secret field. */
  cursor: number;
  /** Index of the secret shown in clear, if any. */
  revealed: number | null;
}

/** One account's page and the secret revealed on it. */
export interface DetailSliceState {
  detail: DetailState | null;
  /** Seconds a revealed secret stays visible. */
  revealSeconds: number;
}

export interface DetailActions {
  openDetail(): Promise<void>;
  /** Reads the open account again (after a change), keeping the cursor where it can. */
  refreshDetail(name: string): Promise<void>;
  back(): void;
  moveSecret(delta: number): void;
  toggleReveal(): void;
  hideSecret(): void;
}

export interface WizardSliceState {
  wizard: WizardState | null;
}

export interface WizardActions {
  startAdd(): void;
  setWizardInput(value: string): void;
  moveWizardMenu(delta: number): void;
  submitWizardStep(): Promise<void>;
  wizardBack(): void;
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

export interface DeleteSliceState {
  del: DeleteState | null;
}

export interface DeleteActions {
  startDelete(): void;
  moveDeleteMenu(delta: number): void;
  confirmDelete(yes?: boolean): Promise<void>;
  cancelDelete(): void;
}

export interface HelpState {
  helpOpen: boolean;
  helpOffset: number;
}

export interface HelpActions {
  toggleHelp(): void;
  scrollHelp(delta: number): void;
}

/** One account's connection test in this session (the `t` key). */
export interface AccountTest {
  running: boolean;
  /** The last run's verdicts, kept on screen while a new run goes. */
  results: TestResult[] | null;
  error: string | null;
}

export interface TestSliceState {
  /** By account name. */
  tests: Record<string, AccountTest>;
}

export interface TestActions {
  /** Tests every credential of the selected (or open) account; the UI stays live meanwhile. */
  testAccount(): void;
}

export type AppActions = ShellActions &
  ListActions &
  DetailActions &
  WizardActions &
  DeleteActions &
  HelpActions &
  TestActions & {
    /** Stops every slice's timers; call when the app unmounts. */
    dispose(): void;
  };

export type AppState = ShellState &
  ListState &
  DetailSliceState &
  WizardSliceState &
  DeleteSliceState &
  HelpState &
  TestSliceState & {
    actions: AppActions;
  };

export type AppStore = StoreApi<AppState>;

export interface AppDeps {
  service: AccountService;
  claudeCode: ClaudeCodeService;
  prefs: UiPrefs;
  /** Runs `cuti claude test <account>` (network code loaded on first use); absent where there is none. */
  testConnections?: (account: string) => Promise<TestResult[]>;
}

/** What a slice gets: the store's get and set, the services, and the shared way to fail. */
export interface SliceContext {
  get: () => AppState;
  set: (patch: Partial<AppState>) => void;
  deps: AppDeps;
  /** Stops the spinner and shows the error (sanitised), with any other changes. */
  fail: (error: unknown, extra?: Partial<AppState>) => void;
}

/** A slice: its part of the initial state, its actions, and what to stop on unmount. */
export interface Slice<S, A> {
  state: S;
  actions: A;
  dispose?: () => void;
}
