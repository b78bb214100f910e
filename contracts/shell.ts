/**
 * Runs: pure (main, preload, renderer). The contract between the Electron shell and the
 * UI it shows. No runtime imports: the renderer may import this file from a plain browser
 * build, where `window.laneBridge` is absent and the UI reads `?token=` from its URL.
 */
import type { Result } from './errors.ts';

/** IPC channel names, the only ones main and preload use. */
export const IpcChannel = {
  /** invoke → `Result<LaneConnection>` */
  connection: 'lane:connection',
  /** main → renderer push of `ShellServiceState` */
  serviceState: 'lane:service-state',
} as const;
export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

/** Where the UI finds the lane service (the same data the browser build reads from its URL). */
export interface LaneConnection {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `ws://127.0.0.1:PORT/ws` */
  wsUrl: string;
  token: string;
}

/**
 * The supervisor's state as the UI sees it: no token, no URL. `restarting` is the
 * "one moment" state (the shell also shows a local page while it lasts).
 */
export type ShellServiceState =
  | { state: 'starting' }
  | { state: 'ready' }
  | { state: 'restarting'; attempt: number; delayMs: number }
  | { state: 'stopped' };

/** What the preload exposes as `window.laneBridge`: one method per message. */
export interface LaneBridge {
  /** The lane service address and token; fails with `unauthorized` from a foreign page, `notAllowed` while the service is not ready. */
  connection(): Promise<Result<LaneConnection>>;
  /** Called on every supervisor state change; returns the unsubscribe function. */
  onServiceState(listener: (state: ShellServiceState) => void): () => void;
}

/**
 * The global the preload sets, `window.laneBridge`, present only inside the Electron shell.
 * (Not declared on `Window` here: the renderer owns its global declarations and reads
 * `(window as LaneBridgeHost).laneBridge` or declares it from this type.)
 */
export interface LaneBridgeHost {
  laneBridge?: LaneBridge;
}
export const LANE_BRIDGE_KEY = 'laneBridge';

/** Structural check of a pushed service state (the preload cannot bundle much). */
export function isShellServiceState(value: unknown): value is ShellServiceState {
  if (typeof value !== 'object' || value === null || !('state' in value)) return false;
  switch (value.state) {
    case 'starting':
    case 'ready':
    case 'stopped':
      return true;
    case 'restarting':
      return 'attempt' in value && typeof value.attempt === 'number' && 'delayMs' in value && typeof value.delayMs === 'number';
    default:
      return false;
  }
}
