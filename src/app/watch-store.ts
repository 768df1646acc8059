import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';

import type { AppStore } from '../state/store.js';

/** Changes usually come in bursts (a temp file, a rename, accounts.json): one reload per burst. */
const SETTLE_MS = 150;

/**
 * Picks up changes made while the TUI is open (the CLI, another TUI, an editor): the
 * accounts directory (accounts added or removed, accounts.json replaced) and the
 * directory of the account on screen (its key file replaced). A change reloads what is
 * shown, which also hides a revealed secret: nothing stale stays on screen, and every
 * write goes through the services, which read the files again under their locks.
 */
export function watchStore(store: AppStore, accountsDir: string): () => void {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;

  const reload = () => {
    timer = undefined;
    const state = store.getState();
    // Never in the middle of an action; it is tried again once that finishes.
    if (state.busy !== null) {
      timer = setTimeout(reload, SETTLE_MS);
      timer.unref();
      return;
    }
    void (async () => {
      await state.actions.load();
      const { screen, detail, actions, accounts, loadFailed } = store.getState();
      if (screen !== 'detail' || !detail) return;
      if (!loadFailed && !accounts.some((a) => a.name === detail.name)) actions.leaveGoneAccount(detail.name);
      else await actions.refreshDetail(detail.name).catch(() => undefined);
    })();
  };
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, SETTLE_MS);
    timer.unref();
  };
  const follow = (dir: string | null) => {
    for (const [path, watcher] of watchers) {
      if (path !== accountsDir && path !== dir) {
        watcher.close();
        watchers.delete(path);
      }
    }
    for (const path of [accountsDir, dir]) {
      if (path === null || watchers.has(path)) continue;
      try {
        const watcher = watch(path, { persistent: false }, changed);
        watcher.on('error', () => watcher.close());
        watchers.set(path, watcher);
      } catch {
        // Not there (yet): the next load or action reads the files anyway.
      }
    }
  };

  follow(null);
  let open: string | null = null;
  const unsubscribe = store.subscribe((state) => {
    const name = state.screen === 'detail' ? (state.detail?.name ?? null) : null;
    if (name === open) return;
    open = name;
    follow(name === null ? null : join(accountsDir, name));
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}
