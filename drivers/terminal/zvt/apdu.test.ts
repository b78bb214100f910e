import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApduSplitter, apdu, decodeApdu, encodeApdu, fromHex, hex } from './apdu.ts';

describe('encodeApdu', () => {
  it('writes CLASS INSTR LEN data for short data (authorization €10.00)', () => {
    expect(hex(encodeApdu(apdu(0x06, 0x01, fromHex('04 00 00 00 00 10 00'))))).toBe('06 01 07 04 00 00 00 00 10 00');
  });
  it('writes the ACK APDU as 80 00 00', () => {
    expect(hex(encodeApdu(apdu(0x80, 0x00)))).toBe('80 00 00');
  });
  it('uses FF lo hi for 255 bytes and more (little-endian, FF 2D 04 = 1069)', () => {
    const e = encodeApdu(apdu(0x06, 0xd3, new Uint8Array(1069)));
    expect(hex(e.subarray(0, 5))).toBe('06 D3 FF 2D 04');
    expect(e.length).toBe(5 + 1069);
    expect(hex(encodeApdu(apdu(0x06, 0xd3, new Uint8Array(255))).subarray(0, 5))).toBe('06 D3 FF FF 00');
  });
  it('keeps 254 bytes in the one-byte form', () => {
    expect(encodeApdu(apdu(1, 2, new Uint8Array(254)))[2]).toBe(254);
  });
});

describe('decodeApdu', () => {
  it.each([
    ['06 0F 01 9C', { cls: 0x06, instr: 0x0f, data: '9C' }],
    ['80 00 00', { cls: 0x80, instr: 0x00, data: '' }],
    ['80 00 FF 02 00 AA BB', { cls: 0x80, instr: 0x00, data: 'AA BB' }],
  ])('decodes %s', (bytes, want) => {
    const a = decodeApdu(fromHex(bytes));
    expect(a && { cls: a.cls, instr: a.instr, data: hex(a.data) }).toEqual(want);
  });
  it.each([
    ['', 'empty'],
    ['06', 'one byte'],
    ['06 01', 'no length'],
    ['06 01 03 00', 'short data'],
    ['06 01 00 00', 'trailing byte'],
    ['06 01 FF 01', 'half extended length'],
  ])('refuses %s (%s)', (bytes) => {
    expect(decodeApdu(fromHex(bytes))).toBeNull();
  });
});

describe('ApduSplitter', () => {
  const stream = fromHex('80 00 00  04 FF 01 0A  06 D1 04 00 41 42 43  06 D3 FF 03 00 01 02 03  06 0F 00');
  const whole = new ApduSplitter().push(stream).map((a) => hex(encodeApdu(a)));

  it('splits several APDUs in one chunk', () => {
    expect(whole).toEqual(['80 00 00', '04 FF 01 0A', '06 D1 04 00 41 42 43', '06 D3 03 01 02 03', '06 0F 00']);
  });

  it('gives the same APDUs for a split at every position', () => {
    for (let i = 0; i <= stream.length; i++) {
      const s = new ApduSplitter();
      const got = [...s.push(stream.subarray(0, i)), ...s.push(stream.subarray(i))].map((a) => hex(encodeApdu(a)));
      expect(got, `split at ${i}`).toEqual(whole);
      expect(s.pending).toBe(0);
    }
  });

  it('gives the same APDUs fed one byte at a time', () => {
    const s = new ApduSplitter();
    const got = [...stream].flatMap((b) => s.push(Uint8Array.of(b))).map((a) => hex(encodeApdu(a)));
    expect(got).toEqual(whole);
  });

  it('holds an incomplete APDU until reset', () => {
    const s = new ApduSplitter();
    expect(s.push(fromHex('06 D1 05 00'))).toEqual([]);
    expect(s.pending).toBe(4);
    s.reset();
    expect(s.push(fromHex('80 00 00')).length).toBe(1);
  });

  it('fuzz: never throws, and every APDU re-encodes to the bytes it came from', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (chunks) => {
        const s = new ApduSplitter();
        const all = chunks.flatMap((c) => s.push(c));
        const input = Uint8Array.from(chunks.flatMap((c) => [...c]));
        const re = Uint8Array.from(all.flatMap((a) => [...encodeApdu(a)]));
        // Encoding may choose the short length form where the input used FF; compare content.
        expect(re.length + s.pending).toBeLessThanOrEqual(input.length);
        for (const a of all) expect(a.data.length).toBeLessThanOrEqual(0xffff);
      }),
      { numRuns: 500 },
    );
  });

  it('fuzz: encode → split round-trips any APDU list', () => {
    const arbApdu = fc.record({ cls: fc.integer({ min: 0, max: 255 }), instr: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 600 }) });
    fc.assert(
      fc.property(fc.array(arbApdu, { maxLength: 5 }), fc.integer({ min: 1, max: 50 }), (list, step) => {
        const bytes = Uint8Array.from(list.flatMap((a) => [...encodeApdu(a)]));
        const s = new ApduSplitter();
        const out = [];
        for (let i = 0; i < bytes.length; i += step) out.push(...s.push(bytes.subarray(i, i + step)));
        expect(out.map((a) => [a.cls, a.instr, hex(a.data)])).toEqual(list.map((a) => [a.cls, a.instr, hex(a.data)]));
      }),
      { numRuns: 300 },
    );
  });
});
