import { describe, expect, it } from 'vitest';
import { ReceiptDocument } from '../../contracts/index.ts';
import type { ReceiptDocument as Doc } from '../../contracts/index.ts';
import { EPSON_CODE_PAGES, decodeIn, encodeIn } from './codepages.ts';
import { type EncoderOptions, type Rasteriser, candidatePages, encodeReceipt } from './encoder.ts';
import { builtinLogo } from './raster.ts';

const hex = (b: Uint8Array | readonly number[]): string => Buffer.from(Uint8Array.from(b)).toString('hex').replace(/(..)(?!$)/g, '$1 ');
const ascii = (s: string): string => hex([...s].map((c) => c.charCodeAt(0)));

/** A rasteriser with a fixed 1×1-byte output, so raster golden bytes do not depend on fonts. */
const fakeRaster: Rasteriser = {
  text: () => ({ widthBytes: 1, height: 1, data: Uint8Array.of(0xaa) }),
  columns: () => ({ widthBytes: 1, height: 1, data: Uint8Array.of(0x55) }),
};

const opts: EncoderOptions = {
  codePages: EPSON_CODE_PAGES,
  preferredCodePages: { en: ['cp437'], de: ['cp858', 'windows1252'], ru: ['cp866', 'windows1251'], fa: [] },
  rasteriser: fakeRaster,
};

const doc = (language: Doc['language'], blocks: unknown[], width = 48): Doc => ReceiptDocument.parse({ transactionId: 't-1', language, width, blocks });

const INIT = '1b 40';
const CUT = '1d 56 42 03';

