import { shown } from '../domain/safe-text.js';
import type { RenameActions, Slice, SliceContext } from './app-state.js';
import { focusedAccountName } from './selectors.js';

/**
 * Renaming an account (`n`): a prompt holding the current name, then the same operation
 * as `cuti claude rename`, which checks both names again under its locks. A refusal
 * keeps the prompt open with what was typed and the reason, said whole.
 */
export function createRenameSlice(ctx: SliceContext): Slice<Record<never, never>, RenameActions> {
  const { get, set } = ctx;

  const actions: RenameActions = {
    startRename() {
      const name = focusedAccountName(get());
      if (name === undefined) return;
      const rename = ctx.deps.renameAccount;
      if (!rename) {
        set({ error: 'Renaming is not available here', notice: null });
        return;
      }
      get().actions.ask({
        kind: 'prompt',
        title: `Rename account ${shown(name)}`,
        lines: ['Its directory, its entry in accounts.json and the active mark move together; the original tool reads it under the new name.'],
        label: 'New name',
        placeholder: 'e.g. work-api',
        input: name,
        onSubmit: async (value) => {
          set({ busy: 'Renaming…', error: null, notice: null });
          const result = await rename(name, value);
          ctx.deps.prefs.setLastSelected(value);
          await get().actions.load(value);
          if (get().screen === 'detail' && get().detail?.name === name) {
            set({ detail: { name: value, details: null, cursor: 0, revealed: null } });
            await get().actions.refreshDetail(value);
          }
          const active = result.wasActive ? ' (still the active account)' : '';
          const configDir = result.configDir === null ? '' : ` · its Claude Code directory is now ${shown(result.configDir)}; shells set up with cuti claude env for the old name need it again`;
          set({ busy: null, notice: `✓ Renamed account ${shown(name)} to ${shown(value)}${active}${configDir}` });
        },
      });
    },
  };

  return { state: {}, actions };
}
