import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apdu, encodeApdu, fromHex, hex } from './apdu.ts';
import { authorization, endOfDay, ecrAbort, promptForStatus, reasonForResultCode, registration, repeatReceipt, reversal, statusEnquiry } from './messages.ts';
import { printLineText, textBlockLines } from './print.ts';

describe('commands', () => {
  it('registration matches the worked frame content (config B6, EUR, service byte 01)', () => {
    expect(hex(encodeApdu(registration({ password: '000000', configByte: 0xb6, currencyCode: 978, serviceByte: 0x01 })))).toBe('06 00 08 00 00 00 B6 09 78 03 01');
  });
  it('registration with our default config byte 0E', () => {
    expect(hex(encodeApdu(registration({ password: '123456', configByte: 0x0e, currencyCode: 978 })))).toBe('06 00 06 12 34 56 0E 09 78');
  });
  it('authorization €10.00 matches the worked frame content', () => {
    expect(hex(encodeApdu(authorization({ amountMinor: 1000 })))).toBe('06 01 07 04 00 00 00 00 10 00');
  });
  it('authorization with currency adds BMP 49', () => {
    expect(hex(encodeApdu(authorization({ amountMinor: 1234, currencyCode: 978 })))).toBe('06 01 0A 04 00 00 00 00 12 34 49 09 78');
  });
  it.each([
    ['reversal', reversal({ password: '000000', receiptNo: 42 }), '06 30 06 00 00 00 87 00 42'],
    ['end of day', endOfDay('000000'), '06 50 03 00 00 00'],
    ['repeat receipt', repeatReceipt('000000'), '06 20 03 00 00 00'],
    ['status enquiry', statusEnquiry('000000'), '05 01 03 00 00 00'],
    ['abort from the ECR', ecrAbort(), '06 B0 00'],
  ])('%s', (_n, a, want) => {
    expect(hex(encodeApdu(a))).toBe(want);
  });
});

describe('intermediate status → prompt', () => {
  it.each([
    [0x0a, 'insertCard'],
    [0x0e, 'pleaseWait'],
    [0x17, 'pleaseWait'],
    [0x15, 'wrongPin'],
    [0x1d, 'declined'],
    [0x01, 'enterPin'],
    [0x0b, 'removeCard'],
    [0x77, 'processing'],
  ] as const)('%i → %s', (status, prompt) => {
    expect(promptForStatus(status)).toBe(prompt);
  });
});

describe('result code → decline reason', () => {
  it.each([
    [0x05, 'declined'],
    [0x64, 'cardUnreadable'],
    [0x6c, 'aborted'],
    [0x78, 'cardExpired'],
    [0x7a, 'cardUnknown'],
    [0xc3, 'amountTooHigh'],
    [0x33, 'declined'],
    [0x77, 'declined'],
    [0x9a, 'terminalError'],
    [0xff, 'terminalError'],
    [undefined, 'terminalError'],
  ] as const)('%s → %s', (code, reason) => {
    expect(reasonForResultCode(code)).toBe(reason);
  });
});

describe('receipt text', () => {
  it('reads a 06 D1 print line without its attribute byte', () => {
    expect(printLineText(apdu(0x06, 0xd1, fromHex('00 4B 61 72 74 65 20 20')), 'cp437')).toBe('Karte');
  });
  it('reads the 07 lines of a 06 D3 text block', () => {
    const block = fromHex('06 0C 25 0A 07 03 41 42 43 07 03 44 45 46');
    expect(textBlockLines(apdu(0x06, 0xd3, block), 'cp437')).toEqual(['ABC', 'DEF']);
  });
  it('fuzz: text blocks never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(Array.isArray(textBlockLines(apdu(0x06, 0xd3, b), 'utf8'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
