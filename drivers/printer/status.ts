/**
 * ESC/POS status codec (pure, incremental, never throws).
 *
 * The printer sends three kinds of unsolicited-looking bytes back (Epson ESC/POS reference,
 * `DLE EOT` and `GS a`; device-protocols §3):
 * - a real-time status reply to `DLE EOT n`: one byte with b1,b4 = 1 and b0,b7 = 0, i.e.
 *   `(b & 0x93) == 0x12`. The reply does not say which `n` it answers: replies come back in
 *   the order the queries were sent, so matching is the driver's job;
 * - Automatic Status Back (`GS a n` enabled): 4 bytes, the first with
 *   `(b & 0x93) == 0x10`, the other three with b4 = 0 and b7 = 0;
 * - XON / XOFF (0x11 / 0x13) flow control, which may appear anywhere and is ignored.
 * Anything else is dropped; an ASB cut short by a byte that cannot continue it is dropped
 * and that byte is read afresh (resync). Bytes are read as unsigned.
 */
import type { PrinterCondition } from '../../contracts/devices.ts';
import { XOFF, XON } from './commands.ts';

export type StatusEvent =
  | { kind: 'realtime'; byte: number }
  | { kind: 'asb'; bytes: [number, number, number, number] }
  /** Bytes that fit no pattern (for logs and tests); never more than one event per push run. */
  | { kind: 'discarded'; count: number };

export const isRealtimeReply = (b: number): boolean => (b & 0x93) === 0x12;
export const isAsbFirst = (b: number): boolean => (b & 0x93) === 0x10;
export const isAsbFollow = (b: number): boolean => (b & 0x90) === 0x00;

export class StatusDecoder {
  private asb: number[] | null = null;

  /** Feed bytes as they arrive; returns the events they complete. */
  push(chunk: Uint8Array): StatusEvent[] {
    const events: StatusEvent[] = [];
    let discarded = 0;
    const flushDiscarded = (): void => {
      if (discarded > 0) events.push({ kind: 'discarded', count: discarded });
      discarded = 0;
    };
    for (let i = 0; i < chunk.length; i++) {
      const b = (chunk[i] ?? 0) & 0xff;
      if (b === XON || b === XOFF) continue;
      if (this.asb) {
        if (isAsbFollow(b)) {
          this.asb.push(b);
          if (this.asb.length === 4) {
            const [a, c, d, e] = this.asb as [number, number, number, number];
            this.asb = null;
            flushDiscarded();
            events.push({ kind: 'asb', bytes: [a, c, d, e] });
          }
          continue;
        }
        // Cannot continue the ASB: drop what we had and read this byte afresh.
        discarded += this.asb.length;
        this.asb = null;
      }
      if (isAsbFirst(b)) {
        this.asb = [b];
      } else if (isRealtimeReply(b)) {
        flushDiscarded();
        events.push({ kind: 'realtime', byte: b });
      } else {
        discarded++;
      }
    }
    flushDiscarded();
    return events;
  }

  /** Drop a partial ASB (e.g. after the link was lost). */
  reset(): void {
    this.asb = null;
  }
}

/** Flags the driver derives conditions from. */
export interface PrinterFlags {
  offline: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

export const NO_FLAGS: PrinterFlags = {
  offline: false,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
};

/**
 * Flags from the four `DLE EOT n` replies (n = 1, 2, 3, 4, in that order):
 * n=1 b3 offline; n=2 b2 cover open, b5 stopped on paper end, b6 error;
 * n=3 b3 autocutter error, b5 unrecoverable, b6 auto-recoverable;
 * n=4 b2+b3 paper near end, b5+b6 paper end.
 */
export function flagsFromRealtime(r1: number, r2: number, r3: number, r4: number): PrinterFlags {
  return {
    offline: (r1 & 0x08) !== 0,
    coverOpen: (r2 & 0x04) !== 0,
    paperOut: (r2 & 0x20) !== 0 || (r4 & 0x60) !== 0,
    paperNearEnd: (r4 & 0x0c) !== 0,
    cutterError: (r3 & 0x08) !== 0,
    unrecoverableError: (r3 & 0x20) !== 0,
    autoRecoverableError: (r3 & 0x40) !== 0 || ((r2 & 0x40) !== 0 && (r3 & 0x68) === 0),
  };
}

/**
 * Flags from an ASB: byte 1 b3 offline, b5 cover open; byte 2 b3 autocutter error,
 * b5 unrecoverable, b6 auto-recoverable; byte 3 b0+b1 paper near end, b2+b3 paper end.
 */
export function flagsFromAsb(bytes: readonly [number, number, number, number]): PrinterFlags {
  const [a, b, c] = bytes;
  return {
    offline: (a & 0x08) !== 0,
    coverOpen: (a & 0x20) !== 0,
    paperOut: (c & 0x0c) !== 0,
    paperNearEnd: (c & 0x03) !== 0,
    cutterError: (b & 0x08) !== 0,
    unrecoverableError: (b & 0x20) !== 0,
    autoRecoverableError: (b & 0x40) !== 0,
  };
}

/** The one condition a set of flags means, most severe first. */
export function conditionOf(f: PrinterFlags): PrinterCondition {
  if (f.coverOpen) return 'coverOpen';
  if (f.paperOut) return 'paperOut';
  if (f.cutterError) return 'cutterError';
  if (f.offline || f.unrecoverableError || f.autoRecoverableError) return 'offline';
  if (f.paperNearEnd) return 'paperNearEnd';
  return 'ok';
}

/** Byte-level encoders for the device side (simulator) — the inverse of the flag readers. */
export function realtimeReply(n: 1 | 2 | 3 | 4, f: PrinterFlags): number {
  const base = 0x12;
  switch (n) {
    case 1:
      return base | (f.offline || f.coverOpen || f.paperOut || f.cutterError || f.unrecoverableError ? 0x08 : 0);
    case 2:
      return base | (f.coverOpen ? 0x04 : 0) | (f.paperOut ? 0x20 : 0) | (f.cutterError || f.unrecoverableError || f.autoRecoverableError ? 0x40 : 0);
    case 3:
      return base | (f.cutterError ? 0x08 : 0) | (f.unrecoverableError ? 0x20 : 0) | (f.autoRecoverableError ? 0x40 : 0);
    case 4:
      return base | (f.paperNearEnd || f.paperOut ? 0x0c : 0) | (f.paperOut ? 0x60 : 0);
  }
}

export function asbBytes(f: PrinterFlags): [number, number, number, number] {
  const offline = f.offline || f.coverOpen || f.paperOut || f.cutterError || f.unrecoverableError;
  return [
    0x10 | (offline ? 0x08 : 0) | (f.coverOpen ? 0x20 : 0),
    (f.cutterError ? 0x08 : 0) | (f.unrecoverableError ? 0x20 : 0) | (f.autoRecoverableError ? 0x40 : 0),
    (f.paperNearEnd || f.paperOut ? 0x03 : 0) | (f.paperOut ? 0x0c : 0),
    0x00,
  ];
}
