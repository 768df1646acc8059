import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';

import { footerHints, helpSections, keyName, KEYMAP, resolveCommand, type Scope } from '../../src/app/keymap.js';

const SCOPES: Scope[] = ['list', 'filter', 'detail', 'menu', 'text', 'summary', 'delete', 'help'];

const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

describe('keymap', () => {
  it('never binds one key to two commands in the same scope', () => {
    for (const scope of [...SCOPES, 'global' as const]) {
      const seen = new Map<string, string>();
      for (const binding of KEYMAP.filter((b) => b.scopes.includes(scope))) {
        for (const key of binding.keys) {
          const other = seen.get(key);
          expect(other === undefined || other === binding.command, `${scope}: ${key} → ${other} and ${binding.command}`).toBe(true);
          seen.set(key, binding.command);
        }
      }
    }
  });

  it('resolves keys per scope, with Ctrl-C quitting from everywhere', () => {
    expect(resolveCommand('list', 'j')).toBe('down');
    expect(resolveCommand('detail', 'r')).toBe('reveal');
    expect(resolveCommand('detail', 'enter')).toBe('use');
    expect(resolveCommand('list', 'enter')).toBe('open');
    expect(resolveCommand('filter', 'q')).toBeUndefined();
    expect(resolveCommand('text', 'q')).toBeUndefined();
    for (const scope of SCOPES) expect(resolveCommand(scope, 'ctrl+c')).toBe('forceQuit');
  });

  it('builds the footer of every screen from the keymap', () => {
    for (const scope of SCOPES) {
      const hints = footerHints(scope);
      expect(hints.length, scope).toBeGreaterThan(0);
      for (const hint of hints) {
        expect(KEYMAP.some((b) => b.scopes.includes(scope) && b.label === hint.keys)).toBe(true);
      }
    }
    expect(footerHints('list').map((h) => h.description)).toEqual(
      expect.arrayContaining(['open', 'use', 'filter', 'add', 'delete', 'help', 'quit']),
    );
  });

  it('lists every binding in the help overlay', () => {
    const described = helpSections().flatMap((s) => s.rows.map((r) => r.description));
    for (const binding of KEYMAP) expect(described).toContain(binding.description);
  });

  it('names keys the way terminals send them', () => {
    expect(keyName('', { ...noKey, upArrow: true })).toBe('up');
    expect(keyName('', { ...noKey, return: true })).toBe('enter');
    expect(keyName('', { ...noKey, escape: true, meta: true })).toBe('escape');
    // DEL (what Backspace sends) is reported as delete by Ink 6.
    expect(keyName('', { ...noKey, delete: true })).toBe('backspace');
    expect(keyName('', { ...noKey, backspace: true })).toBe('backspace');
    expect(keyName('c', { ...noKey, ctrl: true })).toBe('ctrl+c');
    expect(keyName(' ', noKey)).toBe('space');
    expect(keyName('G', { ...noKey, shift: true })).toBe('G');
  });
});
