import type { HelpActions, HelpState, Slice, SliceContext } from './app-state.js';

/** The help overlay: open or closed, and how far it is scrolled. */
export function createHelpSlice({ get, set }: SliceContext): Slice<HelpState, HelpActions> {
  return {
    state: { helpOpen: false, helpOffset: 0, helpScope: null },
    actions: {
      toggleHelp(scope) {
        set({ helpOpen: !get().helpOpen, helpOffset: 0, helpScope: scope ?? null });
      },
      scrollHelp(delta) {
        // The overlay clamps the bottom, since only it knows how many lines fit.
        set({ helpOffset: Math.max(0, get().helpOffset + delta) });
      },
    },
  };
}
