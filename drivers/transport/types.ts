/**
 * The one byte-transport interface every driver and simulator uses. Implementations:
 * serial (serialport), HID (node-hid, or a fake behind the same interface), TCP (net),
 * and an in-memory pair.
 *
 * Contract:
 * - `open()` resolves when bytes can flow; rejects with a `TransportError` otherwise.
 * - `write()` resolves when the bytes were handed to the OS (or the peer, in memory).
 * - `onData` receives chunks exactly as they arrive: frames may be split or merged.
 * - `onClose` fires once per opened session with `closed` (we closed it) or `lost`
 *   (unplugged, peer reset, I/O error). Drivers reconnect on `lost` only.
 */
export type CloseReason = 'closed' | 'lost';

export interface Transport {
  /** Human-readable address: `/dev/ttyUSB0`, `tcp://127.0.0.1:20007`, `memory:scanner` … */
  readonly address: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  onClose(listener: (reason: CloseReason, error?: Error) => void): () => void;
}

export class TransportError extends Error {
  readonly _tag = 'TransportError';
  constructor(
    message: string,
    readonly address: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
