import { create } from 'zustand';
import { setSoundsOn } from '../shared/sounds.ts';

/**
 * UI-local accessibility preferences of the person at the screen. Not a business rule and
 * never sent to the lane; reset when the lane returns to the attract screen so the next
 * shopper starts from the defaults.
 */
export interface Prefs {
  highContrast: boolean;
  largeText: boolean;
  lowReach: boolean;
  sounds: boolean;
}
export const DEFAULT_PREFS: Prefs = { highContrast: false, largeText: false, lowReach: false, sounds: true };

interface PrefsStore extends Prefs {
  toggle(key: keyof Prefs): void;
  reset(): void;
}

export const usePrefs = create<PrefsStore>()((set, get) => ({
  ...DEFAULT_PREFS,
  toggle: (key) => {
    const value = !get()[key];
    if (key === 'sounds') setSoundsOn(value);
    set({ [key]: value } as Partial<Prefs>);
  },
  reset: () => {
    setSoundsOn(DEFAULT_PREFS.sounds);
    set({ ...DEFAULT_PREFS });
  },
}));
