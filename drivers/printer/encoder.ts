/**
 * ReceiptDocument → ESC/POS bytes (pure apart from the injectable text rasteriser).
 *
 * Text goes out as bytes of a single-byte code page the printer model has: the encoder
 * keeps the current page while it can encode a line, otherwise switches (`ESC t n`) to the
 * first configured page that can. A line no configured page can encode — Persian, whose
 * letters must be joined and laid out right to left — is rendered to a 1-bit raster and
 * sent as `GS v 0`. Control characters in text are replaced by spaces.
 */
import type { Language, ReceiptBlock, ReceiptDocument } from '../../contracts/index.ts';
import { type CodePageName, encodeIn } from './codepages.ts';
import * as cmd from './commands.ts';
import { type Align, type RasterImage, builtinLogo, renderColumnsRaster, renderTextRaster } from './raster.ts';

export interface Rasteriser {
  text(text: string, opts: { widthDots: number; align: Align; bold: boolean; size: 1 | 2 }): RasterImage;
  columns(left: string, right: string, opts: { widthDots: number; bold: boolean }): RasterImage;
}

export const canvasRasteriser: Rasteriser = {
  text: renderTextRaster,
  columns: renderColumnsRaster,
};

export interface EncoderOptions {
  /** Code pages this printer has, with their `ESC t n` numbers. */
  codePages: Partial<Record<CodePageName, number>>;
  /** Pages to try first, per receipt language; the remaining configured pages follow. */
  preferredCodePages: Partial<Record<Language, CodePageName[]>>;
  /** Characters per line with font A; the paper is `width × 12` dots wide. */
  width?: number;
  /** `n` of `GS V 66 n`. */
  cutFeed?: number;
  rasteriser?: Rasteriser;
}

/** Dots across the printable width: font A is 12 dots wide (48 → 576 dots on 80 mm paper). */
export const dotsForWidth = (columns: number): number => columns * 12;

/** The configured pages in the order they are tried for `language`. */
export function candidatePages(opts: Pick<EncoderOptions, 'codePages' | 'preferredCodePages'>, language: Language): CodePageName[] {
  const available = Object.keys(opts.codePages).filter((k): k is CodePageName => opts.codePages[k as CodePageName] !== undefined);
  const preferred = (opts.preferredCodePages[language] ?? []).filter((p) => available.includes(p));
  return [...preferred, ...available.filter((p) => !preferred.includes(p))];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/gu;

class ByteSink {
  private readonly parts: Uint8Array[] = [];
  private length = 0;
  push(bytes: readonly number[] | Uint8Array): void {
    const u = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
    this.parts.push(u);
    this.length += u.length;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

/** Encode one receipt, ending with feed-and-cut. */
export function encodeReceipt(doc: ReceiptDocument, opts: EncoderOptions): Uint8Array {
  const columns = opts.width ?? doc.width;
  const widthDots = dotsForWidth(columns);
  const rasteriser = opts.rasteriser ?? canvasRasteriser;
  const pages = candidatePages(opts, doc.language);
  const out = new ByteSink();
  const state: { page: CodePageName | null; align: Align; bold: boolean; size: 1 | 2 } = {
    page: null,
    align: 'left',
    bold: false,
    size: 1,
  };

  out.push(cmd.init());
  const first = pages[0];
  if (first !== undefined) {
    out.push(cmd.codePage(opts.codePages[first] ?? 0));
    state.page = first;
  }

  const setAlign = (a: Align): void => {
    if (state.align !== a) out.push(cmd.align(a));
    state.align = a;
  };
  const setBold = (b: boolean): void => {
    if (state.bold !== b) out.push(cmd.bold(b));
    state.bold = b;
  };
  const setSize = (s: 1 | 2): void => {
    if (state.size !== s) out.push(cmd.size(s));
    state.size = s;
  };
  /** Bytes of `line` in the current page or after switching; null when no page has it. */
  const encodeLine = (line: string): Uint8Array | null => {
    if (state.page !== null) {
      const here = encodeIn(state.page, line);
      if (here) return here;
    }
    for (const p of pages) {
      if (p === state.page) continue;
      const bytes = encodeIn(p, line);
      if (bytes) {
        out.push(cmd.codePage(opts.codePages[p] ?? 0));
        state.page = p;
        return bytes;
      }
    }
    return null;
  };
  const image = (img: RasterImage, a: Align): void => {
    setAlign(a);
    out.push(cmd.raster(img));
  };
  const textLine = (line: string, a: Align, b: boolean, s: 1 | 2): void => {
    const bytes = encodeLine(line);
    if (bytes) {
      setAlign(a);
      setBold(b);
      setSize(s);
      out.push(bytes);
      out.push([cmd.LF]);
    } else {
      image(rasteriser.text(line, { widthDots, align: a, bold: b, size: s }), 'left');
    }
  };

  const block = (b: ReceiptBlock): void => {
    switch (b.kind) {
      case 'text':
        for (const line of b.text.split('\n')) textLine(line.replace(CONTROL, ' '), b.align, b.bold, b.size);
        break;
      case 'columns': {
        const left = b.left.replace(CONTROL, ' ');
        const right = b.right.replace(CONTROL, ' ');
        const gap = Math.max(1, columns - [...left].length - [...right].length);
        const line = left + ' '.repeat(gap) + right;
        const bytes = encodeLine(line);
        if (bytes) {
          setAlign('left');
          setBold(b.bold);
          setSize(1);
          out.push(bytes);
          out.push([cmd.LF]);
        } else {
          image(rasteriser.columns(left, right, { widthDots, bold: b.bold }), 'left');
        }
        break;
      }
      case 'rule':
        textLine('-'.repeat(columns), 'left', false, 1);
        break;
      case 'feed':
        out.push(cmd.feed(b.lines));
        break;
      case 'barcode': {
        const code = b.symbology === 'ean13' ? cmd.ean13(b.data) : cmd.code128(b.data);
        if (code) {
          setAlign('center');
          out.push(cmd.barcodeSetup());
          out.push(code);
        } else {
          // Not encodable as that symbology: print the data so nothing is silently lost.
          textLine(`[${b.kind}:${b.data}]`, 'center', false, 1);
        }
        break;
      }
      case 'qr': {
        const code = cmd.qr(new TextEncoder().encode(b.data));
        if (code) {
          setAlign('center');
          out.push(code);
        } else {
          textLine(`[qr:${b.data}]`, 'center', false, 1);
        }
        break;
      }
      case 'logo':
        image(builtinLogo(), 'center');
        break;
    }
  };

  for (const b of doc.blocks) block(b);
  setAlign('left');
  setBold(false);
  setSize(1);
  out.push(cmd.feedAndCut(opts.cutFeed ?? 3));
  return out.bytes();
}
