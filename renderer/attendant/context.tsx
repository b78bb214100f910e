import { createContext, useContext, useEffect, useState } from 'react';
import { create } from 'zustand';
import type { ConsoleState, ConsoleStore } from './store.ts';

/** The console store of this window, given to the tree by `ConsoleApp`. */
export const StoreContext = createContext<ConsoleStore | null>(null);

export function useConsole<T>(selector: (s: ConsoleState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useConsole outside ConsoleApp');
  return store(selector);
}

export function useConsoleStore(): ConsoleStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useConsoleStore outside ConsoleApp');
  return store;
}

/**
 * The console's clock: one interval for the whole window (ConsoleApp ticks it), read by
 * timers. Components pick their own resolution so a tile's colour re-renders every 10 s
 * while only the small timer text changes every second.
 */
export const useClock = create<{ now: number }>()(() => ({ now: Date.now() }));

export function useNow(resolutionMs = 1000): number {
  const bucket = useClock((s) => Math.floor(s.now / resolutionMs));
  return bucket * resolutionMs;
}

/** Whether a CSS media query matches (false where matchMedia is missing, e.g. jsdom). */
export function useMediaQuery(query: string): boolean {
  const get = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
  const [matches, setMatches] = useState(get);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mql = window.matchMedia(query);
    const on = () => setMatches(mql.matches);
    on();
    mql.addEventListener('change', on);
    return () => mql.removeEventListener('change', on);
  }, [query]);
  return matches;
}
