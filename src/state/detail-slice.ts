import type { DetailActions, DetailSliceState, Slice, SliceContext } from './app-state.js';
import { secretsOf } from './detail-rows.js';
import { selectedAccount } from './selectors.js';
import { clampIndex } from './window.js';

/** One account's page: opening it, moving between its secrets, and revealing one for a while. */
export function createDetailSlice(ctx: SliceContext): Slice<DetailSliceState, DetailActions> {
  const { get, set, fail } = ctx;
  const { service, prefs } = ctx.deps;
  let revealTimer: NodeJS.Timeout | undefined;

  const clearReveal = () => {
    if (revealTimer) clearTimeout(revealTimer);
    revealTimer = undefined;
  };

  const hideSecret = () => {
    clearReveal();
    const detail = get().detail;
    if (detail && detail.revealed !== null) set({ detail: { ...detail, revealed: null } });
  };

  const actions: DetailActions = {
    async openDetail() {
      const account = selectedAccount(get());
      if (!account) return;
      prefs.setLastSelected(account.name);
      set({ screen: 'detail', detail: { name: account.name, details: null, cursor: 0, revealed: null }, busy: 'Loading…', error: null, notice: null });
      try {
        await actions.refreshDetail(account.name);
        set({ busy: null });
      } catch (error) {
        fail(error);
      }
    },

    async refreshDetail(name) {
      const details = await service.getAccountDetails(name);
      const secrets = secretsOf(details).length;
      const current = get().detail;
      const cursor = current?.name === name ? clampIndex(current.cursor, secrets) : 0;
      set({ detail: { name, details, cursor, revealed: null } });
    },

    back() {
      if (get().screen !== 'detail') return;
      hideSecret();
      set({ screen: 'list', detail: null });
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
  };

  return {
    state: { detail: null, revealSeconds: prefs.revealTimeoutMs() / 1000 },
    actions,
    dispose: clearReveal,
  };
}
