/**
 * 1-bit raster images for `GS v 0` (node only: uses @napi-rs/canvas for text).
 *
 * Bit layout follows the ESC/POS raster format: rows top to bottom, `widthBytes` bytes per
 * row, most significant bit = leftmost dot, 1 = black.
 */
import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

export interface RasterImage {
  widthBytes: number;
  height: number;
  data: Uint8Array;
}

export type Align = 'left' | 'center' | 'right';

/** Fonts tried in order; the first Arabic-script font found is used for right-to-left text. */
export const DEFAULT_FONT_FILES: readonly { family: string; path: string }[] = [
  { family: 'LaneArabic', path: '/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf' },
  { family: 'LaneArabic', path: '/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf' },
  { family: 'LaneSans', path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' },
  { family: 'LaneMono', path: '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf' },
];

let fontsRegistered = false;
function registerFonts(): void {
  if (fontsRegistered) return;
  fontsRegistered = true;
  const done = new Set<string>();
  for (const f of DEFAULT_FONT_FILES) {
    if (done.has(f.family) || !existsSync(f.path)) continue;
    if (GlobalFonts.registerFromPath(f.path, f.family)) done.add(f.family);
  }
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
/** True when the text holds right-to-left script (Hebrew, Arabic, Persian …). */
export function isRtl(text: string): boolean {
  return RTL.test(text);
}

export interface TextRasterOptions {
  /** Paper width in dots (576 for 80 mm, 384 for 58 mm at 203 dpi). */
  widthDots: number;
  align: Align;
  bold: boolean;
  size: 1 | 2;
}

/** A line whose start side holds `left` and end side holds `right` (mirrored for RTL). */
export interface ColumnsRasterOptions {
  widthDots: number;
  bold: boolean;
}

function fontFor(size: 1 | 2, bold: boolean): { css: string; px: number; lineHeight: number } {
  const px = 22 * size;
  return { css: `${bold ? 'bold ' : ''}${px}px LaneArabic, LaneSans`, px, lineHeight: Math.round(px * 1.6) };
}

const MARGIN = 4;

type Ctx = ReturnType<ReturnType<typeof createCanvas>['getContext']>;

/** Split `text` into lines that fit `maxWidth` at the context's font, breaking at spaces. */
function wrap(ctx: Ctx, text: string, maxWidth: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const words = para.split(' ');
    let line = '';
    for (const w of words) {
      const candidate = line === '' ? w : `${line} ${w}`;
      if (line !== '' && ctx.measureText(candidate).width > maxWidth) {
        out.push(line);
        line = w;
      } else {
        line = candidate;
      }
    }
    out.push(line);
  }
  return out;
}

function toRaster(ctx: Ctx, width: number, height: number): RasterImage {
  const widthBytes = Math.ceil(width / 8);
  const data = new Uint8Array(widthBytes * height);
  const px = ctx.getImageData(0, 0, width, height).data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      // Drawn black on white: luminance below half is a dot.
      const lum = ((px[i] ?? 255) * 299 + (px[i + 1] ?? 255) * 587 + (px[i + 2] ?? 255) * 114) / 1000;
      if (lum < 128) data[y * widthBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { widthBytes, height, data };
}

function canvasFor(widthDots: number, height: number): { ctx: Ctx; width: number } {
  registerFonts();
  const width = Math.ceil(widthDots / 8) * 8;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000000';
  ctx.textBaseline = 'middle';
  return { ctx, width };
}

/**
 * Render text (any script; shaping and right-to-left ordering by the canvas text engine)
 * to a full-width raster, wrapped at spaces to the paper width. `align` names the start
 * side for right-to-left text: `left` means "start", so Persian starts at the right edge.
 */
export function renderTextRaster(text: string, opts: TextRasterOptions): RasterImage {
  const font = fontFor(opts.size, opts.bold);
  const measure = canvasFor(8, 8).ctx;
  measure.font = font.css;
  const lines = wrap(measure, text, opts.widthDots - 2 * MARGIN);
  const height = lines.length * font.lineHeight;
  const { ctx, width } = canvasFor(opts.widthDots, height);
  const rtl = isRtl(text);
  ctx.font = font.css;
  ctx.direction = rtl ? 'rtl' : 'ltr';
  const side = opts.align === 'center' ? 'center' : (opts.align === 'left') !== rtl ? 'left' : 'right';
  ctx.textAlign = side;
  const x = side === 'center' ? width / 2 : side === 'left' ? MARGIN : width - MARGIN;
  lines.forEach((line, i) => ctx.fillText(line, x, i * font.lineHeight + font.lineHeight / 2));
  return toRaster(ctx, width, height);
}

/** Render a two-column line: label on the start side, amount on the end side. */
export function renderColumnsRaster(left: string, right: string, opts: ColumnsRasterOptions): RasterImage {
  const font = fontFor(1, opts.bold);
  const { ctx, width } = canvasFor(opts.widthDots, font.lineHeight);
  const rtl = isRtl(left + right);
  ctx.font = font.css;
  ctx.direction = rtl ? 'rtl' : 'ltr';
  const y = font.lineHeight / 2;
  ctx.textAlign = rtl ? 'right' : 'left';
  ctx.fillText(left, rtl ? width - MARGIN : MARGIN, y);
  ctx.textAlign = rtl ? 'left' : 'right';
  ctx.fillText(right, rtl ? MARGIN : width - MARGIN, y);
  return toRaster(ctx, width, font.lineHeight);
}

/** 5×7 glyphs for the built-in logo, one string per row, `#` = dot. */
const GLYPHS: Record<string, readonly string[]> = {
  L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####'],
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  N: ['#...#', '##..#', '#.#.#', '#.#.#', '#..##', '#...#', '#...#'],
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
};

let logoCache: RasterImage | undefined;

/**
 * The built-in logo: "LANE" in 5×7 glyphs scaled ×4 inside a 2-dot frame, 160×48 dots.
 * Generated in code (no asset file), printed centred.
 */
export function builtinLogo(): RasterImage {
  if (logoCache) return logoCache;
  const width = 160;
  const height = 48;
  const widthBytes = width / 8;
  const data = new Uint8Array(widthBytes * height);
  const set = (x: number, y: number): void => {
    if (x >= 0 && x < width && y >= 0 && y < height) data[y * widthBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  };
  for (let x = 0; x < width; x++) for (const y of [0, 1, height - 2, height - 1]) set(x, y);
  for (let y = 0; y < height; y++) for (const x of [0, 1, width - 2, width - 1]) set(x, y);
  const scale = 4;
  const word = 'LANE';
  const glyphW = 5 * scale;
  const gap = 2 * scale;
  const total = word.length * glyphW + (word.length - 1) * gap;
  const x0 = Math.floor((width - total) / 2);
  const y0 = Math.floor((height - 7 * scale) / 2);
  [...word].forEach((ch, i) => {
    const rows = GLYPHS[ch] ?? [];
    rows.forEach((row, gy) => {
      [...row].forEach((cell, gx) => {
        if (cell !== '#') return;
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) set(x0 + i * (glyphW + gap) + gx * scale + dx, y0 + gy * scale + dy);
      });
    });
  });
  logoCache = { widthBytes, height, data };
  return logoCache;
}

export function sameRaster(a: RasterImage, b: RasterImage): boolean {
  if (a.widthBytes !== b.widthBytes || a.height !== b.height || a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}
