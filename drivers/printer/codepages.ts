/**
 * Single-byte character tables for ESC/POS text (pure).
 *
 * The Unicode tables come from @point-of-sale/codepage-encoder (data only). The `ESC t n`
 * numbers are per printer model and live in configuration (`PrinterConfig.codePages`);
 * `EPSON_CODE_PAGES` holds the Epson numbers from the ESC/POS "ESC t — select character
 * code table" list: 0 PC437, 2 PC850, 16 WPC1252, 17 PC866 (Cyrillic #2), 18 PC852,
 * 19 PC858 (Euro), 45 WPC1250, 46 WPC1251.
 */
import CodepageEncoder from '@point-of-sale/codepage-encoder';
import { z } from 'zod';

export const CodePageName = z.enum(['cp437', 'cp850', 'cp852', 'cp858', 'cp866', 'windows1250', 'windows1251', 'windows1252']);
export type CodePageName = z.infer<typeof CodePageName>;

export const EPSON_CODE_PAGES: Readonly<Partial<Record<CodePageName, number>>> = {
  cp437: 0,
  cp850: 2,
  windows1252: 16,
  cp866: 17,
  cp852: 18,
  cp858: 19,
  windows1250: 45,
  windows1251: 46,
};

export interface CodePageTable {
  readonly name: CodePageName;
  /** Unicode code point → byte (0x20..0xFF; control bytes are never produced). */
  readonly encodeMap: ReadonlyMap<number, number>;
  /** Byte → Unicode code point, or undefined where the table has no character. */
  readonly decodeTable: readonly (number | undefined)[];
}

const tables = new Map<CodePageName, CodePageTable>();

export function codePageTable(name: CodePageName): CodePageTable {
  const cached = tables.get(name);
  if (cached) return cached;
  const points = CodepageEncoder.getCodepoints(name, true);
  const encodeMap = new Map<number, number>();
  const decodeTable: (number | undefined)[] = [];
  for (let byte = 0; byte < 256; byte++) {
    const cp = points[byte];
    const usable = byte >= 0x20 && byte !== 0x7f && cp !== undefined && cp !== null && cp !== 0xfffd && cp >= 0x20;
    decodeTable.push(usable ? cp : undefined);
    // First byte wins when a table maps one character twice.
    if (usable && !encodeMap.has(cp)) encodeMap.set(cp, byte);
  }
  const table: CodePageTable = { name, encodeMap, decodeTable };
  tables.set(name, table);
  return table;
}

/** Bytes for `text` in `page`, or null when any character has no byte there. */
export function encodeIn(page: CodePageName, text: string): Uint8Array | null {
  const { encodeMap } = codePageTable(page);
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    const b = cp === undefined ? undefined : encodeMap.get(cp);
    if (b === undefined) return null;
    out.push(b);
  }
  return Uint8Array.from(out);
}

/** Unicode text for bytes in `page`; bytes with no character decode to U+FFFD. Never throws. */
export function decodeIn(page: CodePageName, bytes: Uint8Array): string {
  const { decodeTable } = codePageTable(page);
  let s = '';
  for (const b of bytes) {
    const cp = decodeTable[b];
    s += cp === undefined ? '\uFFFD' : String.fromCodePoint(cp);
  }
  return s;
}
