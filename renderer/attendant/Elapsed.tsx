import { memo } from 'react';
import type { Language } from '../../contracts/catalogue.ts';
import { formatElapsed } from '../shared/format.ts';
import { useNow } from './context.tsx';

/** Time since `since` (epoch ms), m:ss, ticking once a second; only this text re-renders. */
export const Elapsed = memo(function Elapsed({ since, language, className }: { since: number; language: Language; className?: string }) {
  const now = useNow(1000);
  return (
    <time className={className} dateTime={new Date(since).toISOString()}>
      {formatElapsed(now - since, language)}
    </time>
  );
});
