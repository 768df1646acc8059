import type { Key } from 'ink';

import type { HelpSection, Hint } from '../ui/hints.js';

/**
 * The one table of keys. The input handler resolves commands from it and the footer
 * and help overlay are generated from it, so what the screen says is what the keys do.
 */
export type Scope =
  | 'global'
  | 'list'
  | 'filter'
  | 'detail'
  | 'menu'
  | 'text'
  | 'summary'
  | 'deletePick'
  | 'delete'
  | 'confirm'
  | 'help';

export type Command =
  | 'quit'
  | 'forceQuit'
  | 'help'
  | 'closeHelp'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'open'
  | 'filter'
  | 'acceptFilter'
  | 'clearFilter'
  | 'filterBackspace'
  | 'add'
  | 'delete'
  | 'use'
  | 'reload'
  | 'test'
  | 'back'
  | 'reveal'
  | 'select'
  | 'save'
  | 'yes'
  | 'no'
  | 'copy'
  | 'textBackspace'
  | 'clearText'
  | 'sort'
  | 'saveLogin'
  | 'deleteAccount'
  | 'rename'
  | 'suspend';

export interface Binding {
  command: Command;
  /** Normalised key names, see keyName(). */
  keys: string[];
  /** How the keys are written in hints. */
  label: string;
  description: string;
  scopes: Scope[];
  /** Shown in the footer (the help overlay shows every binding). */
  footer?: boolean;
  /** Footer wording when the command's usual short word does not fit this scope. */
  short?: string;
}

