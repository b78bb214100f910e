import { useEffect, useMemo, useState } from 'react';
import type { Language } from '../../contracts/catalogue.ts';
import type { LaneView } from '../../contracts/view.ts';
import { formatMoney, formatWeight, localDigits, separator } from '../shared/format.ts';

export interface Formatters {
  language: Language;
  money(minor: number): string;
  weight(grams: number): string;
  digits(text: string): string;
  /** Between two parts of one line: ' · ', or '، ' in Persian. */
  sep: string;
}

/** Formatters bound to the view's currency and language. */
export function useFormat(view: Pick<LaneView, 'currency' | 'language'>): Formatters {
  const { currency, language } = view;
  return useMemo(
    () => ({
      language,
      money: (minor: number) => formatMoney(minor, currency, language),
      weight: (grams: number) => formatWeight(grams, language),
      digits: (text: string) => localDigits(text, language),
      sep: separator(language),
    }),
    [currency, language],
  );
}

const monotonic = (): number => performance.now();

/**
 * The lane's clock, ticking locally: `view.now` (lane time when the view was made) plus the
 * local monotonic time elapsed since this component first saw that `view.now`.
 */
export function useLaneNow(viewNow: number, tickMs = 1000): number {
  const base = useMemo(() => ({ laneNow: viewNow, local: monotonic() }), [viewNow]);
  const [now, setNow] = useState(viewNow);
  useEffect(() => {
    setNow(base.laneNow + (monotonic() - base.local));
    const h = setInterval(() => setNow(base.laneNow + (monotonic() - base.local)), tickMs);
    return () => clearInterval(h);
  }, [base, tickMs]);
  return now;
}
