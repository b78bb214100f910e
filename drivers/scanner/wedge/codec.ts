/**
 * Keyboard-wedge scanner decoder over Linux evdev (device-protocols §1.2).
 *
 * Records: `struct input_event` = timeval (16 bytes on 64-bit: s64 sec, s64 usec; 8 on
 * 32-bit), u16 type, u16 code, s32 value, little-endian. EV_KEY = 1: value 1 press,
 * 0 release, 2 autorepeat (ignored: a scanner never holds a key, autorepeat is noise).
 * Shift (42/54) and AltGr (100) are tracked, Caps Lock toggles letter case, Ctrl/Alt held
 * make the key unmappable. Enter (28, keypad 96) ends a code.
 *
 * Faults handled: a code with an unmapped key is dropped (never delivered mangled); a
 * partial code with no Enter is dropped (or flushed, `onPartialTimeout`) after
 * `partialTimeoutMs`; a code whose key events are older than `maxAgeMs` (5 s, as Odoo's
 * IoT box does) when its Enter is read is dropped as stale — event timestamps are used when
 * they are plausible wall-clock times, arrival time otherwise; a misaligned stream
 * (implausible record) is re-aligned by skipping one byte at a time.
 * GS/FNC1 cannot be typed on a keyboard: GS1 element strings lose their separators —
 * prefer HID POS or serial for GS1 DataBar/DataMatrix.
 */
import { MAX_SCAN_LENGTH, type ScannerCodecEvent, type ScannerDecoder } from '../codec.ts';
import { KEY, LAYOUTS, type KeyboardLayout, type LayoutName } from './layouts.ts';

export const EV_SYN = 0;
export const EV_KEY = 1;
export const EV_MSC = 4;
export const EV_LED = 0x11;
export const EV_REP = 0x14;

export interface WedgeCodecOptions {
  layout: LayoutName | KeyboardLayout;
  /** 24 (64-bit timeval, default) or 16 (32-bit). */
  recordSize?: 24 | 16;
  partialTimeoutMs?: number;
  onPartialTimeout?: 'drop' | 'flush';
  maxAgeMs?: number;
}

export interface InputEvent {
  timeMs: number;
  type: number;
  code: number;
  value: number;
}

const DAY_MS = 86_400_000;

export class WedgeDecoder implements ScannerDecoder {
  private buf = new Uint8Array(0);
  private chars: string[] = [];
  private bad = 0;
  private firstKeyAt: number | undefined; // arrival (clock) of the first key of the code
  private firstKeyStamp: number | undefined; // record timestamp of that key
  private lastKeyAt: number | undefined;
  private shiftL = false;
  private shiftR = false;
  private altGr = false;
  private ctrl = false;
  private alt = false;
  private capsLock = false;
  private readonly layout: KeyboardLayout;
  private readonly recordSize: number;
  private readonly partialTimeoutMs: number;
  private readonly maxAgeMs: number;

  constructor(private readonly opts: WedgeCodecOptions) {
    this.layout = typeof opts.layout === 'string' ? LAYOUTS[opts.layout] : opts.layout;
    this.recordSize = opts.recordSize ?? 24;
    this.partialTimeoutMs = opts.partialTimeoutMs ?? 300;
    this.maxAgeMs = opts.maxAgeMs ?? 5000;
  }

  push(bytes: Uint8Array, now: number): ScannerCodecEvent[] {
    const out = this.tick(now);
    const all = new Uint8Array(this.buf.length + bytes.length);
    all.set(this.buf);
    all.set(bytes, this.buf.length);
    let off = 0;
    let skipped = 0;
    while (all.length - off >= this.recordSize) {
      const ev = this.parse(all, off);
      if (!ev) {
        off++;
        skipped++;
        continue;
      }
      if (skipped > 0) {
        out.push({ type: 'discarded', reason: 'misaligned', count: skipped });
        skipped = 0;
      }
      off += this.recordSize;
      const e = this.event(ev, now);
      if (e) out.push(e);
    }
    if (skipped > 0) out.push({ type: 'discarded', reason: 'misaligned', count: skipped });
    this.buf = all.slice(off);
    return out;
  }

  tick(now: number): ScannerCodecEvent[] {
    const deadline = this.nextDeadline();
    if (deadline === undefined || now < deadline) return [];
    if (this.opts.onPartialTimeout === 'flush') return [this.finish(now)];
    const count = this.chars.length + this.bad;
    this.clearCode();
    return [{ type: 'discarded', reason: 'partialTimeout', count }];
  }

  nextDeadline(): number | undefined {
    return this.lastKeyAt === undefined ? undefined : this.lastKeyAt + this.partialTimeoutMs;
  }

  reset(): void {
    this.buf = new Uint8Array(0);
    this.clearCode();
    this.shiftL = this.shiftR = this.altGr = this.ctrl = this.alt = this.capsLock = false;
  }

  private clearCode(): void {
    this.chars = [];
    this.bad = 0;
    this.firstKeyAt = undefined;
    this.firstKeyStamp = undefined;
    this.lastKeyAt = undefined;
  }

