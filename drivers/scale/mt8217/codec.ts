/**
 * Mettler-Toledo 8217 ("Toledo/ECR") protocol, both sides, as pure incremental codecs.
 * Facts: reference/device-protocols.md §2.1.
 *
 * - Line: 9600 7E1. Commands are single characters with no terminator: `W` weight, `Z` zero,
 *   `T` tare, `C` clear tare, `E` echo on, `F` echo off (the echo probe).
 * - Reply to `W`: STX + weight + optional `N` (net) + CR. The weight is `0WW.WW` in lb or
 *   `WW.WWW` in kg; which one is a scale setting, so the host must be told the unit.
 * - No valid weight: STX `?` + status byte + CR. Status bits (mask 0x3F: b6 is always 1
 *   and b7 is parity): b0 motion, b1 over capacity, b2 under zero, b3 outside zero capture,
 *   b4 centre of zero, b5 net.
 * - Echo probe: host sends `Ehello`, the scale answers STX `E` CR and then echoes `hello`;
 *   host sends `F` (echoed as `F`) to leave echo mode.
 *
 * The host decoder frames on STX … CR, resyncs on the next STX after garbage, and never
 * throws. Bytes outside a frame (echoed text, line noise) are skipped.
 */
import type { ScaleReading } from '../../../contracts/devices.ts';
import { decimalToGrams } from '../units.ts';

export const STX = 0x02;
export const CR = 0x0d;
/** Longest frame body we accept (the high-resolution `H` reply is the longest, < 12). */
const MAX_BODY = 16;

export type Mt8217WeightUnit = 'lb' | 'kg';

export const STATUS_MASK = 0x3f;
export const STATUS_BITS = {
  motion: 0x01,
  overCapacity: 0x02,
  underZero: 0x04,
  outsideZeroCapture: 0x08,
  centreOfZero: 0x10,
  net: 0x20,
} as const;
export type Mt8217StatusFlags = { [K in keyof typeof STATUS_BITS]: boolean };

export type Mt8217Reply =
  /** A valid (stable) weight. */
  | { kind: 'weight'; grams: number; net: boolean }
  /** No valid weight; `status` is already masked with 0x3F. */
  | { kind: 'status'; status: number; flags: Mt8217StatusFlags }
  /** STX `E` CR: the scale entered echo mode (probe answer). */
  | { kind: 'echo' }
  /** A frame we could not read; the decoder has resynchronised. */
  | { kind: 'invalid'; reason: string; text: string };

export function statusFlags(statusByte: number): Mt8217StatusFlags {
  const s = statusByte & STATUS_MASK;
  return {
    motion: (s & STATUS_BITS.motion) !== 0,
    overCapacity: (s & STATUS_BITS.overCapacity) !== 0,
    underZero: (s & STATUS_BITS.underZero) !== 0,
    outsideZeroCapture: (s & STATUS_BITS.outsideZeroCapture) !== 0,
    centreOfZero: (s & STATUS_BITS.centreOfZero) !== 0,
    net: (s & STATUS_BITS.net) !== 0,
  };
}

function printable(bytes: number[]): string {
  return bytes.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}

/** Host side: bytes from the scale → replies. */
export class Mt8217HostDecoder {
  private body: number[] = [];
  private inFrame = false;

  constructor(private readonly unit: Mt8217WeightUnit) {}

  push(chunk: Uint8Array): Mt8217Reply[] {
    const out: Mt8217Reply[] = [];
    for (const byte of chunk) {
      if (byte === STX) {
        if (this.inFrame && this.body.length > 0) out.push({ kind: 'invalid', reason: 'frame cut by STX', text: printable(this.body) });
        this.inFrame = true;
        this.body = [];
        continue;
      }
      if (!this.inFrame) continue;
      if (byte === CR) {
        // A CR directly after `?` is the status byte only if bit 6 is set, which CR never has:
        // so `STX ? CR` is a frame with a missing status byte.
        out.push(this.decode(this.body));
        this.inFrame = false;
        this.body = [];
        continue;
      }
      this.body.push(byte);
      if (this.body.length > MAX_BODY) {
        out.push({ kind: 'invalid', reason: 'frame too long', text: printable(this.body) });
        this.inFrame = false;
        this.body = [];
      }
    }
    return out;
  }

  /** Forget any partial frame (after a reconnect). */
  reset(): void {
    this.inFrame = false;
    this.body = [];
  }

