import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from './apdu.ts';
import { decodeFields, encodeFields, maskPan, toBcd, type BmpField } from './bmp.ts';
import { decodeText, encodeText } from './text.ts';

describe('decodeFields', () => {
  it('decodes a full status information (04 0F) field list', () => {
    const bytes = fromHex(
      '27 00  04 00 00 00 00 10 00  0B 00 01 23  0C 10 30 59  0D 01 15  0E 28 12  19 40  22 F0 F8 67 25 59 EE EE EE 12 34 ' +
        '29 52 50 01 23  3B 31 32 33 34 35 36 20 20  49 09 78  87 00 42  88 00 00 07  8A 05  8B F0 F8 67 69 72 6F 63 61 72 64',
    );
    const { fields, rest } = decodeFields(bytes);
    expect(rest.length).toBe(0);
    expect(fields).toEqual([
      { kind: 'resultCode', bmp: 0x27, resultCode: 0 },
      { kind: 'amount', bmp: 0x04, amountMinor: 1000 },
      { kind: 'trace', bmp: 0x0b, trace: 123 },
      { kind: 'time', bmp: 0x0c, hhmmss: '103059' },
      { kind: 'date', bmp: 0x0d, mmdd: '0115' },
      { kind: 'expiry', bmp: 0x0e, yymm: '2812' },
      { kind: 'paymentType', bmp: 0x19, paymentType: 0x40 },
      { kind: 'pan', bmp: 0x22, maskedPan: '************1234' },
      { kind: 'terminalId', bmp: 0x29, terminalId: '52500123' },
      { kind: 'aid', bmp: 0x3b, aid: '123456' },
      { kind: 'currency', bmp: 0x49, currencyCode: 978 },
      { kind: 'receiptNo', bmp: 0x87, receiptNo: 42 },
      { kind: 'turnover', bmp: 0x88, turnover: 7 },
      { kind: 'cardType', bmp: 0x8a, cardType: 5 },
      { kind: 'cardName', bmp: 0x8b, cardName: 'girocard' },
    ]);
  });

  it('decodes 3C text with an LLL length', () => {
    expect(decodeFields(fromHex('3C F0 F0 F3 41 42 43')).fields).toEqual([{ kind: 'text', bmp: 0x3c, text: 'ABC' }]);
  });

  it('keeps a 06 TLV container raw and goes on (BER length 81 xx)', () => {
    const { fields, rest } = decodeFields(fromHex('06 81 02 1F 10  27 00'));
    expect(fields.map((f) => f.kind)).toEqual(['tlv', 'resultCode']);
    expect(rest.length).toBe(0);
  });

  it('masks an unmasked card number down to its last four digits', () => {
    expect(decodeFields(fromHex('22 F0 F4 12 34 56 78')).fields).toEqual([{ kind: 'pan', bmp: 0x22, maskedPan: '****5678' }]);
    expect(maskPan('4111111111111111')).toBe('************1111');
  });

  it.each([
    ['bare status byte 9C (status enquiry)', '9C', 0, '9C'],
    ['a version string', '47 56 31 2E 30 00', 0, '47 56 31 2E 30 00'],
    ['an unknown BMP after a known one', '27 00 FE 01 02', 1, 'FE 01 02'],
    ['a cut amount', '04 00 00 10', 0, '04 00 00 10'],
    ['an amount with a non-BCD nibble', '04 00 00 00 00 1A 00', 0, '04 00 00 00 00 1A 00'],
    ['an LL length that is not Fx Fy', '22 12 34 56', 0, '22 12 34 56'],
    ['an LL length longer than the data', '8B F0 F9 41', 0, '8B F0 F9 41'],
    ['a TLV with an unsupported BER length', '06 83 00 00 01 00', 0, '06 83 00 00 01 00'],
    ['end-of-day result code E0', '27 E0', 1, ''],
  ])('stops at %s and keeps the rest raw', (_n, bytes, nFields, rest) => {
    const r = decodeFields(fromHex(bytes));
    expect(r.fields.length).toBe(nFields);
    expect(hex(r.rest)).toBe(rest);
  });

  it('fuzz: never throws; parsed fields plus rest account for every byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('cp437' as const, 'latin1' as const, 'utf8' as const), (bytes, enc) => {
        const { fields, rest } = decodeFields(bytes, enc);
        for (const f of fields) {
          if (f.kind === 'amount') expect(Number.isSafeInteger(f.amountMinor)).toBe(true);
          if (f.kind === 'pan') expect(f.maskedPan).toMatch(/^[*0-9]*$/);
        }
        expect(rest.length).toBeLessThanOrEqual(bytes.length);
        expect(hex(bytes).endsWith(hex(rest))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('fuzz: encode → decode round-trips typed fields', () => {
    const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
    const field: fc.Arbitrary<BmpField> = fc.oneof(
      fc.integer({ min: 0, max: 999_999_999_999 }).map((v): BmpField => ({ kind: 'amount', bmp: 0x04, amountMinor: v })),
      fc.integer({ min: 0, max: 999_999 }).map((v): BmpField => ({ kind: 'trace', bmp: 0x0b, trace: v })),
      digits(6).map((v): BmpField => ({ kind: 'time', bmp: 0x0c, hhmmss: v })),
      fc.integer({ min: 0, max: 255 }).map((v): BmpField => ({ kind: 'resultCode', bmp: 0x27, resultCode: v })),
      digits(8).map((v): BmpField => ({ kind: 'terminalId', bmp: 0x29, terminalId: v })),
      fc.integer({ min: 0, max: 9999 }).map((v): BmpField => ({ kind: 'receiptNo', bmp: 0x87, receiptNo: v })),
      fc.string({ unit: fc.constantFrom(...'ABCxyz 0123-äöüß'), maxLength: 99 }).map((v): BmpField => ({ kind: 'cardName', bmp: 0x8b, cardName: v })),
      fc.string({ unit: fc.constantFrom(...'ABC xyz'), maxLength: 300 }).map((v): BmpField => ({ kind: 'text', bmp: 0x3c, text: v })),
      fc.uint8Array({ maxLength: 300 }).map((v): BmpField => ({ kind: 'tlv', bmp: 0x06, raw: v })),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 6 }), (fields) => {
        const { fields: back, rest } = decodeFields(encodeFields(fields));
        expect(rest.length).toBe(0);
        expect(back).toEqual(fields);
      }),
      { numRuns: 500 },
    );
  });
});

describe('toBcd', () => {
  it('packs digits left-padded', () => {
    expect(hex(toBcd(1000, 6))).toBe('00 00 00 00 10 00');
    expect(hex(toBcd('978', 2))).toBe('09 78');
  });
});

describe('text encodings', () => {
  it('decodes CP437 umlauts and ß', () => {
    expect(decodeText(fromHex('84 94 81 E1'), 'cp437')).toBe('äöüß');
  });
  it('decodes Latin-1 and UTF-8', () => {
    expect(decodeText(fromHex('E4 F6 FC DF'), 'latin1')).toBe('äöüß');
    expect(decodeText(fromHex('C3 A4'), 'utf8')).toBe('ä');
  });
  it('never throws on broken UTF-8 and drops control bytes', () => {
    expect(decodeText(fromHex('41 C3 28 00 1B 42'), 'utf8')).toBe('A\ufffd(B');
  });
  it('encodes what CP437 lacks as ?', () => {
    expect(hex(encodeText('ä€', 'cp437'))).toBe('84 3F');
  });
  it('fuzz: decoding never throws in any encoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        for (const enc of ['cp437', 'latin1', 'utf8'] as const) expect(typeof decodeText(b, enc)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