  /** Read one record, or undefined if it cannot be a real input_event (misaligned). */
  private parse(b: Uint8Array, off: number): InputEvent | undefined {
    const view = new DataView(b.buffer, b.byteOffset + off, this.recordSize);
    const tv = this.recordSize - 8;
    let sec: number;
    let usec: number;
    if (tv === 16) {
      const s = view.getBigInt64(0, true);
      const u = view.getBigInt64(8, true);
      if (s < 0n || s > 0xffffffffffn || u < 0n || u >= 1_000_000n) return undefined;
      sec = Number(s);
      usec = Number(u);
    } else {
      sec = view.getUint32(0, true);
      usec = view.getUint32(4, true);
      if (usec >= 1_000_000) return undefined;
    }
    const type = view.getUint16(tv, true);
    const code = view.getUint16(tv + 2, true);
    const value = view.getInt32(tv + 4, true);
    if (type === EV_SYN) {
      if (code > 3) return undefined;
    } else if (type === EV_KEY) {
      if (code > 0x2ff || value < 0 || value > 2) return undefined;
    } else if (type !== EV_MSC && type !== EV_LED && type !== EV_REP) {
      return undefined;
    }
    return { timeMs: sec * 1000 + Math.floor(usec / 1000), type, code, value };
  }

  private event(ev: InputEvent, now: number): ScannerCodecEvent | undefined {
    if (ev.type !== EV_KEY || ev.value === 2) return undefined;
    const down = ev.value === 1;
    switch (ev.code) {
      case KEY.LEFTSHIFT:
        this.shiftL = down;
        return undefined;
      case KEY.RIGHTSHIFT:
        this.shiftR = down;
        return undefined;
      case KEY.RIGHTALT:
        this.altGr = down;
        return undefined;
      case KEY.LEFTALT:
        this.alt = down;
        return undefined;
      case KEY.LEFTCTRL:
      case KEY.RIGHTCTRL:
        this.ctrl = down;
        return undefined;
      case KEY.CAPSLOCK:
        if (down) this.capsLock = !this.capsLock;
        return undefined;
    }
    if (!down) return undefined;
    if (ev.code === KEY.ENTER || ev.code === KEY.KPENTER) {
      if (this.chars.length === 0 && this.bad === 0) return undefined;
      return this.finish(now);
    }
    if (this.firstKeyAt === undefined) {
      this.firstKeyAt = now;
      this.firstKeyStamp = ev.timeMs;
    }
    this.lastKeyAt = now;
    const ch = this.map(ev.code);
    if (ch === undefined || this.chars.length >= MAX_SCAN_LENGTH) this.bad++;
    else this.chars.push(ch);
    return undefined;
  }

  private map(code: number): string | undefined {
    if (this.ctrl || this.alt) return undefined;
    const k = this.layout.get(code);
    if (!k) return undefined;
    if (this.altGr) return k.altGr;
    const shift = this.shiftL || this.shiftR;
    const base = shift ? k.shift : k.plain;
    if (base === undefined) return undefined;
    // Caps Lock inverts the case of letters only.
    if (this.capsLock && k.plain !== undefined && k.plain.toUpperCase() !== k.plain.toLowerCase()) {
      return shift ? base.toLowerCase() : base.toUpperCase();
    }
    return base;
  }

  private finish(now: number): ScannerCodecEvent {
    const chars = this.chars;
    const bad = this.bad;
    const age = this.ageMs(now);
    this.clearCode();
    if (bad > 0) return { type: 'discarded', reason: chars.length >= MAX_SCAN_LENGTH ? 'tooLong' : 'unmappedKey', count: chars.length + bad };
    if (age > this.maxAgeMs) return { type: 'discarded', reason: 'stale', count: chars.length };
    const data = chars.join('');
    if (data.length === 0) return { type: 'discarded', reason: 'empty', count: 0 };
    return { type: 'scan', data };
  }

  private ageMs(now: number): number {
    const arrival = this.firstKeyAt === undefined ? 0 : now - this.firstKeyAt;
    const stamp = this.firstKeyStamp;
    // Timestamps are CLOCK_REALTIME by default; use them only when plausible (within a day).
    const stamped = stamp !== undefined && Math.abs(now - stamp) < DAY_MS ? now - stamp : 0;
    return Math.max(arrival, stamped);
  }
}

/** Encode one input_event record. */
export function encodeInputEvent(ev: InputEvent, recordSize: 24 | 16 = 24): Uint8Array {
  const r = new Uint8Array(recordSize);
  const v = new DataView(r.buffer);
  const sec = Math.floor(ev.timeMs / 1000);
  const usec = (ev.timeMs % 1000) * 1000;
  const tv = recordSize - 8;
  if (tv === 16) {
    v.setBigInt64(0, BigInt(sec), true);
    v.setBigInt64(8, BigInt(usec), true);
  } else {
    v.setUint32(0, sec >>> 0, true);
    v.setUint32(4, usec, true);
  }
  v.setUint16(tv, ev.type, true);
  v.setUint16(tv + 2, ev.code, true);
  v.setInt32(tv + 4, ev.value, true);
  return r;
}
