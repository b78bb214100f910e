/**
 * Device-side ESC/POS command parser (pure, incremental, never throws).
 *
 * Splits the byte stream a printer receives into commands. Known commands are decoded;
 * unknown `ESC x` / `GS x` / `FS x` pairs are skipped as two bytes; any other control byte
 * is skipped alone. Length-prefixed payloads are capped (raster ≤ 255 bytes × 4095 rows),
 * so a bogus header can never swallow the stream: it is reported as `unknown` and parsing
 * resumes at the next byte.
 */
import type { RasterImage } from './raster.ts';

export type EscPosCommand =
  | { type: 'text'; bytes: Uint8Array }
  | { type: 'lf' }
  | { type: 'init' }
  | { type: 'codePage'; n: number }
  | { type: 'align'; n: number }
  | { type: 'bold'; on: boolean }
  | { type: 'size'; n: number }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; m: number; n?: number }
  | { type: 'raster'; mode: number; image: RasterImage }
  | { type: 'barcode'; m: number; data: Uint8Array }
  | { type: 'qrStore'; data: Uint8Array }
  | { type: 'qrPrint' }
  | { type: 'statusQuery'; n: number }
  | { type: 'recover'; n: number }
  | { type: 'asb'; n: number }
  | { type: 'other'; bytes: Uint8Array }
  | { type: 'unknown'; byte: number };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

export const MAX_RASTER_WIDTH_BYTES = 255;
export const MAX_RASTER_HEIGHT = 4095;
const MAX_NUL_TERMINATED = 255;

type Step = { need: true } | { used: number; cmd: EscPosCommand };
const NEED: Step = { need: true };

/** `ESC x` commands and how many parameter bytes follow them. */
const ESC_ARGS: Record<number, number> = {
  0x20: 1, // ESC SP n right-side spacing
  0x21: 1, // ESC ! n print mode
  0x2d: 1, // ESC - n underline
  0x32: 0, // ESC 2 default line spacing
  0x33: 1, // ESC 3 n line spacing
  0x3d: 1, // ESC = n peripheral
  0x47: 1, // ESC G n double strike
  0x4a: 1, // ESC J n feed dots
  0x4d: 1, // ESC M n font
  0x52: 1, // ESC R n international set
  0x56: 1, // ESC V n rotation
  0x63: 2, // ESC c x n panel/sensor settings
  0x70: 3, // ESC p m t1 t2 drawer pulse
  0x7b: 1, // ESC { n upside down
};
/** `GS x` commands with a fixed number of parameter bytes. */
const GS_ARGS: Record<number, number> = {
  0x42: 1, // GS B n reverse
  0x48: 1, // GS H n HRI position
  0x49: 1, // GS I n transmit printer id
  0x4c: 2, // GS L nL nH left margin
  0x57: 2, // GS W nL nH print area width
  0x66: 1, // GS f n HRI font
  0x68: 1, // GS h n barcode height
  0x72: 1, // GS r n transmit status
  0x77: 1, // GS w n barcode module width
};
const FS_ARGS: Record<number, number> = {
  0x2e: 0, // FS . cancel Kanji
  0x26: 0, // FS & Kanji mode
};

export class EscPosParser {
  private pending = new Uint8Array(0);

  push(chunk: Uint8Array): EscPosCommand[] {
    const buf = new Uint8Array(this.pending.length + chunk.length);
    buf.set(this.pending, 0);
    buf.set(chunk, this.pending.length);
    const out: EscPosCommand[] = [];
    let pos = 0;
    while (pos < buf.length) {
      const step = parseAt(buf, pos);
      if ('need' in step) break;
      out.push(step.cmd);
      pos += step.used;
    }
    this.pending = buf.slice(pos);
    return out;
  }

  /** Bytes held for an incomplete command. */
  get buffered(): number {
    return this.pending.length;
  }
}

function at(buf: Uint8Array, i: number): number | undefined {
  return i < buf.length ? buf[i] : undefined;
}

function fixed(buf: Uint8Array, pos: number, length: number, make: (args: Uint8Array) => EscPosCommand): Step {
  if (pos + length > buf.length) return NEED;
  return { used: length, cmd: make(buf.slice(pos, pos + length)) };
}

