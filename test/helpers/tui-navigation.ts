import { expect } from 'vitest';

import { KEYS, type Tui } from './tui.js';

/* Moving around the TUI as a person does, for tests that drive it in-process. */

/** The list's selected row (the one the pointer marks). */
export const selectedRow = (frame: string): string => frame.split('\n').find((line) => line.startsWith('❯')) ?? '';

/** Moves the list's selection down to the account `name`, as a person does with j. */
export async function selectAccount(tui: Tui, name: string): Promise<void> {
  for (let i = 0; i < 8 && !selectedRow(tui.frame()).includes(name); i++) await tui.press('j');
  expect(selectedRow(tui.frame())).toContain(name);
}

const menuItem = (frame: string) => frame.split('\n').find((l) => l.trimStart().startsWith('❯')) ?? '';

/** Moves a menu's pointer to the item whose line contains `text`, and picks it. */
export async function chooseItem(tui: Tui, text: string): Promise<void> {
  for (let i = 0; i < 40 && !menuItem(tui.frame()).includes(text); i++) await tui.press(KEYS.down);
  expect(menuItem(tui.frame())).toContain(text);
  await tui.press(KEYS.enter);
}
