/**
 * Receipt text the terminal asks the ECR to print: `06 D1` print line (attribute byte +
 * text) and `06 D3` text block (a TLV container whose primitive tag `07` values are lines).
 * Pure and total: malformed input yields fewer lines, never an exception.
 */
import type { Apdu } from './apdu.ts';
import { decodeText, type TextEncoding } from './text.ts';

export function printLineText(a: Apdu, encoding: TextEncoding): string {
  return decodeText(a.data.subarray(1), encoding).trimEnd();
}

interface Tlv {
  tag: number;
  constructed: boolean;
  value: Uint8Array;
}

function readTlvs(buf: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const first = buf[pos] ?? 0;
    const constructed = (first & 0x20) !== 0;
    let tag = first;
    pos++;
    if ((first & 0x1f) === 0x1f) {
      // multi-byte tag: continue while the high bit is set (at most 3 more bytes)
      for (let i = 0; i < 3 && pos < buf.length; i++) {
        const b = buf[pos] ?? 0;
        tag = (tag << 8) | b;
        pos++;
        if ((b & 0x80) === 0) break;
      }
    }
    const l0 = buf[pos];
    if (l0 === undefined) break;
    let len = l0;
    pos++;
    if (l0 === 0x81) {
      len = buf[pos] ?? 0;
      pos++;
    } else if (l0 === 0x82) {
      len = ((buf[pos] ?? 0) << 8) | (buf[pos + 1] ?? 0);
      pos += 2;
    } else if (l0 > 0x82) break;
    if (pos + len > buf.length) break;
    out.push({ tag, constructed, value: buf.subarray(pos, pos + len) });
    pos += len;
  }
  return out;
}

/** All tag-`07` text lines in a TLV byte string, depth-first, in order. */
export function tlvTextLines(tlv: Uint8Array, encoding: TextEncoding, depth = 0): string[] {
  const lines: string[] = [];
  if (depth > 8) return lines;
  for (const t of readTlvs(tlv)) {
    if (t.constructed) lines.push(...tlvTextLines(t.value, encoding, depth + 1));
    else if (t.tag === 0x07) lines.push(decodeText(t.value, encoding).trimEnd());
  }
  return lines;
}

/** Lines of a `06 D3` text block: data is BMP `06` (BER length) holding the TLV list. */
export function textBlockLines(a: Apdu, encoding: TextEncoding): string[] {
  const lines: string[] = [];
  for (const t of readTlvs(a.data)) {
    if (t.tag === 0x06 || t.constructed) lines.push(...tlvTextLines(t.value, encoding));
    else if (t.tag === 0x07) lines.push(decodeText(t.value, encoding).trimEnd());
  }
  return lines;
}
