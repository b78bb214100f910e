import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ReceiptDocument, receiptText } from '../../contracts/index.ts';
import { EPSON_CODE_PAGES } from './codepages.ts';
import { type EncoderOptions, encodeReceipt } from './encoder.ts';
import { renderColumnsRaster, renderTextRaster, sameRaster } from './raster.ts';
import { PrinterSim, toPng } from './sim.ts';

const opts: EncoderOptions = {
  codePages: EPSON_CODE_PAGES,
  preferredCodePages: { en: ['cp437'], de: ['cp858', 'windows1252'], ru: ['cp866', 'windows1251'], fa: [] },
};

/** A sim wired to a fake link: `feed` delivers host bytes, `replies` collects what it sends back. */
function harness(sim = new PrinterSim()): { sim: PrinterSim; feed: (bytes: Uint8Array | number[]) => void; replies: number[] } {
  let listener: ((c: Uint8Array) => void) | undefined;
  const replies: number[] = [];
  sim.attach({
    write: (b) => {
      replies.push(...b);
    },
    onData: (l) => {
      listener = l;
      return () => {
        listener = undefined;
      };
    },
  });
  return { sim, feed: (b) => listener?.(Uint8Array.from(b)), replies };
}

const germanDoc = ReceiptDocument.parse({
  transactionId: 'de-1',
  language: 'de',
  blocks: [
    { kind: 'logo' },
    { kind: 'text', text: 'Bäckerei Müller – Köln', align: 'center', bold: true, size: 2 },
    { kind: 'columns', left: 'Brötchen ×4', right: '1,96 €' },
    { kind: 'columns', left: 'Süßigkeiten', right: '2,49 €' },
    { kind: 'rule' },
    { kind: 'columns', left: 'Summe', right: '4,45 €', bold: true },
    { kind: 'feed', lines: 2 },
    { kind: 'barcode', data: 'TX-2026-0001' },
    { kind: 'qr', data: 'https://lane.example/r/de-1?ü=1' },
    { kind: 'text', text: 'Vielen Dank für Ihren Einkauf!' },
  ],
});

const russianDoc = ReceiptDocument.parse({
  transactionId: 'ru-1',
  language: 'ru',
  width: 32,
  blocks: [
    { kind: 'text', text: 'Спасибо за покупку!', align: 'center' },
    { kind: 'columns', left: 'Молоко 3,2%', right: '89,90 руб.' },
    { kind: 'columns', left: 'Хлеб «Бородинский»', right: '54,00' },
    { kind: 'rule' },
    { kind: 'text', text: 'ИТОГО: 143,90 руб. (€ не принимаются)' },
    { kind: 'barcode', data: '4601234567893', symbology: 'ean13' },
  ],
});

