import { hasUnsafeCharacters } from '../domain/sanitize.js';
import { secretsOf } from '../state/detail-rows.js';
import { visibleAccounts } from '../state/selectors.js';
import type { AppState, AppStore } from '../state/store.js';
import { isMenuStep } from '../state/wizard.js';
import type { Key } from 'ink';

import { charKeyName, keyName, resolveCommand, type Command, type Scope } from './keymap.js';

/** Which part of the keymap is live, from the state alone. */
export function currentScope(state: AppState): Scope {
  if (state.helpOpen) return 'help';
  if (state.dialog) return state.dialog.kind === 'confirm' ? 'confirm' : 'text';
  switch (state.screen) {
    case 'list':
      return state.filtering ? 'filter' : 'list';
    case 'detail':
      return 'detail';
    case 'delete':
      return state.del?.step === 'confirm' ? 'delete' : 'deletePick';
    case 'wizard': {
      const wizard = state.wizard;
      if (wizard?.step === 'summary') return 'summary';
      // Replacing a key is a yes/no question: y and n answer it.
      if (wizard?.step === 'replace') return 'confirm';
      return !wizard || isMenuStep(wizard) ? 'menu' : 'text';
    }
  }
}

/**
 * Commands of the current scope that would do nothing in this state, so the footer
 * leaves them out: revealing and copying on a page with no secret to act on (a login,
 * an unreadable file), and moving there unless the page scrolls; acting on an account
 * in a list that shows none.
 */
export function idleCommands(state: AppState): Command[] {
  const scope = currentScope(state);
  if (scope === 'detail') {
    const secrets = state.detail?.details ? secretsOf(state.detail.details).length : 0;
    // A page with no secret field moves (scrolls) only when it does not fit.
    if (secrets === 0) return state.detailScrollLimit > 0 ? ['reveal', 'copy'] : ['up', 'reveal', 'copy'];
    return secrets === 1 ? ['up'] : [];
  }
  if (scope === 'list' && visibleAccounts(state).length === 0) return ['up', 'open', 'use', 'delete', 'rename', 'test'];
  return [];
}

/**
 * Runs a command against the store. Handlers read fresh state with getState(), never a
 * render's closure, so keys typed faster than React re-renders all land (Ink 6 re-binds
 * input handlers only after an effect).
 */
