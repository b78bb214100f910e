/**
 * Datalogic Magellan "Single Cable" scanner-scale protocol, both sides, as pure incremental
 * codecs. Facts: reference/device-protocols.md §1.4 (and §1.5 for AIM identifiers).
 *
 * - 9600 7O1; every message starts with `S` and ends with CR (the terminator is programmable;
 *   we use the default).
 * - Scanner → host: `S08` + type + data. Types: `A` UPC-A, `F` EAN-13 (also EAN-8), `E` UPC-E,
 *   `R` GS1 DataBar, `B1` Code 39, `B2` ITF, `B3` Code 128.
 * - Scale: host `S11` → `S11` + weight (next stable non-zero weight); host `S14` → `S14` +
 *   status: `0` cannot find zero, `1` unstable, `2` over capacity, `3` stable zero,
 *   `4` + weight stable non-zero, `5` under zero. Weight: 4 digits in lb (hundredths) or
 *   5 digits in kg (thousandths), no decimal point.
 * - Host → scanner: `S334` beep, `S10` reset (the device is back after about 5 s).
 *   The reference lists no scanner enable/disable command for this interface.
 */
import type { ScaleReading, Scan } from '../../../contracts/devices.ts';
import { scaledToGrams } from '../units.ts';
import { LineSplitter } from '../lines.ts';

const CR = 0x0d;
const LF = 0x0a;
const MAX_LINE = 600;

export type MagellanWeightUnit = 'lb' | 'kg';

/** Magellan scale status (`S14x`). */
export type MagellanScaleStatus = 'zeroError' | 'motion' | 'overload' | 'stableZero' | 'stable' | 'underZero';

export type MagellanMessage =
  | { kind: 'scan'; scan: Scan }
  /** `S11<wt>`: the answer to "next stable non-zero weight". */
  | { kind: 'weight'; grams: number }
  /** `S14<s>[<wt>]`; `grams` is set for `stable` and is 0 for `stableZero`. */
  | { kind: 'status'; status: MagellanScaleStatus; grams: number }
  | { kind: 'invalid'; reason: string; text: string };

/** Scanner type code → AIM symbology identifier (reference §1.5). */
export function magellanSymbology(type: string, data: string): string | undefined {
  switch (type) {
    case 'A': // UPC-A travels as EAN-13 family
    case 'E': // UPC-E: AIM has no own identifier, it is ]E0 as well
      return ']E0';
    case 'F':
      return data.length === 8 ? ']E4' : ']E0';
    case 'R':
      return ']e0';
    case 'B1':
      return ']A0';
    case 'B2':
      return ']I0';
    case 'B3':
      return ']C0';
    default:
      return undefined;
  }
}

function toText(bytes: number[]): string {
  return bytes.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}

const WEIGHT_DIGITS: Record<MagellanWeightUnit, { digits: number; decimals: number }> = {
  lb: { digits: 4, decimals: 2 },
  kg: { digits: 5, decimals: 3 },
};

function parseWeight(text: string, unit: MagellanWeightUnit): number | null {
  const spec = WEIGHT_DIGITS[unit];
  if (text.length !== spec.digits || !/^\d+$/.test(text)) return null;
  return scaledToGrams(BigInt(text), spec.decimals, unit);
}

/** Parse one message without its terminator. */
export function parseMagellanLine(bytes: number[], unit: MagellanWeightUnit): MagellanMessage {
  const text = toText(bytes);
  if (bytes.some((b) => b < 0x20 && b !== 0x1d) || bytes.some((b) => b > 0x7e)) return { kind: 'invalid', reason: 'unexpected control or non-ASCII byte', text };
  const line = String.fromCharCode(...bytes);
  if (line.startsWith('S08')) {
    const m = /^S08(B[123]|[AFER])(.+)$/s.exec(line);
    if (!m) return { kind: 'invalid', reason: 'unknown scanner message', text };
    const type = m[1] ?? '';
    const data = m[2] ?? '';
    if (data.length > 512) return { kind: 'invalid', reason: 'barcode too long', text };
    const symbology = magellanSymbology(type, data);
    return { kind: 'scan', scan: { data, ...(symbology ? { symbology } : {}), source: 'magellan' } };
  }
  if (line.startsWith('S11')) {
    const grams = parseWeight(line.slice(3), unit);
    if (grams === null) return { kind: 'invalid', reason: `weight needs ${WEIGHT_DIGITS[unit].digits} digits (${unit})`, text };
    return { kind: 'weight', grams };
  }
  if (line.startsWith('S14') && line.length >= 4) {
    const code = line[3];
    const rest = line.slice(4);
    if (code === '4') {
      const grams = parseWeight(rest, unit);
      if (grams === null) return { kind: 'invalid', reason: `weight needs ${WEIGHT_DIGITS[unit].digits} digits (${unit})`, text };
      return { kind: 'status', status: 'stable', grams };
    }
    if (rest.length !== 0) return { kind: 'invalid', reason: 'unexpected text after status', text };
    switch (code) {
      case '0':
        return { kind: 'status', status: 'zeroError', grams: 0 };
      case '1':
        return { kind: 'status', status: 'motion', grams: 0 };
      case '2':
        return { kind: 'status', status: 'overload', grams: 0 };
      case '3':
        return { kind: 'status', status: 'stableZero', grams: 0 };
      case '5':
        return { kind: 'status', status: 'underZero', grams: 0 };
      default:
        return { kind: 'invalid', reason: 'unknown scale status', text };
    }
  }
  return { kind: 'invalid', reason: 'unknown message', text };
}