describe('PrinterSim decoding', () => {
  it('German: text in = text out through CP858/WPC1252 and the logo is recognised', () => {
    const h = harness();
    h.feed(encodeReceipt(germanDoc, opts));
    const [r] = h.sim.receipts();
    expect(r?.text).toBe(receiptText(germanDoc));
    expect(r?.images).toHaveLength(1);
    expect(r?.images[0]?.logo).toBe(true);
  });

  it('Russian: text in = text out through CP866 (switching to WPC1251 for the euro sign)', () => {
    const h = harness();
    h.feed(encodeReceipt(russianDoc, opts));
    expect(h.sim.receipts()[0]?.text).toBe(receiptText(russianDoc));
    expect(h.sim.receipts()[0]?.images).toHaveLength(0);
  });

  it('Russian via WPC1251 only (a model configured without CP866)', () => {
    const h = harness(new PrinterSim({ codePages: { cp437: 0, windows1251: 46 } }));
    h.feed(encodeReceipt(russianDoc, { codePages: { cp437: 0, windows1251: 46 }, preferredCodePages: { ru: ['windows1251'] } }));
    expect(h.sim.receipts()[0]?.text).toBe(receiptText(russianDoc));
  });

  it('survives the job arriving one byte at a time', () => {
    const h = harness();
    for (const b of encodeReceipt(germanDoc, opts)) h.feed([b]);
    expect(h.sim.receipts()[0]?.text).toBe(receiptText(germanDoc));
  });

  it('Persian becomes raster images equal to the rendering of the expected text, and a non-empty PNG', () => {
    const doc = ReceiptDocument.parse({
      transactionId: 'fa-1',
      language: 'fa',
      blocks: [
        { kind: 'text', text: 'فروشگاه لِین', align: 'center', bold: true },
        { kind: 'columns', left: 'نان سنگک', right: '۴۵٬۰۰۰ ریال' },
        { kind: 'text', text: 'از خرید شما سپاسگزاریم' },
        { kind: 'qr', data: 'https://lane.example/r/fa-1' },
      ],
    });
    const h = harness();
    const bytes = encodeReceipt(doc, opts);
    // Three raster images (GS v 0), and the QR code.
    const rasters = [...bytes].filter((b, i) => b === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30).length;
    expect(rasters).toBeGreaterThanOrEqual(3);
    h.feed(bytes);
    const [r] = h.sim.receipts();
    expect(r?.text).toBe('[image]\n[image]\n[image]\n[qr:https://lane.example/r/fa-1]');
    expect(r?.images).toHaveLength(3);
    const expected = [
      renderTextRaster('فروشگاه لِین', { widthDots: 576, align: 'center', bold: true, size: 1 }),
      renderColumnsRaster('نان سنگک', '۴۵٬۰۰۰ ریال', { widthDots: 576, bold: false }),
      renderTextRaster('از خرید شما سپاسگزاریم', { widthDots: 576, align: 'left', bold: false, size: 1 }),
    ];
    expected.forEach((img, i) => {
      const got = r?.images[i]?.image;
      expect(got && sameRaster(got, img)).toBe(true);
      // Some ink, not all ink: the text really was drawn.
      const ink = img.data.reduce((n, b) => n + (b === 0 ? 0 : 1), 0);
      expect(ink).toBeGreaterThan(10);
      expect(ink).toBeLessThan(img.data.length / 2);
    });
    // Start side of a right-to-left line is the right edge: ink in the right half, none at the far left.
    const line = expected[2]!;
    const inkAtColumnByte = (x: number): number => {
      let n = 0;
      for (let y = 0; y < line.height; y++) n += line.data[y * line.widthBytes + x] === 0 ? 0 : 1;
      return n;
    };
    expect(inkAtColumnByte(line.widthBytes - 2)).toBeGreaterThan(0);
    expect(inkAtColumnByte(1)).toBe(0);

    const dir = mkdtempSync(join(tmpdir(), 'lane-printer-'));
    const file = join(dir, 'persian-receipt.png');
    writeFileSync(file, toPng(r!));
    expect(statSync(file).size).toBeGreaterThan(1000);
    const png = PNG.sync.read(readFileSync(file));
    expect(png.width).toBeGreaterThanOrEqual(576);
    expect(png.height).toBeGreaterThan(3 * 30);
  });

  it('keeps unknown bytes and garbage from breaking the receipt text', () => {
    const h = harness();
    h.feed([0x1b, 0x40, 0x1b, 0x99, 0x07, 0x41, 0x0a, 0x1d, 0x56, 0x00]);
    expect(h.sim.receipts()[0]?.text).toBe('A');
  });
});

describe('PrinterSim status', () => {
  it('answers DLE EOT 1..4 with the scripted conditions', () => {
    const h = harness();
    const q = [0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4];
    h.feed(q);
    expect(h.replies).toEqual([0x12, 0x12, 0x12, 0x12]);
    h.replies.length = 0;
    h.sim.set({ paperOut: true });
    h.feed(q);
    expect(h.replies).toEqual([0x1a, 0x32, 0x12, 0x7e]);
    h.replies.length = 0;
    h.sim.set({ paperOut: false, coverOpen: true });
    h.feed(q);
    expect(h.replies).toEqual([0x1a, 0x16, 0x12, 0x12]);
    h.replies.length = 0;
    h.sim.set({ coverOpen: false, paperNearEnd: true });
    h.feed(q);
    expect(h.replies).toEqual([0x12, 0x12, 0x12, 0x1e]);
    h.replies.length = 0;
    h.sim.set({ paperNearEnd: false, cutterError: true });
    h.feed(q);
    expect(h.replies).toEqual([0x1a, 0x52, 0x1a, 0x12]);
  });

  it('stays silent with noReply', () => {
    const h = harness();
    h.sim.set({ noReply: true });
    h.feed([0x10, 0x04, 1]);
    expect(h.replies).toEqual([]);
  });

  it('sends ASB when enabled and on every change', () => {
    const h = harness();
    h.sim.set({ paperNearEnd: true }); // not enabled yet: nothing sent
    expect(h.replies).toEqual([]);
    h.feed([0x1d, 0x61, 0x0f]);
    expect(h.replies).toEqual([0x10, 0x00, 0x03, 0x00]);
    h.sim.set({ coverOpen: true });
    expect(h.replies.slice(4)).toEqual([0x38, 0x00, 0x03, 0x00]);
  });

  it('keeps print data in a backlog while paper is out and prints it when paper is back', () => {
    const h = harness();
    h.sim.set({ paperOut: true });
    h.feed(encodeReceipt(russianDoc, opts));
    expect(h.sim.receipts()).toHaveLength(0);
    expect(h.sim.backlogLength).toBeGreaterThan(0);
    h.sim.set({ paperOut: false });
    expect(h.sim.receipts()[0]?.text).toBe(receiptText(russianDoc));
  });

  it('runs out of paper after N lines and still answers status queries', () => {
    const h = harness();
    h.sim.runOutOfPaperAfter(2);
    h.feed([...encodeReceipt(russianDoc, opts), 0x10, 0x04, 4]);
    expect(h.sim.conditions().paperOut).toBe(true);
    expect(h.replies).toEqual([0x7e]);
    expect(h.sim.receipts()).toHaveLength(0);
  });
});
