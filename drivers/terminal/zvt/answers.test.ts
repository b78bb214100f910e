import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from './apdu.ts';
import {
  approvedFrom,
  decodeEndOfDay,
  decodeRepeatReceipt,
  decodeReversal,
  parseStatusCompletion,
  paymentFromCompletion,
  terminalReference,
} from './answers.ts';
import { decodeFields, encodeFields, type BmpField } from './bmp.ts';

const request = { amountMinor: 1234, currency: 'EUR', reference: 'pay-1' };
const approvedInfo: BmpField[] = [
  { kind: 'resultCode', bmp: 0x27, resultCode: 0 },
  { kind: 'amount', bmp: 0x04, amountMinor: 1250 },
  { kind: 'trace', bmp: 0x0b, trace: 101 },
  { kind: 'pan', bmp: 0x22, maskedPan: '672559******1234' },
  { kind: 'receiptNo', bmp: 0x87, receiptNo: 42 },
  { kind: 'cardName', bmp: 0x8b, cardName: 'girocard' },
];

describe('terminal reference', () => {
  it('receipt number first, then trace, else none', () => {
    expect(terminalReference({ receiptNo: 42, trace: 7 })).toBe('receipt:0042');
    expect(terminalReference({ trace: 101 })).toBe('trace:000101');
    expect(terminalReference({})).toBeUndefined();
  });
});

describe('approval from a status information', () => {
  it('takes amount, reference, PAN and card name from the fields', () => {
    expect(approvedFrom(approvedInfo, request, ['Beleg'])).toEqual({
      status: 'approved',
      amountMinor: 1250,
      reference: 'receipt:0042',
      resultCode: '00',
      maskedPan: '672559******1234',
      cardName: 'girocard',
      receiptLines: ['Beleg'],
    });
  });
  it('falls back to the requested amount and our own reference', () => {
    expect(approvedFrom([{ kind: 'resultCode', bmp: 0x27, resultCode: 0 }], request, [])).toEqual({
      status: 'approved',
      amountMinor: 1234,
      reference: 'ecr:pay-1',
      resultCode: '00',
    });
  });
});

describe('payment completion without status information', () => {
  it('a result code other than 00 declines', () => {
    expect(paymentFromCompletion(fromHex('27 05'), 'cp437', request, [])).toEqual({ declinedWith: 0x05 });
  });
  it('no result code, or 00: approved from the completion fields', () => {
    expect(paymentFromCompletion(new Uint8Array(0), 'cp437', request, [])).toMatchObject({ approved: { reference: 'ecr:pay-1', amountMinor: 1234 } });
    expect(paymentFromCompletion(encodeFields(approvedInfo), 'cp437', request, [])).toMatchObject({ approved: { reference: 'receipt:0042', amountMinor: 1250 } });
  });
});

describe('status enquiry completions (reference §4.8 shapes)', () => {
  it('BMP fields', () => {
    expect(parseStatusCompletion(fromHex('27 00 29 52 50 01 23'), 'cp437')).toMatchObject({ terminalStatus: 0, terminalId: '52500123', rawRest: '' });
  });
  it('bare status byte 9C', () => {
    expect(parseStatusCompletion(fromHex('9C'), 'cp437')).toMatchObject({ terminalStatus: 0x9c, fields: [] });
  });
  it('version string, status byte and TLV', () => {
    expect(parseStatusCompletion(fromHex('47 56 20 31 2E 32 00 06 02 10 01'), 'cp437')).toMatchObject({ softwareVersion: 'GV 1.2', terminalStatus: 0, rawRest: '06 02 10 01' });
  });
});

describe('reversal, end of day, repeat receipt', () => {
  it('reversal: refused with the result code, or the reversed transaction', () => {
    const refused = decodeReversal([[{ kind: 'resultCode', bmp: 0x27, resultCode: 0xb5 }]], new Uint8Array(0), 'cp437', 42, []);
    expect(refused).toMatchObject({ ok: false, error: { code: 'device', detail: { resultCode: 'B5' } } });
    expect(decodeReversal([approvedInfo], new Uint8Array(0), 'cp437', 7, ['x'])).toEqual({
      ok: true,
      value: { receiptNo: 42, resultCode: '00', receiptLines: ['x'], amountMinor: 1250, trace: 101 },
    });
    expect(decodeReversal([], new Uint8Array(0), 'cp437', 7, [])).toMatchObject({ ok: true, value: { receiptNo: 7 } });
  });
  it("end of day: the completion's own result wins over the status information", () => {
    const info: BmpField[][] = [[{ kind: 'resultCode', bmp: 0x27, resultCode: 0 }, { kind: 'amount', bmp: 0x04, amountMinor: 99_00 }]];
    expect(decodeEndOfDay(info, fromHex('27 E0'), 'cp437', [])).toEqual({ resultCode: 'E0', totalMinor: 99_00, receiptLines: [] });
    expect(decodeEndOfDay(info, new Uint8Array(0), 'cp437', [])).toMatchObject({ resultCode: '00' });
  });
  it('repeat receipt: the last transaction from its status information', () => {
    expect(decodeRepeatReceipt([], ['a'])).toEqual({ receiptLines: ['a'] });
    expect(decodeRepeatReceipt([approvedInfo], [])).toEqual({
      receiptLines: [],
      lastTransaction: { amountMinor: 1250, receiptNo: 42, trace: 101, resultCode: '00', maskedPan: '672559******1234' },
    });
  });
});

describe('answers from arbitrary bytes (property)', () => {
  const bytes = fc.uint8Array({ maxLength: 200 });
  const encoding = fc.constantFrom('cp437' as const, 'latin1' as const, 'utf8' as const);
  it('no decoder throws, and each result keeps its shape', () => {
    fc.assert(
      fc.property(bytes, fc.array(bytes, { maxLength: 3 }), encoding, fc.integer({ min: 0, max: 9999 }), (data, infos, enc, receiptNo) => {
        const statusInfos = infos.map((b) => decodeFields(b, enc).fields);
        const status = parseStatusCompletion(data, enc);
        expect(typeof status.rawRest).toBe('string');
        const pay = paymentFromCompletion(data, enc, request, []);
        if ('approved' in pay) expect(pay.approved.reference).toMatch(/^(receipt:\d{4,}|trace:\d{6,}|ecr:pay-1)$/);
        else expect(pay.declinedWith).not.toBe(0);
        const rev = decodeReversal(statusInfos, data, enc, receiptNo, []);
        if (rev.ok) expect(rev.value.resultCode).toBe('00');
        else expect(rev.error.code).toBe('device');
        expect(decodeEndOfDay(statusInfos, data, enc, []).resultCode).toMatch(/^[0-9A-F]{2}$/);
        const last = decodeRepeatReceipt(statusInfos, []).lastTransaction;
        if (last?.resultCode !== undefined) expect(last.resultCode).toMatch(/^[0-9A-F]{2}$/);
        approvedFrom(statusInfos.flat(), request, []);
      }),
      { numRuns: 1000 },
    );
  });
});
