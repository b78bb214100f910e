/**
 * ZVT BMP fields (device-protocols.md §4.2): a tag byte, then a fixed-size value, an LL/LLL
 * value (`Fx Fy (Fz)`, low nibbles are decimal digits of the length) or a BER-TLV container
 * (`06`). Decoding never throws: at the first unknown tag or malformed value it stops and
 * returns the remaining bytes raw, because completions may be bare status bytes, version
 * strings or raw ASCII (§4.8).
 */
import { decodeText, encodeText, type TextEncoding } from './text.ts';

export type BmpField =
  | { kind: 'amount'; bmp: 0x04; amountMinor: number }
  | { kind: 'trace'; bmp: 0x0b; trace: number }
  | { kind: 'time'; bmp: 0x0c; hhmmss: string }
  | { kind: 'date'; bmp: 0x0d; mmdd: string }
  | { kind: 'expiry'; bmp: 0x0e; yymm: string }
  | { kind: 'paymentType'; bmp: 0x19; paymentType: number }
  | { kind: 'pan'; bmp: 0x22; maskedPan: string }
  | { kind: 'resultCode'; bmp: 0x27; resultCode: number }
  | { kind: 'terminalId'; bmp: 0x29; terminalId: string }
  | { kind: 'vuNumber'; bmp: 0x2a; vuNumber: string }
  | { kind: 'aid'; bmp: 0x3b; aid: string }
  | { kind: 'text'; bmp: 0x3c; text: string }
  | { kind: 'currency'; bmp: 0x49; currencyCode: number }
  | { kind: 'receiptNo'; bmp: 0x87; receiptNo: number }
  | { kind: 'turnover'; bmp: 0x88; turnover: number }
  | { kind: 'cardType'; bmp: 0x8a; cardType: number }
  | { kind: 'cardName'; bmp: 0x8b; cardName: string }
  | { kind: 'tlv'; bmp: 0x06; raw: Uint8Array }
  | { kind: 'other'; bmp: number; raw: Uint8Array };

export type BmpKind = BmpField['kind'];

export interface DecodedFields {
  fields: BmpField[];
  /** Bytes from the first tag that could not be parsed; empty when everything was parsed. */
  rest: Uint8Array;
}

type Layout = number | 'LL' | 'LLL' | 'TLV';

/**
 * Value layouts. The named fields are the ones we interpret; the `other` entries are common
 * ZVT BMPs (card sequence no. 17, additional data 3C …) we only need to step over so
 * parsing can continue; they are kept raw.
 */
const LAYOUT: ReadonlyMap<number, Layout> = new Map<number, Layout>([
  [0x01, 1], [0x02, 1], [0x03, 1], [0x04, 6], [0x05, 1], [0x06, 'TLV'], [0x0b, 3], [0x0c, 3],
  [0x0d, 2], [0x0e, 2], [0x17, 2], [0x19, 1], [0x22, 'LL'], [0x23, 'LL'], [0x24, 'LLL'],
  [0x27, 1], [0x29, 4], [0x2a, 15], [0x2d, 'LL'], [0x2e, 'LLL'], [0x37, 3], [0x3a, 2],
  [0x3b, 8], [0x3c, 'LLL'], [0x3d, 3], [0x49, 2], [0x60, 'LLL'], [0x87, 2], [0x88, 3],
  [0x8a, 1], [0x8b, 'LL'], [0x8c, 1], [0x92, 'LLL'], [0xa0, 1], [0xba, 5],
]);

export function isKnownBmp(bmp: number): boolean {
  return LAYOUT.has(bmp);
}

/** Packed BCD → digit string; `null` if any nibble is not 0–9. */
export function bcdDigits(bytes: Uint8Array): string | null {
  let s = '';
  for (const b of bytes) {
    const hi = b >> 4;
    const lo = b & 0x0f;
    if (hi > 9 || lo > 9) return null;
    s += String(hi) + String(lo);
  }
  return s;
}

/** Digits (or a non-negative integer) → packed BCD of `size` bytes, left-padded with zeros. */
export function toBcd(value: number | string, size: number): Uint8Array {
  const digits = (typeof value === 'number' ? Math.max(0, Math.trunc(value)).toString() : value.replace(/\D/g, ''))
    .padStart(size * 2, '0')
    .slice(-size * 2);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (Number(digits[2 * i]) << 4) | Number(digits[2 * i + 1]);
  return out;
}

