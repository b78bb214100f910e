import { describe, expect, it } from 'vitest';
import { PrinterConfig } from './config.ts';

describe('PrinterConfig', () => {
  it('fills Epson code pages, language preferences, width 48 and a 500 ms status timeout', () => {
    const c = PrinterConfig.parse({ protocol: 'escpos', transport: { kind: 'tcp', host: '192.168.1.50', port: 9100 } });
    expect(c.codePages).toMatchObject({ cp437: 0, windows1252: 16, cp866: 17, cp858: 19, windows1251: 46 });
    expect(c.preferredCodePages.de).toEqual(['cp858', 'windows1252']);
    expect(c.preferredCodePages.ru).toEqual(['cp866', 'windows1251']);
    expect(c.width).toBe(48);
    expect(c.statusTimeoutMs).toBe(500);
  });

  it('accepts a serial 58 mm printer with its own code page numbers', () => {
    const c = PrinterConfig.parse({
      protocol: 'escpos',
      transport: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 38400 },
      width: 32,
      codePages: { cp437: 0, cp866: 17, windows1251: 46 },
      preferredCodePages: { ru: ['windows1251'] },
    });
    expect(c.transport).toMatchObject({ kind: 'serial', baudRate: 38400, parity: 'none' });
    expect(c.width).toBe(32);
  });

  it.each([
    ['another protocol', { protocol: 'star', transport: { kind: 'tcp', port: 9100 } }],
    ['a width that is not 48 or 32', { protocol: 'escpos', transport: { kind: 'tcp', port: 9100 }, width: 40 }],
    ['an unknown code page', { protocol: 'escpos', transport: { kind: 'tcp', port: 9100 }, codePages: { cp999: 3 } }],
    ['a code page number above 255', { protocol: 'escpos', transport: { kind: 'tcp', port: 9100 }, codePages: { cp858: 300 } }],
    ['a zero status timeout', { protocol: 'escpos', transport: { kind: 'tcp', port: 9100 }, statusTimeoutMs: 0 }],
    ['no transport', { protocol: 'escpos' }],
  ])('rejects %s', (_name, input) => {
    expect(PrinterConfig.safeParse(input).success).toBe(false);
  });
});
