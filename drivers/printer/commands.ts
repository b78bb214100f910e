/**
 * ESC/POS command bytes (pure). Constants from the Epson ESC/POS command reference and
 * `reference/device-protocols.md` §3.
 */
import type { RasterImage } from './raster.ts';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const ENQ = 0x05;
export const LF = 0x0a;
export const XON = 0x11;
export const XOFF = 0x13;

/** ESC @ — initialise: clears the buffer's modes, selects code page 0. */
export const init = (): number[] => [ESC, 0x40];
/** ESC t n — select character code table (numbers are per printer model). */
export const codePage = (n: number): number[] => [ESC, 0x74, n & 0xff];
/** ESC a n — justification 0 left, 1 centre, 2 right. */
export const align = (a: 'left' | 'center' | 'right'): number[] => [ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2];
/** ESC E n — emphasised (bold) on/off. */
export const bold = (on: boolean): number[] => [ESC, 0x45, on ? 1 : 0];
/** GS ! n — character size: high nibble width−1, low nibble height−1. */
export const size = (s: 1 | 2): number[] => [GS, 0x21, s === 2 ? 0x11 : 0x00];
/** ESC d n — print and feed n lines. */
export const feed = (lines: number): number[] => [ESC, 0x64, Math.max(0, Math.min(255, lines))];
/** GS V 66 n — feed to the cutting position plus n motion units, then (partial) cut. */
export const feedAndCut = (n: number): number[] => [GS, 0x56, 0x42, Math.max(0, Math.min(255, n))];
/** GS a n — Automatic Status Back: 0 off; bit0 drawer, bit1 online/offline, bit2 errors, bit3 paper roll. */
export const asb = (mask: number): number[] => [GS, 0x61, mask & 0xff];
export const ASB_ALL = 0x0f;
/** DLE EOT n — real-time status, n = 1 printer, 2 offline cause, 3 error cause, 4 paper roll sensor. */
export const statusQuery = (n: 1 | 2 | 3 | 4): number[] => [DLE, EOT, n];

/** GS h n, GS w n, GS H n — barcode height (dots), module width, HRI position (2 = below). */
export const barcodeSetup = (heightDots = 80, moduleWidth = 2): number[] => [GS, 0x68, heightDots, GS, 0x77, moduleWidth, GS, 0x48, 0x02];

/** GS k 73 n {B data — Code 128, code set B (ASCII 0x20–0x7F). Null when data is out of range. */
export function code128(data: string): number[] | null {
  const bytes = [...data].map((c) => c.codePointAt(0) ?? 0);
  if (bytes.length === 0 || bytes.length > 253 || bytes.some((b) => b < 0x20 || b > 0x7e)) return null;
  // `{` must be sent as `{{` inside code set B data.
  const body: number[] = [];
  for (const b of bytes) body.push(...(b === 0x7b ? [0x7b, 0x7b] : [b]));
  if (body.length + 2 > 255) return null;
  return [GS, 0x6b, 73, body.length + 2, 0x7b, 0x42, ...body];
}

/** GS k 67 n d… — EAN-13 with 12 data digits (printer adds the check digit) or 13. */
export function ean13(data: string): number[] | null {
  if (!/^\d{12,13}$/.test(data)) return null;
  return [GS, 0x6b, 67, data.length, ...[...data].map((c) => c.charCodeAt(0))];
}

/** GS ( k — QR code, model 2: select model, module size, error level, store data, print. */
export function qr(data: Uint8Array, moduleSize = 6, errorLevel: 'L' | 'M' | 'Q' | 'H' = 'M'): number[] | null {
  if (data.length === 0 || data.length > 7089) return null;
  const level = { L: 48, M: 49, Q: 50, H: 51 }[errorLevel];
  const storeLen = data.length + 3;
  return [
    ...[GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00], // fn 165: model 2
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize], // fn 167: module size
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, level], // fn 169: error correction
    ...[GS, 0x28, 0x6b, storeLen & 0xff, storeLen >> 8, 0x31, 0x50, 0x30, ...data], // fn 180: store
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30], // fn 181: print
  ];
}

/** GS v 0 m xL xH yL yH d… — raster bit image, normal density (m = 0). */
export function raster(img: RasterImage): Uint8Array {
  const head = [GS, 0x76, 0x30, 0x00, img.widthBytes & 0xff, img.widthBytes >> 8, img.height & 0xff, img.height >> 8];
  const out = new Uint8Array(head.length + img.data.length);
  out.set(head, 0);
  out.set(img.data, head.length);
  return out;
}
