import { create } from 'zustand';
import type { Cue } from '../../contracts/protocol.ts';
import type { LaneView } from '../../contracts/view.ts';
import type { ConnectionState, LaneClientListeners } from './laneClient.ts';

/** The one store of a window: the latest view the lane pushed, the link state, the last cue. */
export interface LaneState {
  view: LaneView | null;
  /** Local monotonic time (performance.now) when `view` arrived; with `view.now` gives the lane time. */
  viewReceivedAt: number;
  connection: ConnectionState;
  connected: boolean;
  /** `n` increases on every cue, so the same cue twice is still a change. */
  lastCue: { cue: Cue; at: number; n: number } | null;
  /** Messages typed while offline, waiting for the link. */
  waiting: number;
}

export const initialLaneState: LaneState = {
  view: null,
  viewReceivedAt: 0,
  connection: 'closed',
  connected: false,
  lastCue: null,
  waiting: 0,
};

export const useLane = create<LaneState>()(() => ({ ...initialLaneState }));

export const monotonicNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Listeners that feed a `LaneClient` into the store (pass to the client's constructor). */
export function storeListeners(store: typeof useLane = useLane, onCue?: (cue: Cue) => void): LaneClientListeners {
  return {
    view: (view) => store.setState({ view, viewReceivedAt: monotonicNow() }),
    cue: (cue, at) => {
      const n = (store.getState().lastCue?.n ?? 0) + 1;
      store.setState({ lastCue: { cue, at, n } });
      onCue?.(cue);
    },
    connection: (connection) => store.setState({ connection, connected: connection === 'open' }),
    outbox: (waiting) => store.setState({ waiting }),
  };
}