export const KEYMAP: readonly Binding[] = [
  { command: 'up', keys: ['up', 'k'], label: '↑↓', description: 'Move up', scopes: ['list'], footer: true },
  { command: 'down', keys: ['down', 'j'], label: '↓/j', description: 'Move down', scopes: ['list'] },
  { command: 'pageUp', keys: ['pageup', 'ctrl+b'], label: 'PgUp', description: 'Page up', scopes: ['list'] },
  { command: 'pageDown', keys: ['pagedown', 'ctrl+f'], label: 'PgDn', description: 'Page down', scopes: ['list'] },
  { command: 'top', keys: ['home', 'g'], label: 'g/Home', description: 'First account', scopes: ['list'] },
  { command: 'bottom', keys: ['end', 'G'], label: 'G/End', description: 'Last account', scopes: ['list'] },
  { command: 'open', keys: ['enter', 'l', 'right'], label: 'enter', description: 'Open the account', scopes: ['list'], footer: true },
  { command: 'use', keys: ['u', 'space'], label: 'u', description: 'Use: make the account active', scopes: ['list'], footer: true },
  { command: 'filter', keys: ['/'], label: '/', description: 'Filter by name, type or provider', scopes: ['list'], footer: true },
  { command: 'sort', keys: ['s'], label: 's', description: 'Sort by name, last used or type', scopes: ['list'] },
  { command: 'clearFilter', keys: ['escape'], label: 'esc', description: 'Clear the filter', scopes: ['list'] },
  { command: 'add', keys: ['a'], label: 'a', description: 'Add a key', scopes: ['list', 'detail'], footer: true },
  { command: 'delete', keys: ['d'], label: 'd', description: 'Delete a key or the whole account', scopes: ['list', 'detail'], footer: true },
  { command: 'deleteAccount', keys: ['D'], label: 'D', description: 'Delete the whole account (its keys and login)', scopes: ['list', 'detail'] },
  { command: 'rename', keys: ['n'], label: 'n', description: 'Rename the account (a new name)', scopes: ['list', 'detail'], footer: true },
  { command: 'saveLogin', keys: ['S'], label: 'S', description: "Save Claude Code's current login as an account", scopes: ['list'] },
  { command: 'reload', keys: ['R', 'ctrl+r'], label: 'R', description: 'Reload from disk', scopes: ['list', 'detail'] },
  { command: 'test', keys: ['t'], label: 't', description: "Test: do the account's credentials work (spends no tokens)", scopes: ['list', 'detail'], footer: true },

  { command: 'filterBackspace', keys: ['backspace'], label: '⌫', description: 'Delete a character', scopes: ['filter'] },
  { command: 'acceptFilter', keys: ['enter', 'down', 'up'], label: 'enter', description: 'Keep the filter, back to the list', scopes: ['filter'], footer: true },
  { command: 'clearFilter', keys: ['escape'], label: 'esc', description: 'Clear the filter', scopes: ['filter'], footer: true },

  { command: 'up', keys: ['up', 'k'], label: '↑↓', description: 'Select a secret field', scopes: ['detail'], footer: true },
  { command: 'down', keys: ['down', 'j'], label: '↓/j', description: 'Next secret field', scopes: ['detail'] },
  { command: 'reveal', keys: ['r', 'space'], label: 'r', description: 'Reveal the selected secret (hides itself again)', scopes: ['detail'], footer: true },
  { command: 'copy', keys: ['c'], label: 'c', description: 'Copy the selected secret (cleared again after a while)', scopes: ['detail'], footer: true },
  { command: 'use', keys: ['enter', 'u'], label: 'enter/u', description: 'Use: make this account active', scopes: ['detail'], footer: true },
  { command: 'back', keys: ['escape', 'h', 'left', 'backspace'], label: 'esc', description: 'Back to the list', scopes: ['detail'], footer: true },

  { command: 'up', keys: ['up', 'k'], label: '↑↓', description: 'Choose', scopes: ['menu', 'deletePick', 'delete', 'confirm'], footer: true },
  { command: 'down', keys: ['down', 'j'], label: '↓/j', description: 'Next choice', scopes: ['menu', 'deletePick', 'delete', 'confirm'] },
  { command: 'select', keys: ['enter'], label: 'enter', description: 'Confirm the choice', scopes: ['menu', 'deletePick', 'delete', 'confirm'], footer: true },
  { command: 'select', keys: ['enter'], label: 'enter', description: 'Next step', scopes: ['text'], footer: true },
  { command: 'textBackspace', keys: ['backspace'], label: '⌫', description: 'Delete the last character', scopes: ['text'] },
  { command: 'clearText', keys: ['ctrl+u'], label: 'ctrl+u', description: 'Clear the field', scopes: ['text'] },
  { command: 'save', keys: ['enter', 'y'], label: 'enter/y', description: 'Save the key', scopes: ['summary'], footer: true },
  { command: 'yes', keys: ['y'], label: 'y', description: 'Yes, delete', scopes: ['delete'], footer: true },
  { command: 'yes', keys: ['y'], label: 'y', description: 'Yes', scopes: ['confirm'], footer: true },
  { command: 'no', keys: ['n', 'escape'], label: 'n/esc', description: 'No, keep it', scopes: ['delete'], footer: true },
  { command: 'no', keys: ['n', 'escape'], label: 'n/esc', description: 'No', scopes: ['confirm'], footer: true },
  { command: 'back', keys: ['escape', 'n'], label: 'n/esc', description: 'No: back to change an answer', scopes: ['summary'], footer: true },
  { command: 'back', keys: ['escape'], label: 'esc', description: 'Back a step (cancels on the first)', scopes: ['menu', 'text', 'deletePick'], footer: true },

  { command: 'up', keys: ['up', 'k'], label: '↑↓', description: 'Scroll', scopes: ['help'], footer: true, short: 'scroll' },
  { command: 'down', keys: ['down', 'j'], label: '↓/j', description: 'Scroll down', scopes: ['help'] },
  { command: 'closeHelp', keys: ['escape', '?', 'q'], label: 'esc/?', description: 'Close help', scopes: ['help'], footer: true },
  { command: 'help', keys: ['?'], label: '?', description: 'Help: every key', scopes: ['list', 'detail', 'menu', 'summary', 'deletePick', 'delete', 'confirm'], footer: true },
  { command: 'quit', keys: ['q'], label: 'q', description: 'Quit', scopes: ['list', 'detail'], footer: true },
  { command: 'suspend', keys: ['ctrl+z'], label: 'ctrl+z', description: 'Suspend (fg brings it back)', scopes: ['global'] },
  { command: 'forceQuit', keys: ['ctrl+c'], label: 'ctrl+c', description: 'Quit from anywhere', scopes: ['global'] },
];

