import { Box, Text, useApp, useInput } from 'ink';
import { Component, useEffect, type ReactNode } from 'react';

import { errorMessage } from '../domain/errors.js';
import { AccountDetailScreen } from '../screens/AccountDetail.js';
import { AccountListScreen } from '../screens/AccountList.js';
import { AddKeyWizardScreen } from '../screens/AddKeyWizard.js';
import { DeleteConfirmScreen } from '../screens/DeleteConfirm.js';
import { DialogScreen } from '../screens/Dialog.js';
import { HelpOverlay } from '../screens/HelpOverlay.js';
import type { AppStore } from '../state/store.js';
import { Footer } from '../ui/Footer.js';
import { Header } from '../ui/Header.js';
import { StatusLine, statusLines, statusMaxLines, statusMessage } from '../ui/StatusLine.js';
import { StoreContext, useAppState, useAppStore } from '../ui/store-context.js';
import { ThemeContext, type Theme } from '../ui/theme.js';
import { useTerminalSize } from '../ui/use-terminal-size.js';
import { currentScope, handleInput, idleCommands } from './commands.js';
import { useInputGuard } from './input-guard.js';
import { footerHints, helpSections, type Command, type Scope } from './keymap.js';

const SCREENS = {
  list: AccountListScreen,
  detail: AccountDetailScreen,
  wizard: AddKeyWizardScreen,
  delete: DeleteConfirmScreen,
} as const;

/** A render bug shows one line and a way out instead of a stack trace. */
class ScreenErrorBoundary extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { message: errorMessage(error) };
  }
  override render() {
    if (this.state.message === null) return this.props.children;
    return (
      <Box paddingX={1} flexDirection="column">
        <Text>{`✗ Something went wrong drawing this screen: ${this.state.message}`}</Text>
        <Text>Press q or Ctrl-C to quit; nothing on disk was changed by this.</Text>
      </Box>
    );
  }
}

function Layout() {
  const store = useAppStore();
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const screen = useAppState((s) => s.screen);
  const helpOpen = useAppState((s) => s.helpOpen);
  const helpScope = useAppState((s) => s.helpScope);
  const dialogOpen = useAppState((s) => s.dialog !== null);
  const statusHeight = useAppState((s) => statusLines(statusMessage(s), columns, statusMaxLines(rows)).length);
  const quitRequested = useAppState((s) => s.quitRequested);
  const scope = useAppState(currentScope);
  // As one string, so the selector's result compares equal while nothing changes.
  const idle = useAppState((s) => idleCommands(s).join(' '));

  useInputGuard();
  useInput((input, key) => handleInput(store, input, key));

  useEffect(() => {
    // runTui starts the first load before the first frame, to draw the accounts in it.
    const { loaded, busy, actions } = store.getState();
    if (!loaded && busy === null) void actions.load();
    return () => store.getState().actions.dispose();
  }, [store]);

  useEffect(() => {
    if (quitRequested) exit();
  }, [quitRequested, exit]);

  // One row short of the terminal: a full-height frame makes Ink 6 clear and redraw
  // the whole screen on every render, which flickers.
  const height = Math.max(6, rows - 1);
  // The status line grows (up to three lines) for a message that matters; the body gives way.
  const bodyHeight = Math.max(1, height - 2 - statusHeight);
  const Screen = SCREENS[screen];
  // Screens cut their own lines to the width, so the body clips rows only: clipping
  // columns too makes Ink re-slice every line of every frame.
  return (
    <Box flexDirection="column" width={columns} height={height}>
      <Header width={columns} />
      <Box flexDirection="column" height={bodyHeight} overflowY="hidden">
        <ScreenErrorBoundary>
          {helpOpen ? (
            <HelpOverlay sections={helpSections((helpScope ?? undefined) as Scope | undefined)} width={columns} height={bodyHeight} />
          ) : dialogOpen ? (
            <DialogScreen width={columns} height={bodyHeight} />
          ) : (
            <Screen width={columns} height={bodyHeight} />
          )}
        </ScreenErrorBoundary>
      </Box>
      <StatusLine width={columns} maxLines={statusMaxLines(rows)} />
      <Footer hints={footerHints(scope, idle === '' ? [] : (idle.split(' ') as Command[]))} width={columns} />
    </Box>
  );
}

/** The TUI root: one store and one theme per app instance, passed down by context. */
export function App({ store, theme }: { store: AppStore; theme: Theme }) {
  return (
    <StoreContext.Provider value={store}>
      <ThemeContext.Provider value={theme}>
        <Layout />
      </ThemeContext.Provider>
    </StoreContext.Provider>
  );
}
