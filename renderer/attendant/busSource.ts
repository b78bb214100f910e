import type { CommandReply, LaneEvent, LaneShift, LaneStatus } from '../../contracts/bus.ts';
import type { AttendantCommand } from '../../contracts/intents.ts';
import type { AttendantView, Intervention } from '../../contracts/view.ts';
import type { LaneState, QueueEntry, ShiftSummary } from '../../store-bus/insights.ts';

/**
 * What the console needs from the store bus, and nothing more. The console store
 * (store.ts) is written against this. Two implementations:
 * - `mqttBus.ts`: a thin adapter over `store-bus/consoleClient.ts` (MQTT over WebSocket);
 * - `demoBus.ts`: fixture lanes in the page (screenshots, training, component tests).
 * The queue order and shift figures come from the bus's own pure rules (store-bus/insights.ts),
 * so the console and any other client agree.
 */
export type { ShiftFigures, ShiftSummary } from '../../store-bus/insights.ts';

export interface Credentials {
  /** Attendant id = MQTT user name. */
  attendantId: string;
  /** PIN or badge code = MQTT password. */
  secret: string;
}

/** The lane and queue shapes are the bus's own (store-bus/insights.ts): one definition. */
export type { LaneState, QueueEntry } from '../../store-bus/insights.ts';

export interface BusSnapshot {
  connected: boolean;
  lanes: Readonly<Record<string, LaneState>>;
  /** Most urgent first, then oldest first. */
  queue: readonly QueueEntry[];
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command as the console builds it; `id`, `by` and `expiresAt` are added on sending. */
export type CommandInput = DistributiveOmit<AttendantCommand, 'id' | 'by' | 'expiresAt'>;

export interface ConsoleBus {
  getSnapshot(): BusSnapshot;
  subscribe(listener: () => void): () => void;
  onEvent(listener: (event: LaneEvent) => void): () => void;
  /** Never rejects: no reply in time resolves as a failed reply with code `timeout`. */
  send(laneId: string, command: CommandInput, options: { id: string; expiresAt: number }): Promise<CommandReply>;
  shiftSummary(): ShiftSummary;
  close(): Promise<void>;
}

export type LoginFailure = 'wrongPin' | 'lockedOut' | 'unreachable' | 'refused';

export type ConnectResult =
  | {
      ok: true;
      bus: ConsoleBus;
      /**
       * Who logged in, when the bus can tell; otherwise the console learns name and role from
       * the lanes' staff rosters (and assumes `attendant` until one arrives).
       */
      attendant: AttendantView | null;
    }
  | { ok: false; reason: LoginFailure; message: string };

export type BusConnector = (credentials: Credentials) => Promise<ConnectResult>;

/** A fresh command id: crypto.randomUUID where the page is a secure context, else getRandomValues. */
export function newCommandId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