function parseAt(buf: Uint8Array, pos: number): Step {
  const b = buf[pos] ?? 0;
  if (b >= 0x20) {
    let end = pos;
    while (end < buf.length && (buf[end] ?? 0) >= 0x20) end++;
    return { used: end - pos, cmd: { type: 'text', bytes: buf.slice(pos, end) } };
  }
  switch (b) {
    case 0x0a:
      return { used: 1, cmd: { type: 'lf' } };
    case ESC:
      return parseEsc(buf, pos);
    case GS:
      return parseGs(buf, pos);
    case FS: {
      const x = at(buf, pos + 1);
      if (x === undefined) return NEED;
      const n = FS_ARGS[x] ?? 0;
      return fixed(buf, pos, 2 + n, (a) => ({ type: 'other', bytes: a }));
    }
    case DLE: {
      const x = at(buf, pos + 1);
      if (x === undefined) return NEED;
      if (x === 0x04 || x === 0x05) {
        const n = at(buf, pos + 2);
        if (n === undefined) return NEED;
        return { used: 3, cmd: x === 0x04 ? { type: 'statusQuery', n } : { type: 'recover', n } };
      }
      if (x === 0x14) return fixed(buf, pos, 5, (a) => ({ type: 'other', bytes: a })); // DLE DC4 fn m t
      return { used: 1, cmd: { type: 'unknown', byte: b } };
    }
    default:
      // CR, HT, FF, CAN …: no effect on the receipt text.
      return { used: 1, cmd: { type: 'other', bytes: Uint8Array.of(b) } };
  }
}

function parseEsc(buf: Uint8Array, pos: number): Step {
  const x = at(buf, pos + 1);
  if (x === undefined) return NEED;
  const arg = (): number | undefined => at(buf, pos + 2);
  switch (x) {
    case 0x40:
      return { used: 2, cmd: { type: 'init' } };
    case 0x74:
    case 0x61:
    case 0x45:
    case 0x64: {
      const n = arg();
      if (n === undefined) return NEED;
      const cmd: EscPosCommand =
        x === 0x74 ? { type: 'codePage', n } : x === 0x61 ? { type: 'align', n: n % 48 } : x === 0x45 ? { type: 'bold', on: (n & 1) === 1 } : { type: 'feed', lines: n };
      return { used: 3, cmd };
    }
    default: {
      const n = ESC_ARGS[x] ?? 0;
      return fixed(buf, pos, 2 + n, (a) => ({ type: 'other', bytes: a }));
    }
  }
}

function parseGs(buf: Uint8Array, pos: number): Step {
  const x = at(buf, pos + 1);
  if (x === undefined) return NEED;
  switch (x) {
    case 0x21: {
      const n = at(buf, pos + 2);
      return n === undefined ? NEED : { used: 3, cmd: { type: 'size', n } };
    }
    case 0x61: {
      const n = at(buf, pos + 2);
      return n === undefined ? NEED : { used: 3, cmd: { type: 'asb', n } };
    }
    case 0x56: {
      // GS V m (m = 0, 1, 48, 49) or GS V m n (m = 65, 66, 97, 98, 103, 104)
      const m = at(buf, pos + 2);
      if (m === undefined) return NEED;
      if (m === 0 || m === 1 || m === 48 || m === 49) return { used: 3, cmd: { type: 'cut', m } };
      const n = at(buf, pos + 3);
      return n === undefined ? NEED : { used: 4, cmd: { type: 'cut', m, n } };
    }
    case 0x76:
      return parseRaster(buf, pos);
    case 0x6b:
      return parseBarcode(buf, pos);
    case 0x28:
      return parseGsParen(buf, pos);
    case 0x38:
      return parseGs8(buf, pos);
    default: {
      const n = GS_ARGS[x] ?? 0;
      return fixed(buf, pos, 2 + n, (a) => ({ type: 'other', bytes: a }));
    }
  }
}

