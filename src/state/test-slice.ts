import { verdictPasses } from '../domain/connection-test/verdict.js';
import type { AccountTest, Slice, SliceContext, TestActions, TestSliceState } from './app-state.js';
import { describeError, focusedAccountName } from './selectors.js';
import { shown } from '../domain/safe-text.js';

/**
 * The `t` key: tests the selected account's credentials in the background. Unlike the
 * slow actions that set `busy` (and hold every key but quit), a test leaves the UI live:
 * moving, filtering, opening and quitting all work while it runs, and several accounts
 * can be under test at once. Results land by account name, wherever the person has gone.
 */
export function createTestSlice(ctx: SliceContext): Slice<TestSliceState, TestActions> {
  const { get, set } = ctx;
  let disposed = false;

  const patch = (name: string, test: AccountTest) => {
    if (!disposed) set({ tests: { ...get().tests, [name]: test } });
  };

  const actions: TestActions = {
    testAccount() {
      const name = focusedAccountName(get());
      if (name === undefined) return;
      const run = ctx.deps.testConnections;
      if (!run) {
        set({ error: 'Connection tests are not available here', notice: null });
        return;
      }
      const previous = get().tests[name];
      if (previous?.running) return;
      patch(name, { running: true, results: previous?.results ?? null, error: null });
      run(name).then(
        (results) => {
          patch(name, { running: false, results, error: null });
          const failed = results.filter((r) => !verdictPasses(r.verdict)).length;
          const display = shown(name);
          if (!disposed) {
            set(
              failed === 0
                ? { notice: `✓ ${display}: ${results.map((r) => `${r.provider} ${r.verdict}`).join(', ')}`, error: null }
                : { error: `${display}: ${results.map((r) => `${r.provider} ${r.verdict}`).join(', ')}`, notice: null },
            );
          }
        },
        (error: unknown) => {
          patch(name, { running: false, results: previous?.results ?? null, error: describeError(error) });
          if (!disposed) set({ error: describeError(error), notice: null });
        },
      );
    },
  };

  return {
    state: { tests: {} },
    actions,
    dispose() {
      disposed = true;
    },
  };
}
