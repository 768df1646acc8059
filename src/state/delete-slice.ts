import type { Provider } from '../domain/providers/index.js';
import type { DeleteActions, DeleteSliceState, Slice, SliceContext } from './app-state.js';
import { secretsOf } from './detail-rows.js';
import { screenToReturnTo, selectedAccount } from './selectors.js';
import { clampIndex } from './window.js';
import { shown } from '../domain/safe-text.js';

/** The delete dialog: which key, then a confirmation that defaults to No. */
export function createDeleteSlice(ctx: SliceContext): Slice<DeleteSliceState, DeleteActions> {
  const { get, set, fail } = ctx;
  const { service } = ctx.deps;

  const actions: DeleteActions = {
    startDelete() {
      const { screen, detail } = get();
      let account: string | undefined;
      let providers: Provider[];
      let preset: Provider | null = null;
      if (screen === 'detail' && detail?.details) {
        account = detail.name;
        providers = detail.details.credentials.map((c) => c.provider);
        preset = secretsOf(detail.details)[detail.cursor]?.provider ?? null;
      } else {
        const selected = selectedAccount(get());
        account = selected?.name;
        providers = selected?.providers ?? [];
      }
      if (account === undefined) return;
      get().actions.hideSecret();
      if (providers.length === 0) {
        set({ error: `${shown(account)} holds no API key to delete`, notice: null });
        return;
      }
      const provider = preset ?? (providers.length === 1 ? (providers[0] ?? null) : null);
      set({
        screen: 'delete',
        error: null,
        notice: null,
        del: {
          account,
          providers,
          provider,
          step: provider ? 'confirm' : 'provider',
          menuIndex: 0,
          returnTo: screen === 'detail' ? 'detail' : 'list',
        },
      });
    },

    moveDeleteMenu(delta) {
      const del = get().del;
      if (!del) return;
      const count = del.step === 'provider' ? del.providers.length : 2;
      set({ del: { ...del, menuIndex: clampIndex(del.menuIndex + delta, count) } });
    },

    async confirmDelete(yes) {
      const del = get().del;
      if (!del) return;
      if (del.step === 'provider') {
        const provider = del.providers[del.menuIndex] ?? null;
        set({ del: { ...del, provider, step: 'confirm', menuIndex: 0 } });
        return;
      }
      const confirmed = yes ?? del.menuIndex === 1;
      if (!confirmed || !del.provider) {
        actions.cancelDelete();
        return;
      }
      set({ busy: 'Deleting…' });
      try {
        await service.deleteCredential(del.account, del.provider);
        const notice = `✓ Deleted ${del.provider} API key from account: ${shown(del.account)}`;
        await get().actions.load(del.account);
        if (del.returnTo === 'detail') await get().actions.refreshDetail(del.account);
        set({ busy: null, notice, del: null, screen: screenToReturnTo(get(), del.returnTo) });
      } catch (error) {
        fail(error, { del: null, screen: screenToReturnTo(get(), del.returnTo) });
      }
    },

    cancelDelete() {
      const del = get().del;
      set({ del: null, screen: screenToReturnTo(get(), del?.returnTo ?? 'list') });
    },
  };

  return { state: { del: null }, actions };
}