export const SCOPE_TITLES: Record<Scope, string> = {
  list: 'Account list',
  filter: 'While filtering',
  detail: 'Account detail',
  menu: 'Add-key wizard: choices',
  text: 'Add-key wizard: typing',
  summary: 'Add-key wizard: summary',
  deletePick: 'Delete: what to delete',
  delete: 'Delete confirmation',
  confirm: 'Questions (yes or no)',
  help: 'Help',
  global: 'Everywhere',
};

/** Ink's key flags as one name: `up`, `enter`, `escape`, `ctrl+c`, `space`, or the character. */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return 'tab';
  // Terminals send DEL for Backspace, which Ink 6 reports as `delete`.
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

/** A key name for one character of a chunk that arrived in a single read ("a\r"). */
export function charKeyName(ch: string): string {
  if (ch === '\r' || ch === '\n') return 'enter';
  if (ch === '\u007f' || ch === '\b') return 'backspace';
  if (ch === '\t') return 'tab';
  if (ch === '\u001b') return 'escape';
  if (ch === ' ') return 'space';
  const code = ch.charCodeAt(0);
  if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  return ch;
}

export function resolveCommand(scope: Scope, name: string): Command | undefined {
  const match = (s: Scope) => KEYMAP.find((b) => b.scopes.includes(s) && b.keys.includes(name));
  return (match(scope) ?? match('global'))?.command;
}

/** Footer order: what the screen is for first, then moving on, then help and quit. */
const FOOTER_ORDER: Command[] = [
  'up', 'open', 'reveal', 'copy', 'use', 'filter', 'select', 'save', 'yes', 'no', 'acceptFilter', 'clearFilter',
  'add', 'delete', 'rename', 'test', 'back', 'closeHelp', 'help', 'quit',
];

/**
 * Footer hints for a scope: the first binding of each command flagged for the footer,
 * leaving out the `idle` commands (those that would do nothing where they are shown).
 */
export function footerHints(scope: Scope, idle: readonly Command[] = []): Hint[] {
  const seen = new Set<Command>(idle);
  const bindings: Binding[] = [];
  for (const b of KEYMAP) {
    if (!b.footer || !b.scopes.includes(scope) || seen.has(b.command)) continue;
    seen.add(b.command);
    bindings.push(b);
  }
  const rank = (b: Binding) => {
    const index = FOOTER_ORDER.indexOf(b.command);
    return index < 0 ? FOOTER_ORDER.length : index;
  };
  return bindings
    .sort((x, y) => rank(x) - rank(y))
    .map((b) => ({ keys: b.label, description: shortDescription(b), ...(b.command === 'up' ? { spare: true } : {}) }));
}

const SHORT: Partial<Record<Command, string>> = {
  up: 'move',
  down: 'move',
  open: 'open',
  use: 'use',
  filter: 'filter',
  add: 'add',
  delete: 'delete',
  test: 'test',
  help: 'help',
  quit: 'quit',
  reveal: 'reveal',
  back: 'back',
  select: 'ok',
  save: 'save',
  yes: 'yes',
  no: 'no',
  acceptFilter: 'done',
  clearFilter: 'clear',
  closeHelp: 'close',
  copy: 'copy',
  rename: 'rename',
};

function shortDescription(b: Binding): string {
  return b.short ?? SHORT[b.command] ?? b.description.toLowerCase();
}

const HELP_ORDER: Scope[] = ['list', 'filter', 'detail', 'menu', 'text', 'summary', 'deletePick', 'delete', 'confirm', 'help', 'global'];

/** Every binding grouped by scope, for the help overlay; the section of `current` comes first. */
export function helpSections(current?: Scope): HelpSection[] {
  const order = current === undefined || current === 'help' ? HELP_ORDER : [current, ...HELP_ORDER.filter((s) => s !== current)];
  return order.map((scope) => ({
    title: SCOPE_TITLES[scope],
    rows: KEYMAP.filter((b) => b.scopes.includes(scope)).map((b) => ({
      keys: b.keys.map(displayKey).join(' '),
      description: b.description,
    })),
  }));
}

function displayKey(name: string): string {
  const names: Record<string, string> = {
    up: '↑',
    down: '↓',
    left: '←',
    right: '→',
    enter: 'enter',
    escape: 'esc',
    backspace: '⌫',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    space: 'space',
  };
  return names[name] ?? name;
}
