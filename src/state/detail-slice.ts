import type { AccountDetails } from '../accounts/service.js';
import { shown } from '../domain/safe-text.js';
import type { DetailActions, DetailSliceState, Slice, SliceContext } from './app-state.js';
import { secretsOf, type SecretRef } from './detail-rows.js';
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

  // A reveal waits for the page to be read again; moving, leaving or pressing r again meanwhile cancels it.
  let revealPending = false;
  let revealToken = 0;

  const hideSecret = () => {
    revealToken++;
    revealPending = false;
    clearReveal();
    const detail = get().detail;
    if (detail && detail.revealed !== null) {
      const details = detail.details ? (withoutRevealed.get(detail.details) ?? detail.details) : null;
      set({ detail: { ...detail, details, revealed: null } });
    }
  };

  /** Counts the reveal down a second at a time, and hides the secret at the deadline. */
  const tick = (deadline: number) => {
    const left = deadline - Date.now();
    if (left <= 0) {
      hideSecret();
      return;
    }
    set({ revealLeft: Math.ceil(left / 1000) });
    revealTimer = setTimeout(() => tick(deadline), left % 1000 || 1000);
    revealTimer.unref?.();
  };

  const showFor = (index: number) => {
    const detail = get().detail;
    if (detail) set({ detail: { ...detail, revealed: index }, revealLeft: Math.ceil(prefs.revealTimeoutMs() / 1000) });
    tick(Date.now() + prefs.revealTimeoutMs());
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

  /**
   * The page read from disk again, and the secret at `cursor` in it; null (and why, on
   * the status line) when it is gone or is no longer the one `before` was, or when the
   * person moved on meanwhile.
   */
  const rereadSecret = async (name: string, cursor: number, before: SecretRef, doing: string): Promise<{ details: AccountDetails; secret: SecretRef } | null> => {
    await actions.refreshDetail(name);
    const now = get().detail;
    if (now?.name !== name || !now.details) return null;
    const secret = secretsOf(now.details)[cursor];
    if (!secret || secret.provider !== before.provider || secret.label !== before.label) {
      set({ error: `The ${before.label} of ${shown(name)} changed on disk; nothing was ${doing}`, notice: null });
      return null;
    }
    return { details: now.details, secret };
  };

  const actions: DetailActions = {
    async openDetail() {
      const account = selectedAccount(get());
      if (!account) return;
      prefs.setLastSelected(account.name);
      set({ screen: 'detail', detail: { name: account.name, details: null, cursor: 0, revealed: null }, detailScrollLimit: 0, busy: 'Loading…', error: null, notice: null });
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

    leaveGoneAccount(name) {
      if (get().screen !== 'detail' || get().detail?.name !== name) return;
      hideSecret();
      set({ screen: 'list', detail: null, notice: null, error: `Account ${shown(name)} is no longer on disk (deleted or renamed elsewhere)` });
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
      // A page with no secret to select scrolls instead, as far as the screen says it can.
      const cursor = count === 0 ? Math.max(0, Math.min(detail.cursor + delta, get().detailScrollLimit)) : clampIndex(detail.cursor + delta, count);
      set({ detail: { ...detail, revealed: null, cursor } });
    },

    setDetailScrollLimit(limit) {
      if (get().detailScrollLimit !== limit) set({ detailScrollLimit: limit });
    },

    async toggleReveal() {
      const detail = get().detail;
      if (!detail?.details) return;
      const before = secretsOf(detail.details)[detail.cursor];
      if (!before) return;
      if (detail.revealed === detail.cursor || revealPending) {
        hideSecret();
        return;
      }
      hideSecret();
      revealPending = true;
      const token = revealToken;
      // Read again first: never reveal a secret that was deleted or replaced on disk meanwhile.
      const fresh = await rereadSecret(detail.name, detail.cursor, before, 'revealed').catch((error: unknown) => {
        fail(error);
        return null;
      });
      // Moved on, left or cancelled meanwhile (keys typed ahead): nothing to reveal.
      if (token !== revealToken) return;
      revealPending = false;
      if (fresh === null || get().detail?.cursor !== detail.cursor) return;
      if (service.isStoredApart(fresh.secret.value)) {
        await revealApart(fresh.details, detail.cursor, fresh.secret.value);
        return;
      }
      showFor(detail.cursor);
    },

    hideSecret,

    async copySecret() {
      const detail = get().detail;
      if (!detail?.details) return;
      const before = secretsOf(detail.details)[detail.cursor];
      if (!before) return;
      if (!ctx.deps.copySecret) {
        set({ error: 'No clipboard here: cuti needs a terminal for OSC 52 or a clipboard tool', notice: null });
        return;
      }
      set({ busy: 'Copying…', error: null, notice: null });
      let value: string;
      let label: string;
      try {
        // Read again first: never copy a secret that was deleted or replaced on disk.
        const fresh = await rereadSecret(detail.name, detail.cursor, before, 'copied');
        if (fresh === null) {
          set({ busy: null });
          return;
        }
        const { secret } = fresh;
        label = secret.label;
        // A secret kept in the keychain is read from it only now.
        value = service.isStoredApart(secret.value) ? await service.revealStored(secret.value) : secret.value;
      } catch (error) {
        fail(error);
        return;
      }
      const outcome = ctx.deps.copySecret(value);
      set({ busy: null, notice: `✓ Copied the ${label} (${outcome.how}); cleared in ${outcome.clearSeconds} s` });
    },
  };

  return {
    state: { detail: null, revealSeconds: prefs.revealTimeoutMs() / 1000, revealLeft: 0, detailScrollLimit: 0 },
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
