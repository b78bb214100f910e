/**
 * Serial (RS-232 / USB-CDC) scanner decoder: `[AIM id] data suffix`.
 * Device-protocols §1.1: data + configurable suffix (Datalogic default CR-LF), optional
 * AIM identifier prefix (§1.5).
 *
 * Framing rules (lenient on purpose, a mis-set suffix must not lose scans):
 * - suffix CR / LF / CRLF: any CR or LF ends a frame; empty frames (the LF of a CRLF) are
 *   ignored. A partial frame with no terminator for `partialTimeoutMs` is dropped, so
 *   garbage never prefixes the next code.
 * - suffix none: a frame ends after `interByteTimeoutMs` of silence.
 * Resync: a control byte other than GS/RS/EOT/FS between frames is dropped alone; inside a
 * frame it drops the frame and everything up to the next terminator (or silence), so the
 * tail of a corrupt code is never delivered as a code. A frame longer than `maxLength` is
 * dropped the same way. Printable garbage right before a code with no pause between them
 * cannot be told apart from the code (a pause longer than `partialTimeoutMs` can).
 */
import { MAX_SCAN_LENGTH, aimFromBytes, finishScan, isGarbageByte, type ScannerCodecEvent, type ScannerDecoder } from '../codec.ts';

export type SerialSuffix = 'CR' | 'LF' | 'CRLF' | 'none';

export interface SerialScannerCodecOptions {
  suffix: SerialSuffix;
  /** Parse a leading AIM id (`]E0`) into `symbology`. */
  aimPrefix: boolean;
  maxLength?: number;
  /** suffix `none`: silence that ends a frame. */
  interByteTimeoutMs?: number;
  /** line suffixes: how long an unterminated partial may wait. */
  partialTimeoutMs?: number;
}

const CR = 0x0d;
const LF = 0x0a;

export class SerialScannerDecoder implements ScannerDecoder {
  private buf: number[] = [];
  /** Skipping an over-long frame until the next terminator. */
  private skipping = 0;
  private skipReason: 'tooLong' | 'controlByte' = 'tooLong';
  private lastByteAt: number | undefined;
  private readonly maxLength: number;
  private readonly interByteTimeoutMs: number;
  private readonly partialTimeoutMs: number;

  constructor(private readonly opts: SerialScannerCodecOptions) {
    this.maxLength = Math.min(opts.maxLength ?? MAX_SCAN_LENGTH, MAX_SCAN_LENGTH);
    this.interByteTimeoutMs = opts.interByteTimeoutMs ?? 50;
    this.partialTimeoutMs = opts.partialTimeoutMs ?? 1000;
  }

  push(bytes: Uint8Array, now: number): ScannerCodecEvent[] {
    const out: ScannerCodecEvent[] = [];
    // A gap longer than the timeout ends (none) or drops (line) the previous partial first.
    out.push(...this.tick(now));
    const lineMode = this.opts.suffix !== 'none';
    for (const b of bytes) {
      if (lineMode && (b === CR || b === LF)) {
        if (this.skipping > 0) {
          out.push({ type: 'discarded', reason: this.skipReason, count: this.skipping });
          this.skipping = 0;
        } else if (this.buf.length > 0) {
          out.push(this.frame());
        }
        continue;
      }
      if (this.skipping > 0) {
        this.skipping++;
        continue;
      }
      if (isGarbageByte(b)) {
        if (this.buf.length === 0) {
          // Noise between frames (line noise at power-up): drop the byte, keep going.
          out.push({ type: 'discarded', reason: 'controlByte', count: 1 });
        } else {
          // Inside a frame: the code is corrupt. Never deliver its tail as a code of its own.
          this.skipping = this.buf.length + 1;
          this.skipReason = 'controlByte';
          this.buf = [];
        }
        continue;
      }
      this.buf.push(b);
      if (this.buf.length > this.maxLength + 3) {
        // +3: room for an AIM prefix. Too long: drop and skip to the next terminator.
        if (lineMode) {
          this.skipping = this.buf.length;
          this.skipReason = 'tooLong';
        } else out.push({ type: 'discarded', reason: 'tooLong', count: this.buf.length });
        this.buf = [];
      }
    }
    this.lastByteAt = this.buf.length > 0 || this.skipping > 0 ? now : undefined;
    return out;
  }

  tick(now: number): ScannerCodecEvent[] {
    const deadline = this.nextDeadline();
    if (deadline === undefined || now < deadline) return [];
    this.lastByteAt = undefined;
    if (this.skipping > 0) {
      const count = this.skipping;
      this.skipping = 0;
      return [{ type: 'discarded', reason: this.skipReason, count }];
    }
    if (this.opts.suffix === 'none') return [this.frame()];
    const count = this.buf.length;
    this.buf = [];
    return [{ type: 'discarded', reason: 'partialTimeout', count }];
  }

  nextDeadline(): number | undefined {
    if (this.lastByteAt === undefined) return undefined;
    return this.lastByteAt + (this.opts.suffix === 'none' ? this.interByteTimeoutMs : this.partialTimeoutMs);
  }

  reset(): void {
    this.buf = [];
    this.skipping = 0;
    this.lastByteAt = undefined;
  }

  private frame(): ScannerCodecEvent {
    const bytes = Uint8Array.from(this.buf);
    this.buf = [];
    const aim = this.opts.aimPrefix ? aimFromBytes(bytes[0], bytes[1], bytes[2]) : undefined;
    return finishScan(aim ? bytes.subarray(3) : bytes, aim, this.maxLength);
  }
}

/** Datalogic "RS-232 Standard" single-byte host commands (device-protocols §1.1). */
export const DATALOGIC_COMMANDS = {
  enable: 0x45, // 'E'
  disable: 0x44, // 'D'
  goodReadBeep: 0x42, // 'B'
  notOnFileBeep: 0x46, // 'F'
  forcedBeep: 0x01,
  reset: 0x52, // 'R'
  identify: 0x69, // 'i'
  health: 0x68, // 'h'
} as const;
export type DatalogicCommand = keyof typeof DATALOGIC_COMMANDS;

export function encodeDatalogic(command: DatalogicCommand): Uint8Array {
  return Uint8Array.of(DATALOGIC_COMMANDS[command]);
}

/** The bytes a serial scanner sends for one code. */
export function encodeSerialScan(data: string, opts: { suffix: SerialSuffix; symbology?: string }): Uint8Array {
  const suffix = opts.suffix === 'CR' ? '\r' : opts.suffix === 'LF' ? '\n' : opts.suffix === 'CRLF' ? '\r\n' : '';
  return new TextEncoder().encode(`${opts.symbology ?? ''}${data}${suffix}`);
}
