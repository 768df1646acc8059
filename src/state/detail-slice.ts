import type { AccountDetails } from '../accounts/service.js';
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

  // A secret read from the keychain to be shown lives only in a copy of the page's details,
  // dropped (back to the original, which holds the reference) when it is hidden again.
  const withoutRevealed = new WeakMap<AccountDetails, AccountDetails>();

  const hideSecret = () => {
    clearReveal();
    const detail = get().detail;
    if (detail && detail.revealed !== null) {
      const details = detail.details ? (withoutRevealed.get(detail.details) ?? detail.details) : null;
      set({ detail: { ...detail, details, revealed: null } });
    }
  };

  const showFor = (index: number) => {
    revealTimer = setTimeout(hideSecret, prefs.revealTimeoutMs());
    revealTimer.unref?.();
    const detail = get().detail;
    if (detail) set({ detail: { ...detail, revealed: index } });
  };

  /** Reveals a secret kept apart from the document (the keychain): read only now, when asked. */
  const revealApart = async (details: AccountDetails, index: number, stored: string) => {
    set({ busy: 'Reading the keychain…', error: null });
    try {
      const value = await service.revealStored(stored);
      const current = get().detail;
      if (current?.details !== details || current.cursor !== index) return; // moved on meanwhile
      const copy = withSecretValue(details, index, value);
      withoutRevealed.set(copy, details);
      set({ detail: { ...current, details: copy }, busy: null });
      showFor(index);
    } catch (error) {
      fail(error);
    }
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
      hideSecret();
      const shown = get().detail;
      if (!shown?.details) return;
      const stored = secretsOf(shown.details)[shown.cursor]?.value;
      if (stored !== undefined && service.isStoredApart(stored)) {
        void revealApart(shown.details, shown.cursor, stored);
        return;
      }
      showFor(shown.cursor);
    },

    hideSecret,
  };

  return {
    state: { detail: null, revealSeconds: prefs.revealTimeoutMs() / 1000 },
    actions,
    dispose: clearReveal,
  };
}

/** A copy of `details` with the `index`-th secret field holding `value`. */
function withSecretValue(details: AccountDetails, index: number, value: string): AccountDetails {
  let seen = 0;
  const credentials = details.credentials.map((credential) => ({
    ...credential,
    fields: credential.fields.map((field) => (field.secret && seen++ === index ? { ...field, value } : field)),
  }));
  return { ...details, credentials };
}
