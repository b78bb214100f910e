/**
 * USB HID POS scanner decoder (usage page 0x8C, usage 0x02), device-protocols §1.3.
 *
 * Input report as node-hid delivers it (64 bytes):
 *   [0] report id 0x02 · [1] data length (≤ 56) · [2..4] AIM id (`]Q0`) · [5..60] data,
 *   zero-padded · [61] vendor symbology id · [62] reserved · [63] bit0 = more reports follow.
 * Codes longer than one report are reassembled until bit0 is 0. Some devices shift the
 * layout by one byte: the AIM id `]` is at [3] instead of [2] (every field moves by one; a
 * 64-byte shifted report has no room for the continuation flag, so it is read as 0). [?]
 * A trailing CR (and LF) is stripped. A partial whose continuation never comes is dropped
 * after `orphanTimeoutMs` (~100 ms, [?]). A partial interrupted by a foreign or broken report
 * is dropped together with its remaining reports (up to the one with bit0 = 0), so the tail
 * of a code is never delivered as a code.
 *
 * Framing: `report` (default over hid/memory transports): each push is one report.
 * `stream`: bytes are cut into `reportSize` reports (a byte-stream transport).
 */
import { MAX_SCAN_LENGTH, aimFromBytes, finishScan, type ScannerCodecEvent, type ScannerDecoder } from '../codec.ts';

export const HIDPOS_REPORT_ID = 0x02;
export const HIDPOS_REPORT_SIZE = 64;
export const HIDPOS_MAX_DATA = 56;

/** Honeywell symbology ids → AIM ids, used when the report carries no AIM id. [V] */
export const HONEYWELL_SYMBOLOGY_TO_AIM: Readonly<Record<string, string>> = {
  d: ']E0', // EAN-13
  c: ']E0', // UPC-A
  D: ']E4', // EAN-8
  E: ']E0', // UPC-E
  j: ']C0', // Code 128
  b: ']A0', // Code 39
  e: ']I0', // ITF
  y: ']e0', // DataBar omni
  '{': ']e0', // DataBar limited
  '}': ']e0', // DataBar expanded
  s: ']Q1', // QR
  w: ']d1', // DataMatrix
};

export interface HidPosCodecOptions {
  framing?: 'report' | 'stream';
  reportSize?: number;
  orphanTimeoutMs?: number;
}

export class HidPosDecoder implements ScannerDecoder {
  private parts: number[] = [];
  private aim: string | undefined;
  private vendorSymbology = 0;
  private partialSince: number | undefined;
  private streamBuf: number[] = [];
  /** A multi-report code was interrupted: its remaining reports must not pass as a code. */
  private tainted = false;
  private readonly framing: 'report' | 'stream';
  private readonly reportSize: number;
  private readonly orphanTimeoutMs: number;

  constructor(opts: HidPosCodecOptions = {}) {
    this.framing = opts.framing ?? 'report';
    this.reportSize = opts.reportSize ?? HIDPOS_REPORT_SIZE;
    this.orphanTimeoutMs = opts.orphanTimeoutMs ?? 100;
  }

  push(bytes: Uint8Array, now: number): ScannerCodecEvent[] {
    const out = this.tick(now);
    if (this.framing === 'report') {
      out.push(...this.report(bytes, now));
      return out;
    }
    for (const b of bytes) {
      this.streamBuf.push(b);
      if (this.streamBuf.length === this.reportSize) {
        const r = Uint8Array.from(this.streamBuf);
        this.streamBuf = [];
        out.push(...this.report(r, now));
      }
    }
    return out;
  }

  tick(now: number): ScannerCodecEvent[] {
    const deadline = this.nextDeadline();
    if (deadline === undefined || now < deadline) return [];
    const count = this.parts.length + this.streamBuf.length;
    this.reset();
    return [{ type: 'discarded', reason: 'orphanPartial', count }];
  }

  nextDeadline(): number | undefined {
    return this.partialSince === undefined ? undefined : this.partialSince + this.orphanTimeoutMs;
  }

