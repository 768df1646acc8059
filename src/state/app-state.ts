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
  suspend(): void;
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
  sort: SortKey;
  /** What Claude Code will use, by the same precedence as `cuti claude status`; null where unknown. */
  claudeCodeUses: ClaudeCodeVerdict | null;
}

export interface ClaudeCodeVerdict {
  summary: string;
  usesActive: boolean;
}

/** The orders the list can be in (`s` steps through them). */
export type SortKey = 'name' | 'lastUsed' | 'type';

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
  cycleSort(): void;
  /** Asks for a name and saves Claude Code's current login under it. */
  startSaveLogin(): void;
}

export interface DetailState {
  name: string;
  details: AccountDetails | null;
  /** Index of the selected secret field; on a page with no secret field, how far it is scrolled. */
  cursor: number;
  /** Index of the secret shown in clear, if any. */
  revealed: number | null;
}

/** One account's page and the secret revealed on it. */
export interface DetailSliceState {
  detail: DetailState | null;
  /** Seconds a revealed secret stays visible. */
  revealSeconds: number;
  /** Seconds left before the revealed secret hides itself (counts down). */
  revealLeft: number;
  /** How far a page with no secret field can scroll at this size (the screen reports it). */
  detailScrollLimit: number;
}

export interface DetailActions {
  openDetail(): Promise<void>;
  /** Reads the open account again (after a change), keeping the cursor where it can. */
  refreshDetail(name: string): Promise<void>;
  back(): void;
  /** The open account went from disk (deleted or renamed by another process): back to the list, saying so. */
  leaveGoneAccount(name: string): void;
  /** The next or previous secret field; on a page with none, scrolls it. */
  moveSecret(delta: number): void;
  setDetailScrollLimit(limit: number): void;
  /** Reveals the selected secret as it is on disk now (read again first), or hides it. */
  toggleReveal(): Promise<void>;
  hideSecret(): void;
  /** Copies the selected secret to the clipboard, read again from disk first. */
  copySecret(): Promise<void>;
}

export interface WizardSliceState {
  wizard: WizardState | null;
}

export interface WizardActions {
  startAdd(): void;
  setWizardInput(value: string): void;
  /** Typed or pasted text, into the open prompt or else the wizard's field (Enter in it submits). */
  insertText(text: string): void;
  deleteTextChar(): void;
  clearText(): void;
  /** y or n on the wizard's "replace the existing key?" step. */
  answerWizardQuestion(yes: boolean): Promise<void>;
  moveWizardMenu(delta: number): void;
  submitWizardStep(): Promise<void>;
  wizardBack(): void;
}

/** What a delete removes: one provider's key, or the whole account (its directory, login included). */
export type DeleteTarget = Provider;

/** The delete target meaning "the whole account": no provider can be named this (names refuse control characters). */
export const WHOLE_ACCOUNT = '\u0000account';

export interface DeleteState {
  account: string;
  /** The choices offered in the first step: each provider's key, then the whole account. */
  providers: DeleteTarget[];
  step: 'provider' | 'confirm';
  provider: DeleteTarget | null;
  /** What the whole account holds, named in the confirmation ("Anthropic API key", "Claude Code login (Max)"). */
  contents: string[];
  /** In the confirm step 0 is "No", the default. */
  menuIndex: number;
  returnTo: 'list' | 'detail';
}

export interface DeleteSliceState {
  del: DeleteState | null;
}

export interface DeleteActions {
  /** `whole`: straight to deleting the whole account (D). */
  startDelete(whole?: boolean): void;
  moveDeleteMenu(delta: number): void;
  confirmDelete(yes?: boolean): Promise<void>;
  cancelDelete(): void;
}

export interface RenameActions {
  /** Asks for a new name for the selected (or open) account, the current one filled in. */
  startRename(): void;
}

/** What renaming an account did, for the status line (see accounts/rename.ts). */
export interface RenameOutcome {
  wasActive: boolean;
  /** The account's own Claude Code directory at its new path, when it has one. */
  configDir: string | null;
}

export interface HelpState {
  helpOpen: boolean;
  helpOffset: number;
  /** The keymap scope help was opened from; its section is shown first. */
  helpScope: string | null;
}

export interface HelpActions {
  toggleHelp(scope?: string): void;
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

/** A yes/no question; `index` 0 is No, the default. */
export interface ConfirmDialog {
  kind: 'confirm';
  title: string;
  /** What will happen, said whole (the dialog wraps long lines). */
  lines: string[];
  yes: string;
  no: string;
  index: number;
  onYes: () => Promise<void>;
}

/** A one-line question (a new name); `onSubmit` throws to keep it open with the error. */
export interface PromptDialog {
  kind: 'prompt';
  title: string;
  lines: string[];
  label: string;
  placeholder: string;
  input: string;
  error: string | null;
  onSubmit: (value: string) => Promise<void>;
}

export type Dialog = ConfirmDialog | PromptDialog;

export interface DialogSliceState {
  dialog: Dialog | null;
}

export type DialogRequest =
  | Omit<ConfirmDialog, 'index'>
  | (Omit<PromptDialog, 'input' | 'error'> & { input?: string });

export interface DialogActions {
  ask(dialog: DialogRequest): void;
  moveDialog(delta: number): void;
  /** Enter answers with the highlighted choice; `yes` answers y or n directly. */
  answerDialog(yes?: boolean): Promise<void>;
  closeDialog(): void;
}

export type AppActions = ShellActions &
  ListActions &
  DetailActions &
  WizardActions &
  DeleteActions &
  DialogActions &
  RenameActions &
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
  DialogSliceState &
  HelpState &
  TestSliceState & {
    actions: AppActions;
  };

export type AppStore = StoreApi<AppState>;

/** What copying a secret did, for the status line (the value itself is never shown). */
export interface CopyOutcome {
  /** How it was copied: "OSC 52", "wl-copy", "OSC 52 and xclip"... */
  how: string;
  clearSeconds: number;
}

export interface AppDeps {
  service: AccountService;
  claudeCode: ClaudeCodeService;
  prefs: UiPrefs;
  /** Runs `cuti claude test <account>` (network code loaded on first use); absent where there is none. */
  testConnections?: (account: string) => Promise<TestResult[]>;
  /** Puts a secret on the clipboard and clears it later (absent where there is no way to). */
  copySecret?: (value: string) => CopyOutcome;
  /** Stops the process like Ctrl-Z does in a shell, restoring the terminal first. */
  suspend?: () => void;
  /** The environment Claude Code would see, for what it will use (status). */
  env?: NodeJS.ProcessEnv;
  /** `cuti claude rename`: gives an account a new name (absent where there is no way to). */
  renameAccount?: (from: string, to: string) => Promise<RenameOutcome>;
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
