/**
 * What every scanner decoder produces and how the driver drives it. Decoders are pure:
 * time comes in as `now` (ms, from the driver's Clock), they never throw on bad input, and
 * every `scan` they emit satisfies the `Scan` contract (1–512 chars, AIM id `]Xm`).
 */
export interface ScanDecoded {
  type: 'scan';
  data: string;
  /** AIM identifier, e.g. `]E0`, when the device sent or implied one. */
  symbology?: string;
}

/** Bytes or a partial code thrown away, with why (for logs and tests). */
export interface ScanDiscarded {
  type: 'discarded';
  reason: DiscardReason;
  /** Bytes (or key events, for the wedge) dropped. */
  count: number;
}

export type DiscardReason =
  | 'tooLong'
  | 'controlByte'
  | 'invalidText'
  | 'empty'
  | 'partialTimeout'
  | 'badReport'
  | 'orphanPartial'
  | 'unmappedKey'
  | 'stale'
  | 'misaligned';

export type ScannerCodecEvent = ScanDecoded | ScanDiscarded;

export interface ScannerDecoder {
  /** Feed bytes exactly as they arrived; returns what completed. */
  push(bytes: Uint8Array, now: number): ScannerCodecEvent[];
  /** Time passed: flush or drop what timed out. Call at `nextDeadline()`. */
  tick(now: number): ScannerCodecEvent[];
  /** When `tick` next has something to do, if ever. */
  nextDeadline(): number | undefined;
  /** Forget partial state (e.g. after a reconnect). */
  reset(): void;
}

export const MAX_SCAN_LENGTH = 512;
const AIM_RE = /^\][A-Za-z][0-9A-Za-z]$/;

export function isAimId(s: string): boolean {
  return AIM_RE.test(s);
}

/** Bytes → ASCII string if they look like an AIM id (`]` letter alnum). */
export function aimFromBytes(b0: number | undefined, b1: number | undefined, b2: number | undefined): string | undefined {
  if (b0 !== 0x5d || b1 === undefined || b2 === undefined) return undefined;
  const s = String.fromCharCode(0x5d, b1, b2);
  return isAimId(s) ? s : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Control bytes a barcode may legitimately carry: GS (FNC1 as sent to the host, GS1),
 * RS and EOT (ISO/IEC 15434 envelopes), FS. Anything else below 0x20, and DEL, is garbage.
 */
export function isAllowedControl(b: number): boolean {
  return b === 0x1d || b === 0x1e || b === 0x04 || b === 0x1c;
}

export function isGarbageByte(b: number): boolean {
  return (b < 0x20 && !isAllowedControl(b)) || b === 0x7f;
}

/** Decode barcode payload bytes; `undefined` when not valid UTF-8 or containing garbage. */
export function decodePayload(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: 'controlByte' | 'invalidText' } {
  for (const b of bytes) if (isGarbageByte(b)) return { ok: false, reason: 'controlByte' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'invalidText' };
  }
}

/**
 * Build the scan event from payload bytes (AIM id already split off), or the discard that
 * explains why not.
 */
export function finishScan(payload: Uint8Array, symbology: string | undefined, maxLength = MAX_SCAN_LENGTH): ScannerCodecEvent {
  if (payload.length === 0) return { type: 'discarded', reason: 'empty', count: symbology ? 3 : 0 };
  if (payload.length > maxLength) return { type: 'discarded', reason: 'tooLong', count: payload.length };
  const decoded = decodePayload(payload);
  if (!decoded.ok) return { type: 'discarded', reason: decoded.reason, count: payload.length };
  // A UTF-8 string is never longer (in UTF-16 units) than its byte count, so ≤ maxLength holds.
  return { type: 'scan', data: decoded.text, ...(symbology ? { symbology } : {}) };
}