export function runCommand(store: AppStore, command: Command, scope: Scope): void {
  const state = store.getState();
  const a = state.actions;
  const inDialog = state.dialog !== null;
  const vertical = (delta: number) => {
    if (scope === 'list') a.move(delta);
    else if (scope === 'detail') a.moveSecret(delta);
    else if (inDialog) a.moveDialog(delta);
    else if (scope === 'menu' || scope === 'confirm') a.moveWizardMenu(delta);
    else if (scope === 'delete' || scope === 'deletePick') a.moveDeleteMenu(delta);
    else if (scope === 'help') a.scrollHelp(delta);
  };
  switch (command) {
    case 'quit':
    case 'forceQuit':
      return a.quit();
    case 'help':
    case 'closeHelp':
      return a.toggleHelp(scope);
    case 'up':
      return vertical(-1);
    case 'down':
      return vertical(1);
    case 'pageUp':
      return a.page(-1);
    case 'pageDown':
      return a.page(1);
    case 'top':
      return a.moveToEdge('top');
    case 'bottom':
      return a.moveToEdge('bottom');
    case 'open':
      void a.openDetail();
      return;
    case 'filter':
      return a.startFilter();
    case 'acceptFilter':
      return a.acceptFilter();
    case 'clearFilter':
      if (state.filter !== '' || state.filtering) a.clearFilter();
      else a.dismissMessage();
      return;
    case 'filterBackspace':
      return a.deleteFilterChar();
    case 'add':
      return a.startAdd();
    case 'delete':
      return a.startDelete();
    case 'use':
      void a.useAccount();
      return;
    case 'reload':
      void a.load();
      return;
    case 'test':
      return a.testAccount();
    case 'back':
      if (scope === 'detail') a.back();
      else if (inDialog) a.closeDialog();
      else if (scope === 'deletePick') a.cancelDelete();
      else a.wizardBack();
      return;
    case 'reveal':
      void a.toggleReveal();
      return;
    case 'select':
      if (inDialog) void a.answerDialog();
      else if (scope === 'delete' || scope === 'deletePick') void a.confirmDelete();
      else void a.submitWizardStep();
      return;
    case 'save':
      void a.submitWizardStep();
      return;
    case 'yes':
      if (inDialog) void a.answerDialog(true);
      else if (scope === 'confirm') void a.answerWizardQuestion(true);
      else if (state.del?.step === 'confirm') void a.confirmDelete(true);
      return;
    case 'no':
      if (inDialog) void a.answerDialog(false);
      else if (scope === 'confirm') void a.answerWizardQuestion(false);
      else a.cancelDelete();
      return;
    case 'copy':
      void a.copySecret();
      return;
    case 'textBackspace':
      return a.deleteTextChar();
    case 'clearText':
      return a.clearText();
    case 'sort':
      return a.cycleSort();
    case 'deleteAccount':
      return a.startDelete(true);
    case 'saveLogin':
      return a.startSaveLogin();
    case 'rename':
      return a.startRename();
    case 'suspend':
      return a.suspend();
    default: {
      // Adding a command to the keymap without handling it here fails to compile.
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** Most keys kept while something slow runs; a key held down beyond that is not news. */
const MAX_TYPED_AHEAD = 64;

/** Keys typed while something slow ran, per app, to run in order once it is done. */
const typedAhead = new WeakMap<AppStore, Array<[name: string, input: string]>>();

/**
 * Keys typed during a slow action wait for it to end, then act in order, as they would
 * have one at a time: "\rjr" (open, move, reveal) in one read reveals once the page has
 * loaded instead of losing "jr" to the load.
 */
function typeAhead(store: AppStore, name: string, input: string): void {
  let queue = typedAhead.get(store);
  if (!queue) {
    queue = [];
    typedAhead.set(store, queue);
    store.subscribe((state, previous) => {
      if (state.busy !== null || previous.busy === null) return;
      const keys = typedAhead.get(store)?.splice(0) ?? [];
      // A key that starts something slow again queues the ones after it behind that.
      for (const [n, i] of keys) handleKey(store, n, i);
    });
  }
  if (queue.length < MAX_TYPED_AHEAD) queue.push([name, input]);
}

/** Feeds one key press to the app; text typed while filtering goes into the filter. */
export function handleKey(store: AppStore, name: string, input: string): void {
  const state = store.getState();
  const scope = currentScope(state);
  const command = resolveCommand(scope, name);
  // While something slow runs only quitting acts at once, so no action races another;
  // other keys wait their turn.
  if (state.busy !== null && command !== 'forceQuit' && command !== 'quit' && command !== 'suspend') {
    typeAhead(store, name, input);
    return;
  }
  if (command) {
    runCommand(store, command, scope);
    return;
  }
  if (scope === 'filter' && input !== '' && !hasUnsafeCharacters(input)) state.actions.typeFilter(input);
  if (scope === 'text' && input !== '' && !hasUnsafeCharacters(input) && state.busy === null) state.actions.insertText(input);
}

const PASTE_START = '[200~';
const PASTE_END = '[201~';

/** Text being pasted (between the terminal's bracketed-paste markers), per app. */
const pasting = new WeakMap<AppStore, string>();

/**
 * A bracketed paste is one value: its line breaks are not Enter presses, and a trailing
 * newline or CR LF (copied with the key) is dropped. It goes into the text field or the
 * filter; elsewhere a paste does nothing.
 */
function handlePaste(store: AppStore, text: string): void {
  const value = text.replace(/(\r\n|\r|\n)+$/, '');
  const state = store.getState();
  const scope = currentScope(state);
  if (scope !== 'text' && scope !== 'filter') return;
  // A line break inside a value is refused by validation, naming the field, never submitted.
  if (scope === 'text') state.actions.insertText(value);
  else if (!hasUnsafeCharacters(value)) state.actions.typeFilter(value);
}

/**
 * Text typed into a text field arrives in chunks of any size ("chunk-test", then
 * three DELs in one read; a paste; tmux send-keys): each character acts exactly as
 * the same key pressed alone. Runs of printable characters go in at once.
 */
function typeIntoField(store: AppStore, text: string): void {
  let run = '';
  const flush = () => {
    if (run !== '') handleKey(store, run.length === 1 ? charKeyName(run) : run, run);
    run = '';
  };
  for (const ch of text) {
    const printable = ch >= ' ' && ch !== '\u007f';
    if (printable && currentScope(store.getState()) === 'text') {
      run += ch;
      continue;
    }
    flush();
    handleKey(store, charKeyName(ch), ch);
  }
  flush();
}

/**
 * One read from the terminal. Keys typed faster than a render arrive together: "jr",
 * "a\r", Esc then a key (which reads as Alt+key), text with Ctrl-C. Outside text fields
 * each character is its own key, so nothing typed ahead is lost.
 */
export function handleInput(store: AppStore, input: string, key: Key): void {
  const pasted = pasting.get(store);
  // Ink hands the markers over as their own events, without the leading Esc.
  if (input === PASTE_START) {
    pasting.set(store, '');
    return;
  }
  if (pasted !== undefined) {
    if (input === PASTE_END) {
      pasting.delete(store);
      handlePaste(store, pasted);
    } else {
      // Ink reports Enter and Tab inside a paste as keys; they are part of the text.
      pasting.set(store, pasted + (key.return ? '\r' : key.tab ? '\t' : input));
    }
    return;
  }
  if (input.length > 1 && input.includes('\u0003')) {
    handleKey(store, 'ctrl+c', '');
    return;
  }
  // cuti binds no Alt keys, so Alt+key is Esc followed by the key.
  if (key.meta && !key.escape && input !== '') {
    handleKey(store, 'escape', '');
    for (const ch of input) handleKey(store, charKeyName(ch), ch);
    return;
  }
  const name = keyName(input, key);
  if (name.length > 1 && name === input) {
    if (currentScope(store.getState()) === 'text') typeIntoField(store, input);
    else for (const ch of input) handleKey(store, charKeyName(ch), ch);
    return;
  }
  handleKey(store, name, input);
}
