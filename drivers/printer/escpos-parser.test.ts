import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EscPosCommand, EscPosParser, MAX_RASTER_HEIGHT, MAX_RASTER_WIDTH_BYTES } from './escpos-parser.ts';

const parse = (bytes: number[]): EscPosCommand[] => new EscPosParser().push(Uint8Array.from(bytes));
const types = (cmds: EscPosCommand[]): string[] => cmds.map((c) => c.type);

/** Commands with adjacent text runs merged (text may be split at chunk borders). */
function normalise(cmds: EscPosCommand[]): unknown[] {
  const out: unknown[] = [];
  for (const c of cmds) {
    const last = out[out.length - 1] as { type: string; bytes: number[] } | undefined;
    if (c.type === 'text' && last?.type === 'text') last.bytes.push(...c.bytes);
    else if (c.type === 'text') out.push({ type: 'text', bytes: [...c.bytes] });
    else out.push(JSON.parse(JSON.stringify(c, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v))));
  }
  return out;
}

describe('EscPosParser', () => {
  it('decodes the commands the encoder uses', () => {
    const cmds = parse([0x1b, 0x40, 0x1b, 0x74, 19, 0x1b, 0x61, 1, 0x1b, 0x45, 1, 0x1d, 0x21, 0x11, 0x41, 0x42, 0x0a, 0x1b, 0x64, 2, 0x1d, 0x56, 0x42, 3]);
    expect(cmds).toEqual([
      { type: 'init' },
      { type: 'codePage', n: 19 },
      { type: 'align', n: 1 },
      { type: 'bold', on: true },
      { type: 'size', n: 0x11 },
      { type: 'text', bytes: Uint8Array.of(0x41, 0x42) },
      { type: 'lf' },
      { type: 'feed', lines: 2 },
      { type: 'cut', m: 0x42, n: 3 },
    ]);
  });

  it('decodes raster images, barcodes (both forms), QR store/print and real-time commands', () => {
    expect(parse([0x1d, 0x76, 0x30, 0, 1, 0, 2, 0, 0xaa, 0x55])).toEqual([{ type: 'raster', mode: 0, image: { widthBytes: 1, height: 2, data: Uint8Array.of(0xaa, 0x55) } }]);
    expect(parse([0x1d, 0x6b, 67, 2, 0x34, 0x30])).toEqual([{ type: 'barcode', m: 67, data: Uint8Array.of(0x34, 0x30) }]);
    expect(parse([0x1d, 0x6b, 2, 0x34, 0x30, 0x00])).toEqual([{ type: 'barcode', m: 2, data: Uint8Array.of(0x34, 0x30) }]);
    expect(types(parse([0x1d, 0x28, 0x6b, 0x05, 0x00, 0x31, 0x50, 0x30, 0x41, 0x42, 0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]))).toEqual(['qrStore', 'qrPrint']);
    expect(parse([0x10, 0x04, 0x04, 0x10, 0x05, 0x02, 0x1d, 0x61, 0x0f])).toEqual([
      { type: 'statusQuery', n: 4 },
      { type: 'recover', n: 2 },
      { type: 'asb', n: 0x0f },
    ]);
  });

  it('skips unknown ESC/GS commands as two bytes and lone control bytes as one, never stalling', () => {
    expect(types(parse([0x1b, 0x99, 0x41, 0x0d, 0x07, 0x10, 0x99, 0x42]))).toEqual(['other', 'text', 'other', 'other', 'unknown', 'text']);
  });

  it('rejects a raster header with an absurd size instead of swallowing the stream', () => {
    const w = MAX_RASTER_WIDTH_BYTES + 1;
    const cmds = parse([0x1d, 0x76, 0x30, 0, w & 0xff, w >> 8, 1, 0, 0x41, 0x0a]);
    expect(cmds[0]).toEqual({ type: 'unknown', byte: 0x1d });
    expect(types(cmds)).toContain('lf');
    const h = MAX_RASTER_HEIGHT + 1;
    expect(parse([0x1d, 0x76, 0x30, 0, 1, 0, h & 0xff, h >> 8])[0]).toEqual({ type: 'unknown', byte: 0x1d });
  });

  it('skips GS 8 L graphics data by its 4-byte length', () => {
    expect(types(parse([0x1d, 0x38, 0x4c, 2, 0, 0, 0, 0x0a, 0x0a, 0x41]))).toEqual(['other', 'text']);
  });

  it('waits for the rest of a command split across chunks', () => {
    const p = new EscPosParser();
    expect(p.push(Uint8Array.of(0x1d, 0x76, 0x30, 0, 1))).toEqual([]);
    expect(p.push(Uint8Array.of(0, 1, 0))).toEqual([]);
    expect(p.push(Uint8Array.of(0xff, 0x0a))).toEqual([{ type: 'raster', mode: 0, image: { widthBytes: 1, height: 1, data: Uint8Array.of(0xff) } }, { type: 'lf' }]);
    expect(p.buffered).toBe(0);
  });

  it('fuzz: never throws, always makes progress, and split positions do not change the commands', () => {
    const interesting = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x1b, 0x1d, 0x10, 0x1c, 0x0a, 0x76, 0x30, 0x6b, 0x28, 0x04, 0x00),
    );
    fc.assert(
      fc.property(fc.array(interesting, { maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 6 }), (arr, cuts) => {
        const bytes = Uint8Array.from(arr);
        const whole = new EscPosParser();
        const all = whole.push(bytes);
        // Everything not held for an incomplete command was turned into commands.
        expect(whole.buffered).toBeLessThanOrEqual(bytes.length);
        const split = new EscPosParser();
        const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        let prev = 0;
        const parts: EscPosCommand[] = [];
        for (const p of [...points, bytes.length]) {
          parts.push(...split.push(bytes.slice(prev, p)));
          prev = p;
        }
        expect(normalise(parts)).toEqual(normalise(all));
        expect(split.buffered).toBe(whole.buffered);
      }),
      { numRuns: 500 },
    );
  });
});
