import type { CloseReason } from './types.ts';

/**
 * Listener bookkeeping shared by the transports. Listeners belong to the Transport object,
 * not to one session: they survive close/reopen, so a supervisor subscribes once.
 * A throwing listener never breaks the transport (it is isolated and reported).
 */
export class TransportListeners {
  private readonly data = new Set<(chunk: Uint8Array) => void>();
  private readonly close = new Set<(reason: CloseReason, error?: Error) => void>();

  constructor(private readonly onListenerError: (err: unknown) => void = () => {}) {}

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.data.add(listener);
    return () => this.data.delete(listener);
  }

  onClose(listener: (reason: CloseReason, error?: Error) => void): () => void {
    this.close.add(listener);
    return () => this.close.delete(listener);
  }

  emitData(chunk: Uint8Array): void {
    for (const l of [...this.data]) {
      try {
        l(chunk);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  emitClose(reason: CloseReason, error?: Error): void {
    for (const l of [...this.close]) {
      try {
        l(reason, error);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}

export function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