  reset(): void {
    this.parts = [];
    this.aim = undefined;
    this.vendorSymbology = 0;
    this.partialSince = undefined;
    this.streamBuf = [];
    this.tainted = false;
  }

  private report(r: Uint8Array, now: number): ScannerCodecEvent[] {
    if (r.length < 6 || r[0] !== HIDPOS_REPORT_ID) {
      // Not a scan report (other report id, or a short/garbled one): ignore it, and any
      // partial it interrupts is no longer trustworthy.
      const count = r.length + this.parts.length;
      if (this.parts.length > 0) this.tainted = true;
      this.dropPartial();
      return [{ type: 'discarded', reason: 'badReport', count }];
    }
    const shift = r[2] === 0x5d ? 0 : r[3] === 0x5d ? 1 : 0;
    const len = r[1 + shift] ?? 0;
    const dataStart = 5 + shift;
    if (len > HIDPOS_MAX_DATA || dataStart + len > r.length) {
      const count = r.length + this.parts.length;
      this.dropPartial();
      return [{ type: 'discarded', reason: 'badReport', count }];
    }
    const aim = aimFromBytes(r[2 + shift], r[3 + shift], r[4 + shift]);
    if (this.parts.length === 0) {
      this.aim = aim;
      this.vendorSymbology = r[61 + shift] ?? 0;
    }
    for (let i = dataStart; i < dataStart + len; i++) this.parts.push(r[i] ?? 0);
    if (this.parts.length > MAX_SCAN_LENGTH + 2) {
      const count = this.parts.length;
      this.dropPartial();
      return [{ type: 'discarded', reason: 'tooLong', count }];
    }
    const more = ((r[63 + shift] ?? 0) & 0x01) === 1;
    if (this.tainted) {
      // Tail of an interrupted code: swallow up to and including its last report.
      const count = this.parts.length;
      this.dropPartial();
      this.tainted = more;
      return [{ type: 'discarded', reason: 'orphanPartial', count }];
    }
    if (more) {
      this.partialSince = now;
      return [];
    }
    let payload = Uint8Array.from(this.parts);
    while (payload.length > 0 && (payload[payload.length - 1] === 0x0d || payload[payload.length - 1] === 0x0a)) payload = payload.subarray(0, payload.length - 1);
    const symbology = this.aim ?? HONEYWELL_SYMBOLOGY_TO_AIM[String.fromCharCode(this.vendorSymbology)];
    this.dropPartial();
    return [finishScan(payload, symbology)];
  }

  private dropPartial(): void {
    this.parts = [];
    this.aim = undefined;
    this.vendorSymbology = 0;
    this.partialSince = undefined;
  }
}

export interface HidPosReportOptions {
  symbology?: string;
  /** Honeywell vendor symbology char (byte 61). */
  vendorSymbology?: string;
  /** Append CR, as many devices do. */
  appendCr?: boolean;
  /** Produce the one-byte-shifted layout (65-byte reports). */
  shifted?: boolean;
}

/** Encode one code as the HID POS input reports a scanner sends (device side). */
export function encodeHidPosReports(data: string, opts: HidPosReportOptions = {}): Uint8Array[] {
  const payload = new TextEncoder().encode(opts.appendCr ? `${data}\r` : data);
  const shift = opts.shifted ? 1 : 0;
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset < payload.length || reports.length === 0; offset += HIDPOS_MAX_DATA) {
    const chunk = payload.subarray(offset, offset + HIDPOS_MAX_DATA);
    const r = new Uint8Array(HIDPOS_REPORT_SIZE + shift);
    r[0] = HIDPOS_REPORT_ID;
    r[1 + shift] = chunk.length;
    if (opts.symbology) for (let i = 0; i < 3; i++) r[2 + shift + i] = opts.symbology.charCodeAt(i) & 0xff;
    r.set(chunk, 5 + shift);
    r[61 + shift] = opts.vendorSymbology ? opts.vendorSymbology.charCodeAt(0) & 0xff : 0;
    const more = offset + HIDPOS_MAX_DATA < payload.length;
    r[63 + shift] = more ? 1 : 0;
    reports.push(r);
  }
  return reports;
}
