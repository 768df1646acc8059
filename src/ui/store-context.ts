import { createContext, useContext } from 'react';
import { useStore } from 'zustand';

import type { AppState, AppStore } from '../state/store.js';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return store;
}

/** Subscribes a component to one slice of the app state. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector);
}
