/**
 * ZVT APDU codec (pure). APDU = CLASS INSTR LEN data; LEN `FF` means a 2-byte little-endian
 * length follows (device-protocols.md §4.2, §4.8: `FF 2D 04` = 1069 bytes).
 */
export interface Apdu {
  readonly cls: number;
  readonly instr: number;
  readonly data: Uint8Array;
}

/** Largest data length an APDU can carry (2-byte extended length). */
export const MAX_APDU_DATA = 0xffff;

export function apdu(cls: number, instr: number, data: ArrayLike<number> = []): Apdu {
  return { cls: cls & 0xff, instr: instr & 0xff, data: Uint8Array.from(data) };
}

/** `80 00 00`: the positive acknowledgement both sides send for every message. */
export const ACK_APDU: Apdu = apdu(0x80, 0x00);

/** Encode an APDU. Lengths ≥ 255 use the extended form `FF lo hi`. Data is truncated to 65535 bytes. */
export function encodeApdu(a: Apdu): Uint8Array {
  const data = a.data.length > MAX_APDU_DATA ? a.data.subarray(0, MAX_APDU_DATA) : a.data;
  const n = data.length;
  const head = n < 0xff ? [a.cls, a.instr, n] : [a.cls, a.instr, 0xff, n & 0xff, n >> 8];
  const out = new Uint8Array(head.length + n);
  out.set(head, 0);
  out.set(data, head.length);
  return out;
}

/** Decode exactly one APDU from `bytes`; `null` if the length field disagrees with the size. */
export function decodeApdu(bytes: Uint8Array): Apdu | null {
  const r = readApdu(bytes, 0);
  if (!r || r.end !== bytes.length) return null;
  return r.apdu;
}

function readApdu(buf: Uint8Array, start: number): { apdu: Apdu; end: number } | null {
  const avail = buf.length - start;
  if (avail < 3) return null;
  let len = buf[start + 2] ?? 0;
  let head = 3;
  if (len === 0xff) {
    if (avail < 5) return null;
    len = (buf[start + 3] ?? 0) | ((buf[start + 4] ?? 0) << 8);
    head = 5;
  }
  if (avail < head + len) return null;
  const data = buf.slice(start + head, start + head + len);
  return { apdu: { cls: buf[start] ?? 0, instr: buf[start + 1] ?? 0, data }, end: start + head + len };
}

/**
 * Incremental splitter for the TCP byte stream (bare APDUs back to back). One chunk may hold
 * part of one APDU or several. Bare TCP has no resync point: after a reconnect call `reset()`.
 */
export class ApduSplitter {
  private buf: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): Apdu[] {
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf, 0);
    merged.set(chunk, this.buf.length);
    const out: Apdu[] = [];
    let pos = 0;
    for (;;) {
      const r = readApdu(merged, pos);
      if (!r) break;
      out.push(r.apdu);
      pos = r.end;
    }
    this.buf = merged.slice(pos);
    return out;
  }

  /** Bytes held for an incomplete APDU. */
  get pending(): number {
    return this.buf.length;
  }

  reset(): void {
    this.buf = new Uint8Array(0);
  }
}

export function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

/** Parse `"10 02 06"` (spaces optional) into bytes; used by tests and the simulator. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/[^0-9a-fA-F]/g, '');
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A short tag such as `06 01` used in logs and tests. */
export function apduName(a: Apdu): string {
  return hex([a.cls, a.instr]);
}