/**
 * A card number as the lane may keep it: only the last four digits visible. Terminals send
 * `E` nibbles for masked digits and `F` as padding; whatever they send, we mask again.
 */
export function maskPan(panDigits: string): string {
  const clean = panDigits.replace(/[^0-9*]/g, '');
  const keep = 4;
  return clean
    .split('')
    .map((ch, i) => (i >= clean.length - keep ? ch : '*'))
    .join('');
}

function panFromNibbles(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    for (const n of [b >> 4, b & 0x0f]) {
      if (n <= 9) s += String(n);
      else if (n === 0x0f) continue;
      else s += '*';
    }
  }
  return maskPan(s);
}

function readVarLength(buf: Uint8Array, pos: number, digits: 2 | 3): { len: number; next: number } | null {
  if (pos + digits > buf.length) return null;
  let len = 0;
  for (let i = 0; i < digits; i++) {
    const b = buf[pos + i] ?? 0;
    if (b >> 4 !== 0x0f || (b & 0x0f) > 9) return null;
    len = len * 10 + (b & 0x0f);
  }
  return { len, next: pos + digits };
}

/** BER length of the TLV container: `len` < 0x80, or `81 len`, or `82 hi lo`. */
function readBerLength(buf: Uint8Array, pos: number): { len: number; next: number } | null {
  const first = buf[pos];
  if (first === undefined) return null;
  if (first < 0x80) return { len: first, next: pos + 1 };
  if (first === 0x81) {
    const b = buf[pos + 1];
    return b === undefined ? null : { len: b, next: pos + 2 };
  }
  if (first === 0x82) {
    const hi = buf[pos + 1];
    const lo = buf[pos + 2];
    return hi === undefined || lo === undefined ? null : { len: (hi << 8) | lo, next: pos + 3 };
  }
  return null;
}

function interpret(bmp: number, v: Uint8Array, enc: TextEncoding): BmpField | null {
  switch (bmp) {
    case 0x04: {
      const d = bcdDigits(v);
      return d === null ? null : { kind: 'amount', bmp, amountMinor: Number(d) };
    }
    case 0x0b: {
      const d = bcdDigits(v);
      return d === null ? null : { kind: 'trace', bmp, trace: Number(d) };
    }
    case 0x0c: {
      const d = bcdDigits(v);
      return d === null ? null : { kind: 'time', bmp, hhmmss: d };
    }
    case 0x0d: {
      const d = bcdDigits(v);
      return d === null ? null : { kind: 'date', bmp, mmdd: d };
    }
    case 0x0e: {
      const d = bcdDigits(v);
      return d === null ? null : { kind: 'expiry', bmp, yymm: d };
    }
    case 0x19:
      return { kind: 'paymentType', bmp, paymentType: v[0] ?? 0 };
    case 0x22:
      return { kind: 'pan', bmp, maskedPan: panFromNibbles(v) };
    case 0x27:
      return { kind: 'resultCode', bmp, resultCode: v[0] ?? 0 };
    case 0x29: {
      const d = bcdDigits(v);
      return d === null ? null : { kind: 'terminalId', bmp, terminalId: d };
    }
    case 0x2a:
      return { kind: 'vuNumber', bmp, vuNumber: decodeText(v, enc).trim() };
    case 0x3b:
      return { kind: 'aid', bmp, aid: decodeText(v, enc).trim() };
    case 0x3c:
      return { kind: 'text', bmp, text: decodeText(v, enc) };
    case 0x49: {
      const d = bcdDigits(v);
      return d === null ? null : { kind: 'currency', bmp, currencyCode: Number(d) };
    }
    case 0x87: {
      const d = bcdDigits(v);
      return d === null ? null : { kind: 'receiptNo', bmp, receiptNo: Number(d) };
    }
    case 0x88: {
      const d = bcdDigits(v);
      return d === null ? null : { kind: 'turnover', bmp, turnover: Number(d) };
    }
    case 0x8a:
      return { kind: 'cardType', bmp, cardType: v[0] ?? 0 };
    case 0x8b:
      return { kind: 'cardName', bmp, cardName: decodeText(v, enc) };
    case 0x06:
      return { kind: 'tlv', bmp, raw: v };
    default:
      return { kind: 'other', bmp, raw: v };
  }
}

