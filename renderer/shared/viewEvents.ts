import { useLayoutEffect } from 'react';
import type { LaneView } from '../../contracts/view.ts';

/**
 * Test and benchmark hooks. After a view is committed to the DOM, on the next animation
 * frame: `performance.mark('lane:view:<seq>')` and a `lane:view` event on `window` with
 * `{seq, screen}`. (`lane:recv:<seq>` is marked by the client when the frame arrives.)
 */
export interface LaneViewEventDetail {
  seq: number;
  screen: LaneView['screen'];
}

export function announceViewPainted(detail: LaneViewEventDetail): void {
  const fire = (): void => {
    if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(`lane:view:${detail.seq}`);
    window.dispatchEvent(new CustomEvent<LaneViewEventDetail>('lane:view', { detail }));
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(fire);
  else setTimeout(fire, 0);
}

export function useViewPaintedEvents(view: LaneView | null): void {
  useLayoutEffect(() => {
    if (view) announceViewPainted({ seq: view.seq, screen: view.screen });
  }, [view]);
}
