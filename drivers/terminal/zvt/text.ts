/**
 * Text on the ZVT wire. The spec says code page 437; real terminals also send Latin-1 and
 * UTF-8 (device-protocols.md §4.8), so the encoding is configuration. Decoding never throws:
 * bytes with no meaning become U+FFFD (UTF-8) or are mapped one-to-one (CP437, Latin-1).
 */
export type TextEncoding = 'cp437' | 'latin1' | 'utf8';

/** CP437 0x80–0xFF (IBM PC code page table). */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const CP437_REVERSE = new Map<string, number>([...CP437_HIGH].map((ch, i) => [ch, 0x80 + i]));

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** Control bytes (C0 and DEL) carry printer attributes on some terminals; they are dropped. */
function isControl(b: number): boolean {
  return b < 0x20 || b === 0x7f;
}

export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'utf8') {
    return [...utf8Decoder.decode(bytes)].filter((ch) => !isControl(ch.codePointAt(0) ?? 0)).join('');
  }
  let out = '';
  for (const b of bytes) {
    if (isControl(b)) continue;
    if (b < 0x80) out += String.fromCharCode(b);
    else if (encoding === 'latin1') out += String.fromCharCode(b);
    else out += CP437_HIGH[b - 0x80] ?? '\ufffd';
  }
  return out;
}

/** Encode text for the wire (simulator, TLV text). Characters the code page lacks become `?`. */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === 'utf8') return new TextEncoder().encode(text);
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    if (cp < 0x80) out.push(cp);
    else if (encoding === 'latin1') out.push(cp <= 0xff ? cp : 0x3f);
    else out.push(CP437_REVERSE.get(ch) ?? 0x3f);
  }
  return Uint8Array.from(out);
}
