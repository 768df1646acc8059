import type { Secrets } from '../../src/accounts/secrets.js';
import { stripVTControlCharacters } from 'node:util';

import { cleanup as inkCleanup, render as inkRender } from 'ink-testing-library';
import { act } from 'react';

import { ClaudeCodeService } from '../../src/accounts/claude-code-service.js';
import { renameAccount } from '../../src/accounts/rename.js';
import { AccountService } from '../../src/accounts/service.js';
import { App } from '../../src/app/App.js';
import type { TestResult } from '../../src/domain/connection-test/verdict.js';
import { COLOR_THEME, type Theme } from '../../src/ui/theme.js';
import type { StorageAdapter } from '../../src/storage/adapter.js';
import { MemoryStorage } from '../../src/storage/memory-adapter.js';
import { MemoryPrefs, type UiPrefs } from '../../src/storage/prefs.js';
import { createAppStore, type AppDeps, type AppState, type AppStore } from '../../src/state/store.js';
import { leakedSecrets } from './secrets.js';

/** What a terminal sends for each key. */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  enter: '\r',
  esc: '\u001B',
  // What Backspace sends on Linux and macOS terminals.
  backspace: '\u007F',
  ctrlC: '\u0003',
  space: ' ',
} as const;

export interface RenderOptions {
  storage?: StorageAdapter;
  prefs?: UiPrefs;
  theme?: Theme;
  columns?: number;
  rows?: number;
  now?: () => string;
  /** Where secrets are read from (default: the documents themselves, the file store). */
  secrets?: Secrets;
  /** Skip waiting for the first account load (to see the loading state). */
  noWait?: boolean;
  /** What the `t` key runs (the connection test); given the test's service. */
  testConnections?: (service: AccountService) => (account: string) => Promise<TestResult[]>;
  /** More of the store's dependencies (a clipboard, suspend). */
  deps?: Partial<AppDeps>;
}

export interface Tui {
  store: AppStore;
  storage: StorageAdapter;
  service: AccountService;
  /** The last frame without escape codes. */
  frame(): string;
  /** The last frame as written, escape codes included. */
  rawFrame(): string;
  /** Every frame so far, stripped, for leak checks. */
  frames(): string[];
  state(): AppState;
  press(...keys: string[]): Promise<void>;
  /** Types text one key at a time, as a person does. */
  type(text: string): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  waitFor(check: string | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  settle(ms?: number): Promise<void>;
  unmount(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setSize(stdout: NodeJS.EventEmitter, columns: number, rows: number): void {
  Object.defineProperty(stdout, 'columns', { get: () => columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { get: () => rows, configurable: true });
}

/**
 * Renders the whole app over a fresh store, fresh MemoryStorage (unless given) and
 * in-memory preferences. Every render, key and wait runs inside act(), so effects
 * (Ink's input handlers among them) are flushed before the next key.
 */
export async function renderTui(options: RenderOptions = {}): Promise<Tui> {
  const storage = options.storage ?? new MemoryStorage();
  const service = new AccountService(storage, options.now, options.secrets);
  const store = createAppStore({
    service,
    claudeCode: new ClaudeCodeService(service),
    prefs: options.prefs ?? new MemoryPrefs(),
    ...(options.testConnections ? { testConnections: options.testConnections(service) } : {}),
    // The rename the app wires up, with no Claude Code paths and no other processes to look through.
    renameAccount: (from, to) => renameAccount({ storage, now: service.now, paths: null, env: {}, processes: () => [] }, from, to),
    ...options.deps,
  });
  let instance!: ReturnType<typeof inkRender>;
  await act(async () => {
    instance = inkRender(<App store={store} theme={options.theme ?? COLOR_THEME} />);
  });
  const tui: Tui = {
    store,
    storage,
    service,
    rawFrame: () => instance.lastFrame() ?? '',
    frame: () => stripVTControlCharacters(instance.lastFrame() ?? ''),
    frames: () => instance.frames.map((f) => stripVTControlCharacters(f)),
    state: () => store.getState(),
    async press(...keys) {
      for (const key of keys) {
        await act(async () => {
          instance.stdin.write(key);
        });
        // A lone Escape is held by Ink until the next macrotask, to tell it from a sequence.
        if (key === KEYS.esc) await tui.settle(0);
      }
    },
    async type(text) {
      await tui.press(...[...text]);
    },
    async resize(columns, rows) {
      await act(async () => {
        setSize(instance.stdout, columns, rows);
        instance.stdout.emit('resize');
      });
    },
    async settle(ms = 0) {
      await act(async () => {
        await sleep(ms);
      });
    },
    async waitFor(check, timeoutMs = 3000) {
      const test = typeof check === 'string' ? (f: string) => f.includes(check) : check;
      const deadline = Date.now() + timeoutMs;
      while (!test(tui.frame())) {
        if (Date.now() > deadline) {
          throw new Error(`Timed out waiting for ${typeof check === 'string' ? JSON.stringify(check) : 'a frame'}; last frame:\n${tui.frame()}`);
        }
        await tui.settle(5);
      }
      return tui.frame();
    },
    async unmount() {
      await act(async () => {
        instance.unmount();
      });
    },
  };
  await tui.resize(options.columns ?? 100, options.rows ?? 30);
  if (!options.noWait) {
    const deadline = Date.now() + 5000;
    while (!store.getState().loaded || store.getState().busy !== null) {
      if (Date.now() > deadline) throw new Error('accounts never loaded');
      await tui.settle(2);
    }
  }
  return tui;
}

export async function cleanupTui(): Promise<void> {
  await act(async () => {
    inkCleanup();
  });
}

/** Fails when any frame shown so far holds one of the fake secrets. */
export function expectNoLeaks(tui: Tui): void {
  const leaks = tui.frames().flatMap((f) => leakedSecrets(f));
  if (leaks.length > 0) throw new Error('a secret appeared on screen without being revealed');
}