export function decodeFields(data: Uint8Array, encoding: TextEncoding = 'cp437'): DecodedFields {
  const fields: BmpField[] = [];
  let pos = 0;
  while (pos < data.length) {
    const bmp = data[pos] ?? 0;
    const layout = LAYOUT.get(bmp);
    if (layout === undefined) break;
    let start: number;
    let len: number;
    if (typeof layout === 'number') {
      start = pos + 1;
      len = layout;
    } else {
      const r = layout === 'TLV' ? readBerLength(data, pos + 1) : readVarLength(data, pos + 1, layout === 'LL' ? 2 : 3);
      if (!r) break;
      start = r.next;
      len = r.len;
    }
    if (start + len > data.length) break;
    const field = interpret(bmp, data.slice(start, start + len), encoding);
    if (!field) break;
    fields.push(field);
    pos = start + len;
  }
  return { fields, rest: data.slice(pos) };
}

function varLength(n: number, digits: 2 | 3): number[] {
  const s = String(Math.min(n, digits === 2 ? 99 : 999)).padStart(digits, '0');
  return [...s].map((d) => 0xf0 | Number(d));
}

function berLength(n: number): number[] {
  if (n < 0x80) return [n];
  if (n <= 0xff) return [0x81, n];
  return [0x82, (n >> 8) & 0xff, n & 0xff];
}

function panToNibbles(pan: string): Uint8Array {
  const nibbles = [...pan].map((ch) => (/\d/.test(ch) ? Number(ch) : 0x0e));
  if (nibbles.length % 2) nibbles.push(0x0f);
  const out = new Uint8Array(nibbles.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = ((nibbles[2 * i] ?? 0) << 4) | (nibbles[2 * i + 1] ?? 0);
  return out;
}

function valueBytes(f: BmpField, enc: TextEncoding): Uint8Array {
  switch (f.kind) {
    case 'amount':
      return toBcd(f.amountMinor, 6);
    case 'trace':
      return toBcd(f.trace, 3);
    case 'time':
      return toBcd(f.hhmmss, 3);
    case 'date':
      return toBcd(f.mmdd, 2);
    case 'expiry':
      return toBcd(f.yymm, 2);
    case 'paymentType':
      return Uint8Array.of(f.paymentType);
    case 'pan':
      return panToNibbles(f.maskedPan);
    case 'resultCode':
      return Uint8Array.of(f.resultCode);
    case 'terminalId':
      return toBcd(f.terminalId, 4);
    case 'vuNumber':
      return fixed(encodeText(f.vuNumber, enc), 15);
    case 'aid':
      return fixed(encodeText(f.aid, enc), 8);
    case 'text':
      return encodeText(f.text, enc);
    case 'currency':
      return toBcd(f.currencyCode, 2);
    case 'receiptNo':
      return toBcd(f.receiptNo, 2);
    case 'turnover':
      return toBcd(f.turnover, 3);
    case 'cardType':
      return Uint8Array.of(f.cardType);
    case 'cardName':
      return encodeText(f.cardName, enc);
    case 'tlv':
    case 'other':
      return f.raw;
  }
}

function fixed(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size).fill(0x20);
  out.set(bytes.subarray(0, size), 0);
  return out;
}

/** Encode fields in order. An `other` field with an unknown tag is written as tag + raw bytes. */
export function encodeFields(fields: readonly BmpField[], encoding: TextEncoding = 'cp437'): Uint8Array {
  const out: number[] = [];
  for (const f of fields) {
    const v = valueBytes(f, encoding);
    const layout = LAYOUT.get(f.bmp);
    out.push(f.bmp);
    if (layout === 'LL') out.push(...varLength(v.length, 2), ...v.subarray(0, 99));
    else if (layout === 'LLL') out.push(...varLength(v.length, 3), ...v.subarray(0, 999));
    else if (layout === 'TLV') out.push(...berLength(v.length), ...v);
    else if (typeof layout === 'number') out.push(...fixed0(v, layout));
    else out.push(...v);
  }
  return Uint8Array.from(out);
}

function fixed0(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(bytes.subarray(0, size), 0);
  return out;
}

/** First field of a kind, typed. */
export function findField<K extends BmpKind>(fields: readonly BmpField[], kind: K): Extract<BmpField, { kind: K }> | undefined {
  return fields.find((f): f is Extract<BmpField, { kind: K }> => f.kind === kind);
}