/** GS v 0 m xL xH yL yH d1…dk, k = (xL + xH×256) × (yL + yH×256). */
function parseRaster(buf: Uint8Array, pos: number): Step {
  if (pos + 8 > buf.length) return NEED;
  const zero = buf[pos + 2] ?? 0;
  const mode = buf[pos + 3] ?? 0;
  const widthBytes = (buf[pos + 4] ?? 0) + (buf[pos + 5] ?? 0) * 256;
  const height = (buf[pos + 6] ?? 0) + (buf[pos + 7] ?? 0) * 256;
  const valid = zero === 0x30 && (mode <= 3 || (mode >= 48 && mode <= 51));
  if (!valid || widthBytes === 0 || height === 0 || widthBytes > MAX_RASTER_WIDTH_BYTES || height > MAX_RASTER_HEIGHT) {
    return { used: 1, cmd: { type: 'unknown', byte: GS } };
  }
  const total = 8 + widthBytes * height;
  if (pos + total > buf.length) return NEED;
  return { used: total, cmd: { type: 'raster', mode: mode % 48, image: { widthBytes, height, data: buf.slice(pos + 8, pos + total) } } };
}

/** GS k m d1…dk NUL (m = 0…6) or GS k m n d1…dn (m = 65…79). */
function parseBarcode(buf: Uint8Array, pos: number): Step {
  const m = at(buf, pos + 2);
  if (m === undefined) return NEED;
  if (m <= 6) {
    const limit = Math.min(buf.length, pos + 3 + MAX_NUL_TERMINATED + 1);
    for (let i = pos + 3; i < limit; i++) {
      if (buf[i] === 0) return { used: i + 1 - pos, cmd: { type: 'barcode', m, data: buf.slice(pos + 3, i) } };
    }
    if (limit - (pos + 3) > MAX_NUL_TERMINATED) return { used: 1, cmd: { type: 'unknown', byte: GS } };
    return NEED;
  }
  if (m >= 65 && m <= 79) {
    const n = at(buf, pos + 3);
    if (n === undefined) return NEED;
    if (pos + 4 + n > buf.length) return NEED;
    return { used: 4 + n, cmd: { type: 'barcode', m, data: buf.slice(pos + 4, pos + 4 + n) } };
  }
  return { used: 1, cmd: { type: 'unknown', byte: GS } };
}

/** GS ( x pL pH … — length-prefixed; `GS ( k` with cn = 49 is QR code. */
function parseGsParen(buf: Uint8Array, pos: number): Step {
  if (pos + 5 > buf.length) return NEED;
  const fn = buf[pos + 2] ?? 0;
  const len = (buf[pos + 3] ?? 0) + (buf[pos + 4] ?? 0) * 256;
  if (pos + 5 + len > buf.length) return NEED;
  const body = buf.slice(pos + 5, pos + 5 + len);
  const used = 5 + len;
  if (fn === 0x6b && body.length >= 2 && body[0] === 0x31) {
    if (body[1] === 0x50 && body.length >= 3) return { used, cmd: { type: 'qrStore', data: body.slice(3) } };
    if (body[1] === 0x51) return { used, cmd: { type: 'qrPrint' } };
  }
  return { used, cmd: { type: 'other', bytes: buf.slice(pos, pos + used) } };
}

/** GS 8 L p1 p2 p3 p4 … — graphics data with a 4-byte length (skipped; capped at 1 MiB). */
function parseGs8(buf: Uint8Array, pos: number): Step {
  if (pos + 3 > buf.length) return NEED;
  if (buf[pos + 2] !== 0x4c) return { used: 3, cmd: { type: 'other', bytes: buf.slice(pos, pos + 3) } };
  if (pos + 7 > buf.length) return NEED;
  const len = (buf[pos + 3] ?? 0) + (buf[pos + 4] ?? 0) * 0x100 + (buf[pos + 5] ?? 0) * 0x10000 + (buf[pos + 6] ?? 0) * 0x1000000;
  if (len > 1 << 20) return { used: 1, cmd: { type: 'unknown', byte: GS } };
  if (pos + 7 + len > buf.length) return NEED;
  return { used: 7 + len, cmd: { type: 'other', bytes: buf.slice(pos, pos + 7 + len) } };
}
