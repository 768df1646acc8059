import type { AccountSummary } from '../accounts/service.js';
import { shown } from '../domain/safe-text.js';
import { providerLabel } from '../domain/providers/index.js';
import { WHOLE_ACCOUNT, type DeleteActions, type DeleteSliceState, type DeleteTarget, type Slice, type SliceContext } from './app-state.js';
import { secretsOf } from './detail-rows.js';
import { screenToReturnTo, selectedAccount } from './selectors.js';
import { clampIndex } from './window.js';

/** What deleting the whole account removes, by name, for the confirmation. */
function contentsOf(account: AccountSummary): string[] {
  const contents = account.providers.map((p) => `${providerLabel(p)} API key`);
  if (account.oauth) contents.push(`Claude Code login (${shown(account.oauth.subscription)})`);
  return contents;
}

/** The delete dialog: which key (or the whole account), then a confirmation that defaults to No. */
export function createDeleteSlice(ctx: SliceContext): Slice<DeleteSliceState, DeleteActions> {
  const { get, set, fail } = ctx;
  const { service } = ctx.deps;

  const actions: DeleteActions = {
    startDelete(whole = false) {
      const { screen, detail } = get();
      let summary: AccountSummary | undefined;
      let preset: DeleteTarget | null = null;
      if (screen === 'detail' && detail?.details) {
        summary = detail.details;
        preset = secretsOf(detail.details)[detail.cursor]?.provider ?? null;
      } else {
        summary = selectedAccount(get());
      }
      if (summary === undefined) return;
      get().actions.hideSecret();
      const keys: DeleteTarget[] = [...summary.providers];
      // An account without API keys (a Claude Code login, or nothing yet) can only go whole.
      if (whole || keys.length === 0) preset = WHOLE_ACCOUNT;
      else if (keys.length === 1 && !summary.oauth) preset = keys[0] ?? null;
      set({
        screen: 'delete',
        error: null,
        notice: null,
        del: {
          account: summary.name,
          providers: [...keys, WHOLE_ACCOUNT],
          provider: preset,
          contents: contentsOf(summary),
          step: preset ? 'confirm' : 'provider',
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
      set({ busy: 'Deleting…', error: null });
      // Read again first: what is deleted must be what the question named, not what was
      // on disk when it was drawn (another process may have changed the account since).
      let now: AccountSummary;
      try {
        now = await service.getAccountDetails(del.account);
      } catch (error) {
        fail(error, { del: null, screen: screenToReturnTo(get(), del.returnTo) });
        return;
      }
      if (del.provider === WHOLE_ACCOUNT && contentsOf(now).join('\n') !== del.contents.join('\n')) {
        const holds = contentsOf(now);
        set({
          busy: null,
          del: { ...del, contents: holds, menuIndex: 0 },
          error: `Account ${shown(del.account)} changed on disk since this was asked (it now holds ${holds.length > 0 ? holds.join(', ') : 'nothing'}); nothing was deleted: answer again`,
        });
        return;
      }
      if (del.provider !== WHOLE_ACCOUNT && !now.providers.includes(del.provider)) {
        const error = `The ${del.provider} API key of ${shown(del.account)} is no longer on disk; nothing was deleted`;
        await get().actions.load(del.account);
        if (del.returnTo === 'detail') await get().actions.refreshDetail(del.account).catch(() => undefined);
        set({ busy: null, notice: null, error, del: null, screen: screenToReturnTo(get(), del.returnTo) });
        return;
      }
      if (del.provider === WHOLE_ACCOUNT) {
        try {
          const { wasActive } = await service.deleteAccount(del.account);
          const notice = `✓ Deleted account ${shown(del.account)}${wasActive ? ' (it was the active one; none is active now)' : ''}`;
          set({ detail: null });
          await get().actions.load();
          set({ busy: null, notice, del: null, screen: 'list' });
        } catch (error) {
          fail(error, { del: null, screen: screenToReturnTo(get(), del.returnTo) });
        }
        return;
      }
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
