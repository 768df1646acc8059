import type { DialogActions, DialogSliceState, Slice, SliceContext } from './app-state.js';
import { describeError } from './selectors.js';
import { clampIndex } from './window.js';

/**
 * Questions asked over any screen: a yes/no confirmation (No is the default and Esc
 * answers it) or a one-line prompt. What happens on the answer is given by whoever
 * asks, so a new question needs no new slice.
 */
export function createDialogSlice(ctx: SliceContext): Slice<DialogSliceState, DialogActions> {
  const { get, set, fail } = ctx;

  const actions: DialogActions = {
    ask(dialog) {
      get().actions.hideSecret();
      set({ dialog: dialog.kind === 'confirm' ? { ...dialog, index: 0 } : { ...dialog, input: dialog.input ?? '', error: null }, error: null, notice: null });
    },

    moveDialog(delta) {
      const dialog = get().dialog;
      if (dialog?.kind !== 'confirm') return;
      set({ dialog: { ...dialog, index: clampIndex(dialog.index + delta, 2) } });
    },

    async answerDialog(yes) {
      const dialog = get().dialog;
      if (!dialog) return;
      if (dialog.kind === 'confirm') {
        const confirmed = yes ?? dialog.index === 1;
        set({ dialog: null });
        if (!confirmed) return;
        try {
          await dialog.onYes();
        } catch (error) {
          fail(error);
        }
        return;
      }
      if (yes === false) {
        set({ dialog: null });
        return;
      }
      try {
        await dialog.onSubmit(dialog.input);
        if (get().dialog === dialog || get().dialog?.title === dialog.title) set({ dialog: null });
      } catch (error) {
        // The prompt stays, with what was typed, and says what was wrong.
        const current = get().dialog;
        set({ busy: null, ...(current?.kind === 'prompt' ? { dialog: { ...current, error: describeError(error) } } : { error: describeError(error) }) });
      }
    },

    closeDialog() {
      set({ dialog: null });
    },
  };

  return { state: { dialog: null }, actions };
}