/**
 * Host side: bytes from the scanner-scale → messages. Splits on CR (an LF is ignored, so a
 * device set to CR LF works too); a line that does not start with `S` is garbage, reported
 * as `invalid`. Never throws.
 */
export class MagellanHostDecoder {
  private readonly lines = new LineSplitter({ end: (b) => b === CR, skip: (b) => b === LF, maxLength: MAX_LINE });

  constructor(private readonly unit: MagellanWeightUnit) {}

  push(chunk: Uint8Array): MagellanMessage[] {
    return this.lines.push(chunk).map((e) => (e.kind === 'overflow' ? { kind: 'invalid', reason: 'line too long', text: '' } : this.parse(e.bytes)));
  }

  reset(): void {
    this.lines.reset();
  }

  private parse(bytes: number[]): MagellanMessage {
    if (bytes[0] === 0x53 /* S */) return parseMagellanLine(bytes, this.unit);
    // Resync: garbage glued before a message is dropped up to the first known message start.
    const text = String.fromCharCode(...bytes);
    const starts = ['S08', 'S11', 'S14'].map((p) => text.indexOf(p)).filter((i) => i > 0);
    if (starts.length === 0) return { kind: 'invalid', reason: 'no message start', text: toText(bytes) };
    return parseMagellanLine(bytes.slice(Math.min(...starts)), this.unit);
  }
}

/**
 * What a scale message means as a lane reading (`S11` weights are stable by definition).
 * `S141` (motion) carries no weight: the reading keeps `lastGrams`.
 */
export function magellanReading(message: MagellanMessage, lastGrams: number): ScaleReading | null {
  if (message.kind === 'weight') return { state: 'stable', grams: message.grams };
  if (message.kind !== 'status') return null;
  switch (message.status) {
    case 'stable':
      return { state: 'stable', grams: message.grams };
    case 'stableZero':
      return { state: 'stable', grams: 0 };
    case 'motion':
      return { state: 'motion', grams: lastGrams };
    case 'overload':
      return { state: 'overload', grams: 0 };
    case 'underZero':
      return { state: 'underZero', grams: 0 };
    case 'zeroError':
      return { state: 'zeroError', grams: 0 };
  }
}

const msg = (s: string): Uint8Array => Uint8Array.from(`${s}\r`, (c) => c.charCodeAt(0) & 0x7f);

/** Host → device bytes. */
export const magellanEncode = {
  scaleStatus: (): Uint8Array => msg('S14'),
  nextStableWeight: (): Uint8Array => msg('S11'),
  beep: (): Uint8Array => msg('S334'),
  reset: (): Uint8Array => msg('S10'),
};

// ── Device side ─────────────────────────────────────────────────────────────

export type MagellanDeviceEvent =
  | { kind: 'command'; command: 'scaleStatus' | 'nextStableWeight' | 'beep' | 'reset' }
  | { kind: 'invalid'; text: string };

const COMMANDS: Record<string, 'scaleStatus' | 'nextStableWeight' | 'beep' | 'reset'> = {
  S14: 'scaleStatus',
  S11: 'nextStableWeight',
  S334: 'beep',
  S10: 'reset',
};

/** Device side: bytes from the host → commands. */
export class MagellanDeviceDecoder {
  private line: number[] = [];

  push(chunk: Uint8Array): MagellanDeviceEvent[] {
    const out: MagellanDeviceEvent[] = [];
    for (const byte of chunk) {
      if (byte === LF) continue;
      if (byte === CR) {
        if (this.line.length > 0) {
          const text = toText(this.line);
          const command = COMMANDS[text];
          out.push(command ? { kind: 'command', command } : { kind: 'invalid', text });
        }
        this.line = [];
        continue;
      }
      if (this.line.length < 64) this.line.push(byte);
    }
    return out;
  }
}

/** Device → host bytes. */
export const magellanDeviceEncode = {
  scan: (type: 'A' | 'F' | 'E' | 'R' | 'B1' | 'B2' | 'B3', data: string): Uint8Array => msg(`S08${type}${data}`),
  /** Weight text for `grams` is the caller's: 4 digits lb / 5 digits kg. */
  weight: (digits: string): Uint8Array => msg(`S11${digits}`),
  status: (code: 0 | 1 | 2 | 3 | 5): Uint8Array => msg(`S14${code}`),
  stable: (digits: string): Uint8Array => msg(`S144${digits}`),
  raw: (text: string): Uint8Array => msg(text),
};