describe('encodeReceipt golden bytes', () => {
  it('starts with ESC @ and the language code page and ends with feed-and-cut', () => {
    expect(hex(encodeReceipt(doc('de', []), opts))).toBe(`${INIT} 1b 74 13 ${CUT}`);
    expect(hex(encodeReceipt(doc('ru', []), opts))).toBe(`${INIT} 1b 74 11 ${CUT}`);
    expect(hex(encodeReceipt(doc('en', []), opts))).toBe(`${INIT} 1b 74 00 ${CUT}`);
  });

  it('sets alignment, bold and double size only when they change, and resets them before the cut', () => {
    const bytes = encodeReceipt(doc('en', [{ kind: 'text', text: 'LANE', align: 'center', bold: true, size: 2 }, { kind: 'text', text: 'Hi' }]), opts);
    expect(hex(bytes)).toBe(
      [INIT, '1b 74 00', '1b 61 01', '1b 45 01', '1d 21 11', ascii('LANE'), '0a', '1b 61 00', '1b 45 00', '1d 21 00', ascii('Hi'), '0a', CUT].join(' '),
    );
  });

  it('pads columns to the paper width and draws the rule across it', () => {
    const bytes = encodeReceipt(doc('en', [{ kind: 'columns', left: 'Milk', right: '1.29' }, { kind: 'rule' }], 32), opts);
    expect(hex(bytes)).toBe([INIT, '1b 74 00', ascii(`Milk${' '.repeat(24)}1.29`), '0a', ascii('-'.repeat(32)), '0a', CUT].join(' '));
  });

  it('feeds with ESC d n', () => {
    expect(hex(encodeReceipt(doc('en', [{ kind: 'feed', lines: 3 }]), opts))).toBe(`${INIT} 1b 74 00 1b 64 03 ${CUT}`);
  });

  it('prints German umlauts, ß and the euro sign as CP858 bytes (ESC t 19)', () => {
    const bytes = encodeReceipt(doc('de', [{ kind: 'text', text: 'äöü ÄÖÜ ß €' }]), opts);
    // CP858: ä 84, ö 94, ü 81, Ä 8E, Ö 99, Ü 9A, ß E1, € D5
    expect(hex(bytes)).toBe(`${INIT} 1b 74 13 84 94 81 20 8e 99 9a 20 e1 20 d5 0a ${CUT}`);
  });

  it('prints Russian through CP866 (ESC t 17), or WPC1251 (ESC t 46) when that is preferred', () => {
    const ru = [{ kind: 'text', text: 'Итого Ёё' }];
    expect(hex(encodeReceipt(doc('ru', ru), opts))).toBe(`${INIT} 1b 74 11 88 e2 ae a3 ae 20 f0 f1 0a ${CUT}`);
    const wpc = { ...opts, preferredCodePages: { ru: ['windows1251' as const] } };
    expect(hex(encodeReceipt(doc('ru', ru), wpc))).toBe(`${INIT} 1b 74 2e c8 f2 ee e3 ee 20 a8 b8 0a ${CUT}`);
  });

  it('switches code page within a receipt when a line needs another one (euro on a CP866 receipt)', () => {
    const bytes = encodeReceipt(doc('ru', [{ kind: 'text', text: 'Сумма 5 €' }]), opts);
    // CP866 has no euro sign; WPC1251 has it at 0x88.
    expect(hex(bytes)).toBe(`${INIT} 1b 74 11 1b 74 2e d1 f3 ec ec e0 20 35 20 88 0a ${CUT}`);
  });

  it('rasterises a line no configured code page can encode (Persian) as GS v 0', () => {
    const bytes = encodeReceipt(doc('fa', [{ kind: 'text', text: 'رسید خرید' }, { kind: 'columns', left: 'شیر', right: '۱۲٬۵۰۰' }]), opts);
    expect(hex(bytes)).toBe(`${INIT} 1b 74 00 1d 76 30 00 01 00 01 00 aa 1d 76 30 00 01 00 01 00 55 ${CUT}`);
  });

  it('prints Code 128 (code set B, `{` doubled) and EAN-13 centred with HRI below', () => {
    const setup = '1b 61 01 1d 68 50 1d 77 02 1d 48 02';
    expect(hex(encodeReceipt(doc('en', [{ kind: 'barcode', data: 'A{1' }]), opts))).toBe(
      `${INIT} 1b 74 00 ${setup} 1d 6b 49 06 7b 42 41 7b 7b 31 1b 61 00 ${CUT}`,
    );
    expect(hex(encodeReceipt(doc('en', [{ kind: 'barcode', data: '4006381333931', symbology: 'ean13' }]), opts))).toBe(
      `${INIT} 1b 74 00 ${setup} 1d 6b 43 0d ${ascii('4006381333931')} 1b 61 00 ${CUT}`,
    );
  });

  it('prints the data as text when a barcode cannot be encoded in its symbology', () => {
    const bytes = encodeReceipt(doc('en', [{ kind: 'barcode', data: '12AB', symbology: 'ean13' }]), opts);
    expect(hex(bytes)).toBe(`${INIT} 1b 74 00 1b 61 01 ${ascii('[barcode:12AB]')} 0a 1b 61 00 ${CUT}`);
  });

  it('prints a QR code as model 2, module size 6, level M, store and print', () => {
    const bytes = encodeReceipt(doc('en', [{ kind: 'qr', data: 'AB' }]), opts);
    expect(hex(bytes)).toBe(
      [
        INIT,
        '1b 74 00 1b 61 01',
        '1d 28 6b 04 00 31 41 32 00',
        '1d 28 6b 03 00 31 43 06',
        '1d 28 6b 03 00 31 45 31',
        '1d 28 6b 05 00 31 50 30 41 42',
        '1d 28 6b 03 00 31 51 30',
        '1b 61 00',
        CUT,
      ].join(' '),
    );
  });

  it('prints the built-in logo centred as a 20-byte × 48-row raster', () => {
    const bytes = encodeReceipt(doc('en', [{ kind: 'logo' }]), opts);
    const head = `${INIT} 1b 74 00 1b 61 01 1d 76 30 00 14 00 30 00`;
    expect(hex(bytes.slice(0, 16))).toBe(head);
    expect(Buffer.from(bytes.slice(16, 16 + 960)).equals(Buffer.from(builtinLogo().data))).toBe(true);
    expect(hex(bytes.slice(16 + 960))).toBe(`1b 61 00 ${CUT}`);
  });

  it('replaces control characters in text by spaces and splits text at newlines', () => {
    const bytes = encodeReceipt(doc('en', [{ kind: 'text', text: 'a\u001bb\nc' }]), opts);
    expect(hex(bytes)).toBe(`${INIT} 1b 74 00 ${ascii('a b')} 0a ${ascii('c')} 0a ${CUT}`);
  });
});

describe('code pages', () => {
  it('round-trips every character a page encodes', () => {
    for (const page of ['cp437', 'cp858', 'cp866', 'windows1251', 'windows1252'] as const) {
      const text = 'Grüße € Привет Ёё';
      const bytes = encodeIn(page, text);
      if (bytes) expect(decodeIn(page, bytes)).toBe(text);
    }
    expect(encodeIn('cp858', 'Grüße €')).not.toBeNull();
    expect(encodeIn('cp866', 'Привет Ёё')).not.toBeNull();
    expect(encodeIn('cp866', '€')).toBeNull();
    expect(encodeIn('windows1251', 'سلام')).toBeNull();
  });

  it('decodes bytes a page has no character for to U+FFFD, never throws', () => {
    expect(decodeIn('cp858', Uint8Array.of(0x00, 0x41))).toBe('\uFFFDA');
  });

  it('tries the language preference first, then the other configured pages', () => {
    expect(candidatePages(opts, 'ru').slice(0, 2)).toEqual(['cp866', 'windows1251']);
    expect(candidatePages({ codePages: { cp437: 0, cp866: 17 }, preferredCodePages: { ru: ['windows1251', 'cp866'] } }, 'ru')).toEqual(['cp866', 'cp437']);
  });
});