  private decode(body: number[]): Mt8217Reply {
    const text = printable(body);
    if (body.length === 0) return { kind: 'invalid', reason: 'empty frame', text };
    if (body[0] === 0x3f /* ? */) {
      if (body.length !== 2) return { kind: 'invalid', reason: 'status frame needs exactly one status byte', text };
      const status = body[1]! & STATUS_MASK;
      return { kind: 'status', status, flags: statusFlags(status) };
    }
    if (body.length === 1 && body[0] === 0x45 /* E */) return { kind: 'echo' };
    if (body.some((b) => b > 0x7e)) return { kind: 'invalid', reason: 'non-ASCII byte in weight (check 7E1)', text };
    let weightText = String.fromCharCode(...body);
    let net = false;
    if (weightText.endsWith('N')) {
      net = true;
      weightText = weightText.slice(0, -1);
    }
    if (!/^ *\d{1,7}(\.\d{1,4})?$/.test(weightText)) return { kind: 'invalid', reason: 'not a weight', text };
    const grams = decimalToGrams(weightText, this.unit);
    if (grams === null) return { kind: 'invalid', reason: 'not a weight', text };
    return { kind: 'weight', grams, net };
  }
}

/**
 * What a reply means as a lane reading. A weight frame is a stable weight (the 8217 sends a
 * weight only when it has a valid one). A status frame carries no weight: for `motion` we keep
 * `lastGrams` (the last weight seen), a "centre of zero" status with no fault bit is a stable
 * zero, and a status with no bit we understand is treated as motion (never as stable).
 * Several fault bits at once: overload, then under zero, then zero error, then motion.
 */
export function mt8217Reading(reply: Mt8217Reply, lastGrams: number): ScaleReading | null {
  switch (reply.kind) {
    case 'weight':
      return { state: 'stable', grams: reply.grams };
    case 'status': {
      const f = reply.flags;
      if (f.overCapacity) return { state: 'overload', grams: 0 };
      if (f.underZero) return { state: 'underZero', grams: 0 };
      if (f.outsideZeroCapture) return { state: 'zeroError', grams: 0 };
      if (f.motion) return { state: 'motion', grams: lastGrams };
      if (f.centreOfZero) return { state: 'stable', grams: 0 };
      return { state: 'motion', grams: lastGrams };
    }
    default:
      return null;
  }
}

export type Mt8217Command = 'W' | 'Z' | 'T' | 'C' | 'E' | 'F';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0x7f);

/** Host → scale bytes. */
export const mt8217Encode = {
  weight: (): Uint8Array => ascii('W'),
  zero: (): Uint8Array => ascii('Z'),
  tare: (): Uint8Array => ascii('T'),
  clearTare: (): Uint8Array => ascii('C'),
  /** Echo probe: `E` then text the scale must echo back after STX E CR. */
  echoProbe: (text = 'hello'): Uint8Array => ascii(`E${text}`),
  echoOff: (): Uint8Array => ascii('F'),
};

// ── Device side ─────────────────────────────────────────────────────────────

export type Mt8217DeviceEvent =
  | { kind: 'command'; command: Exclude<Mt8217Command, 'E' | 'F'> }
  /** `E`: enter echo mode; the scale answers STX E CR. */
  | { kind: 'echoOn' }
  /** A byte received in echo mode, to be sent back (`F` ends echo mode and is echoed too). */
  | { kind: 'echo'; byte: number; last: boolean }
  | { kind: 'unknown'; byte: number };

/** Device side: bytes from the host → commands. Tracks echo mode itself. */
export class Mt8217DeviceDecoder {
  private echoing = false;

  push(chunk: Uint8Array): Mt8217DeviceEvent[] {
    const out: Mt8217DeviceEvent[] = [];
    for (const raw of chunk) {
      const byte = raw & 0x7f;
      if (this.echoing) {
        const last = byte === 0x46; /* F */
        if (last) this.echoing = false;
        out.push({ kind: 'echo', byte, last });
        continue;
      }
      const c = String.fromCharCode(byte);
      switch (c) {
        case 'W':
        case 'Z':
        case 'T':
        case 'C':
          out.push({ kind: 'command', command: c });
          break;
        case 'E':
          this.echoing = true;
          out.push({ kind: 'echoOn' });
          break;
        default:
          out.push({ kind: 'unknown', byte });
      }
    }
    return out;
  }

  reset(): void {
    this.echoing = false;
  }
}

/** Scale → host bytes. */
export const mt8217DeviceEncode = {
  /** STX weight [N] CR, in the unit's fixed layout: lb `0WW.WW`, kg `WW.WWW`. */
  weight(scaledText: string, net = false): Uint8Array {
    return Uint8Array.from([STX, ...ascii(scaledText + (net ? 'N' : '')), CR]);
  },
  /** STX ? status CR, with b6 set as the scale does. */
  status(bits: number): Uint8Array {
    return Uint8Array.from([STX, 0x3f, 0x40 | (bits & STATUS_MASK), CR]);
  },
  echoOn(): Uint8Array {
    return Uint8Array.from([STX, 0x45, CR]);
  },
};
