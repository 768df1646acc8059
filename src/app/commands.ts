import { hasUnsafeCharacters } from '../domain/sanitize.js';
import type { AppState, AppStore } from '../state/store.js';
import { isMenuStep } from '../state/wizard.js';
import type { Key } from 'ink';

import { charKeyName, keyName, resolveCommand, type Command, type Scope } from './keymap.js';

/** Which part of the keymap is live, from the state alone. */
export function currentScope(state: AppState): Scope {
  if (state.helpOpen) return 'help';
  switch (state.screen) {
    case 'list':
      return state.filtering ? 'filter' : 'list';
    case 'detail':
      return 'detail';
    case 'delete':
      return 'delete';
    case 'wizard': {
      const wizard = state.wizard;
      if (wizard?.step === 'summary') return 'summary';
      return !wizard || isMenuStep(wizard) ? 'menu' : 'text';
    }
  }
}

/**
 * Runs a command against the store. Handlers read fresh state with getState(), never a
 * render's closure, so keys typed faster than React re-renders all land (Ink 6 re-binds
 * input handlers only after an effect).
 */
export function runCommand(store: AppStore, command: Command, scope: Scope): void {
  const state = store.getState();
  const a = state.actions;
  const vertical = (delta: number) => {
    if (scope === 'list') a.move(delta);
    else if (scope === 'detail') a.moveSecret(delta);
    else if (scope === 'menu') a.moveWizardMenu(delta);
    else if (scope === 'delete') a.moveDeleteMenu(delta);
    else if (scope === 'help') a.scrollHelp(delta);
  };
  switch (command) {
    case 'quit':
    case 'forceQuit':
      return a.quit();
    case 'help':
    case 'closeHelp':
      return a.toggleHelp();
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
      else a.wizardBack();
      return;
    case 'reveal':
      return a.toggleReveal();
    case 'select':
      if (scope === 'delete') void a.confirmDelete();
      else void a.submitWizardStep();
      return;
    case 'save':
      void a.submitWizardStep();
      return;
    case 'yes':
      if (state.del?.step === 'confirm') void a.confirmDelete(true);
      return;
    case 'no':
      return a.cancelDelete();
    default: {
      // Adding a command to the keymap without handling it here fails to compile.
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** Feeds one key press to the app; text typed while filtering goes into the filter. */
export function handleKey(store: AppStore, name: string, input: string): void {
  const state = store.getState();
  const scope = currentScope(state);
  const command = resolveCommand(scope, name);
  // While something slow runs only quitting is allowed, so no action races another.
  if (state.busy !== null && command !== 'forceQuit' && command !== 'quit') return;
  if (command) {
    runCommand(store, command, scope);
    return;
  }
  if (scope === 'filter' && input !== '' && !hasUnsafeCharacters(input)) state.actions.typeFilter(input);
}

/**
 * One read from the terminal. Keys typed faster than a render arrive together: "jr",
 * "a\r", Esc then a key (which reads as Alt+key), text with Ctrl-C. Outside text fields
 * each character is its own key, so nothing typed ahead is lost.
 */
export function handleInput(store: AppStore, input: string, key: Key): void {
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
  if (name.length > 1 && name === input && currentScope(store.getState()) !== 'text') {
    for (const ch of input) handleKey(store, charKeyName(ch), ch);
    return;
  }
  handleKey(store, name, input);
}
