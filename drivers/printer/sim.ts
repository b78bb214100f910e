/**
 * A device-side ESC/POS receipt printer (node: TCP server, PNG rendering).
 *
 * It speaks the real wire bytes over any byte link (the device end of a memory link, a pty
 * via the serial transport, or a TCP socket — see `startPrinterSimServer`):
 * - parses everything it receives (`EscPosParser`) back into receipt text: code pages are
 *   decoded to Unicode, raster images are kept (and marked `[logo]` when they are the
 *   built-in logo, `[image]` otherwise), barcodes and QR codes become `[barcode:…]` /
 *   `[qr:…]`, a cut ends a receipt;
 * - answers `DLE EOT n` at once, even while printing is blocked, and sends Automatic
 *   Status Back on every condition change once `GS a n` enabled it;
 * - is scriptable: paper out / near end, cover open, offline, cutter error, no reply, run
 *   out of paper after N printed lines. While paper is out, the cover open, the printer
 *   offline or the cutter jammed, received print data waits in a backlog (like a real
 *   printer's buffer) and prints when the condition clears.
 *
 * `GS a` is applied on receipt rather than in buffer order (a simplification).
 */
import { existsSync } from 'node:fs';
import net from 'node:net';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import type { Clock, TimerHandle } from '../../core/clock.ts';
import { type CodePageName, EPSON_CODE_PAGES, decodeIn } from './codepages.ts';
import { type EscPosCommand, EscPosParser } from './escpos-parser.ts';
import { type Align, DEFAULT_FONT_FILES, type RasterImage, builtinLogo, sameRaster } from './raster.ts';
import { type PrinterFlags, NO_FLAGS, asbBytes, realtimeReply } from './status.ts';

/** The part of a Transport the simulator needs. */
export interface DeviceLink {
  write(bytes: Uint8Array): Promise<void> | void;
  onData(listener: (chunk: Uint8Array) => void): () => void;
}

export interface SimConditions {
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** Offline for another reason (e.g. waiting for online recovery). */
  offline: boolean;
  cutterError: boolean;
  /** Ignore status queries and send no ASB (a dead or wrongly wired printer). */
  noReply: boolean;
}

export interface SimImage {
  image: RasterImage;
  align: Align;
  /** True when the raster is byte-identical to the built-in logo. */
  logo: boolean;
}

export type SimLine =
  | { kind: 'text'; text: string; align: Align; bold: boolean; size: 1 | 2 }
  | { kind: 'image'; index: number }
  | { kind: 'code'; text: string };

export interface SimReceipt {
  /** Lines joined with `\n`, comparable with `receiptText(doc)`. */
  text: string;
  images: SimImage[];
  lines: SimLine[];
}

export interface PrinterSimOptions {
  /** The model's `ESC t n` table (number → page), default Epson. */
  codePages?: Partial<Record<CodePageName, number>>;
}

const ALIGNS: readonly Align[] = ['left', 'center', 'right'];

const DEFAULT_CONDITIONS: SimConditions = {
  paperOut: false,
  paperNearEnd: false,
  coverOpen: false,
  offline: false,
  cutterError: false,
  noReply: false,
};

interface LinkState {
  link: DeviceLink;
  parser: EscPosParser;
  asb: boolean;
}

export class PrinterSim {
  private cond: SimConditions = { ...DEFAULT_CONDITIONS };
  private readonly pagesByNumber = new Map<number, CodePageName>();
  private readonly links = new Set<LinkState>();
  private readonly backlog: EscPosCommand[] = [];
  private readonly done: SimReceipt[] = [];
  private readonly receiptListeners = new Set<(r: SimReceipt) => void>();
  private readonly queryListeners = new Set<(n: number) => void>();
  // print state
  private page: CodePageName = 'cp437';
  private align: Align = 'left';
  private bold = false;
  private size: 1 | 2 = 1;
  private line = '';
  private lines: SimLine[] = [];
  private images: SimImage[] = [];
  private qrData: Uint8Array = new Uint8Array(0);
  private linesUntilPaperOut: number | undefined;
  /** Status queries answered (or ignored under `noReply`). */
  statusQueries = 0;

  constructor(opts: PrinterSimOptions = {}) {
    const pages = opts.codePages ?? EPSON_CODE_PAGES;
    for (const [name, n] of Object.entries(pages)) {
      if (n !== undefined && !this.pagesByNumber.has(n)) this.pagesByNumber.set(n, name as CodePageName);
    }
    this.page = this.pagesByNumber.get(0) ?? 'cp437';
  }

  /** Serve one byte link; returns a detach function. */
  attach(link: DeviceLink): () => void {
    const state: LinkState = { link, parser: new EscPosParser(), asb: false };
    this.links.add(state);
    const off = link.onData((chunk) => this.receive(state, chunk));
    return () => {
      off();
      this.links.delete(state);
    };
  }

  conditions(): SimConditions {
    return { ...this.cond };
  }

  /** Change conditions; sends ASB to links that enabled it and prints the backlog when clear. */
  set(change: Partial<SimConditions>): void {
    const before = asbBytes(this.flags());
    this.cond = { ...this.cond, ...change };
    const after = asbBytes(this.flags());
    if (before.some((b, i) => b !== after[i])) this.sendAsb();
    this.drain();
  }

  /** Print `lines` more lines, then run out of paper (the rest waits in the backlog). */
  runOutOfPaperAfter(lines: number): void {
    this.linesUntilPaperOut = Math.max(0, lines);
  }

  receipts(): SimReceipt[] {
    return [...this.done];
  }

  onReceipt(listener: (r: SimReceipt) => void): () => void {
    this.receiptListeners.add(listener);
    return () => this.receiptListeners.delete(listener);
  }

  /** Called with `n` for every `DLE EOT n` received. */
  onStatusQuery(listener: (n: number) => void): () => void {
    this.queryListeners.add(listener);
    return () => this.queryListeners.delete(listener);
  }

  /** Print commands waiting for the printer to come back. */
  get backlogLength(): number {
    return this.backlog.length;
  }

  private flags(): PrinterFlags {
    return {
      ...NO_FLAGS,
      paperOut: this.cond.paperOut,
      paperNearEnd: this.cond.paperNearEnd,
      coverOpen: this.cond.coverOpen,
      offline: this.cond.offline,
      cutterError: this.cond.cutterError,
    };
  }

  private blocked(): boolean {
    return this.cond.paperOut || this.cond.coverOpen || this.cond.offline || this.cond.cutterError;
  }

  private send(state: LinkState, bytes: number[]): void {
    try {
      const r = state.link.write(Uint8Array.from(bytes));
      if (r) r.catch(() => {});
    } catch {
      // link gone: the host will notice
    }
  }

  private sendAsb(): void {
    if (this.cond.noReply) return;
    const bytes = asbBytes(this.flags());
    for (const s of this.links) if (s.asb) this.send(s, bytes);
  }

  private receive(state: LinkState, chunk: Uint8Array): void {
    for (const c of state.parser.push(chunk)) {
      switch (c.type) {
        case 'statusQuery':
          this.statusQueries++;
          for (const l of this.queryListeners) l(c.n);
          if (!this.cond.noReply && c.n >= 1 && c.n <= 4) this.send(state, [realtimeReply(c.n as 1 | 2 | 3 | 4, this.flags())]);
          break;
        case 'recover':
          // DLE ENQ 1: recover from a recoverable error (cutter), 2: clear buffers too.
          if (c.n === 1 || c.n === 2) this.set({ cutterError: false });
          break;
        case 'asb':
          state.asb = (c.n & 0x0f) !== 0;
          if (state.asb && !this.cond.noReply) this.send(state, asbBytes(this.flags()));
          break;
        default:
          // In order: what precedes a status query is printed (or blocked) before it is answered.
          this.backlog.push(c);
          this.drain();
      }
    }
  }

  private drain(): void {
    while (this.backlog.length > 0 && !this.blocked()) {
      const c = this.backlog.shift();
      if (c) this.print(c);
    }
  }

  private countLine(): void {
    if (this.linesUntilPaperOut === undefined) return;
    this.linesUntilPaperOut--;
    if (this.linesUntilPaperOut <= 0) {
      this.linesUntilPaperOut = undefined;
      this.set({ paperOut: true });
    }
  }

  private pushLine(entry: SimLine): void {
    this.lines.push(entry);
    this.countLine();
  }

  private flushText(force: boolean): void {
    if (this.line === '' && !force) return;
    this.pushLine({ kind: 'text', text: this.line, align: this.align, bold: this.bold, size: this.size });
    this.line = '';
  }

  private print(c: EscPosCommand): void {
    switch (c.type) {
      case 'text':
        this.line += decodeIn(this.page, c.bytes);
        break;
      case 'lf':
        this.flushText(true);
        break;
      case 'init':
        this.page = this.pagesByNumber.get(0) ?? 'cp437';
        this.align = 'left';
        this.bold = false;
        this.size = 1;
        break;
      case 'codePage':
        this.page = this.pagesByNumber.get(c.n) ?? 'cp437';
        break;
      case 'align':
        this.align = ALIGNS[c.n] ?? 'left';
        break;
      case 'bold':
        this.bold = c.on;
        break;
      case 'size':
        this.size = c.n === 0 ? 1 : 2;
        break;
      case 'feed': {
        const had = this.line !== '';
        this.flushText(false);
        for (let i = had ? 1 : 0; i < c.lines; i++) this.pushLine({ kind: 'text', text: '', align: this.align, bold: false, size: 1 });
        break;
      }
      case 'raster': {
        this.flushText(false);
        const logo = sameRaster(c.image, builtinLogo());
        this.images.push({ image: c.image, align: this.align, logo });
        this.pushLine({ kind: 'image', index: this.images.length - 1 });
        break;
      }
      case 'barcode':
        this.flushText(false);
        this.pushLine({ kind: 'code', text: `[barcode:${barcodeText(c.m, c.data)}]` });
        break;
      case 'qrStore':
        this.qrData = c.data;
        break;
      case 'qrPrint':
        this.flushText(false);
        this.pushLine({ kind: 'code', text: `[qr:${new TextDecoder().decode(this.qrData)}]` });
        break;
      case 'cut':
        this.flushText(false);
        this.finishReceipt();
        break;
      default:
        break;
    }
  }

  private finishReceipt(): void {
    if (this.lines.length === 0 && this.images.length === 0) return;
    const text = this.lines
      .map((l) => (l.kind === 'image' ? (this.images[l.index]?.logo ? '[logo]' : '[image]') : l.text))
      .join('\n');
    const receipt: SimReceipt = { text, images: this.images, lines: this.lines };
    this.lines = [];
    this.images = [];
    this.done.push(receipt);
    for (const l of this.receiptListeners) l(receipt);
  }
}

/** Human-readable barcode content: Code 128 code-set prefixes removed, `{{` unescaped, set C pairs as digits. */
function barcodeText(m: number, data: Uint8Array): string {
  if (m !== 73 && m !== 8) return String.fromCharCode(...data);
  let out = '';
  let set: 'A' | 'B' | 'C' = 'B';
  for (let i = 0; i < data.length; i++) {
    const b = data[i] ?? 0;
    if (b === 0x7b && i + 1 < data.length) {
      const next = data[i + 1] ?? 0;
      i++;
      if (next === 0x41 || next === 0x42 || next === 0x43) set = next === 0x41 ? 'A' : next === 0x42 ? 'B' : 'C';
      else if (next === 0x7b) out += '{';
      continue;
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}

/** Wait for the `count`-th receipt (counting those already printed). */
export function waitForReceipts(sim: PrinterSim, count: number): Promise<SimReceipt[]> {
  return new Promise((resolve) => {
    if (sim.receipts().length >= count) {
      resolve(sim.receipts());
      return;
    }
    const off = sim.onReceipt(() => {
      if (sim.receipts().length >= count) {
        off();
        resolve(sim.receipts());
      }
    });
  });
}

/** The device end of a link that can be closed and reopened (memory device end, pty). */
export interface ReopenableLink extends DeviceLink {
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  onClose(listener: (reason: 'closed' | 'lost', error?: Error) => void): () => void;
}

/**
 * Serve `link` with `sim` and keep it open: reopen every `retryMs` after a loss (a pty whose
 * socat came back, a memory link that was replugged). Returns a stop function.
 */
export function serveLink(sim: PrinterSim, link: ReopenableLink, deps: { clock: Clock; retryMs?: number }): { stop: () => Promise<void>; opened: () => Promise<void> } {
  const detach = sim.attach(link);
  let stopped = false;
  let timer: TimerHandle | undefined;
  let openedWaiters: (() => void)[] = [];
  const tryOpen = (): void => {
    if (stopped) return;
    link.open().then(
      () => {
        for (const w of openedWaiters) w();
        openedWaiters = [];
      },
      () => {
        timer = deps.clock.setTimeout(tryOpen, deps.retryMs ?? 100);
      },
    );
  };
  const offClose = link.onClose((reason) => {
    if (reason === 'lost' && !stopped) timer = deps.clock.setTimeout(tryOpen, deps.retryMs ?? 100);
  });
  tryOpen();
  return {
    opened: () =>
      link.isOpen
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            openedWaiters.push(resolve);
          }),
    stop: async () => {
      stopped = true;
      deps.clock.clearTimeout(timer);
      offClose();
      detach();
      if (link.isOpen) await link.close().catch(() => {});
    },
  };
}

export interface PrinterSimServer {
  readonly host: string;
  readonly port: number;
  /** Drop every client connection and stop listening (the printer was unplugged). */
  unplug(): Promise<void>;
  /** Listen again on the same port. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP server on 127.0.0.1 (port 0 = any free port), like a printer's raw port 9100. */
export async function startPrinterSimServer(sim: PrinterSim, opts: { host?: string; port?: number } = {}): Promise<PrinterSimServer> {
  const host = opts.host ?? '127.0.0.1';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const listeners = new Set<(chunk: Uint8Array) => void>();
    const link: DeviceLink = {
      write: (bytes) =>
        new Promise<void>((resolve) => {
          if (socket.destroyed) return resolve();
          socket.write(bytes, () => resolve());
        }),
      onData: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    const detach = sim.attach(link);
    socket.on('data', (chunk: Buffer) => {
      const u = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (const l of listeners) l(u);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      detach();
    });
  });
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  const port = await listen(opts.port ?? 0);
  return {
    host,
    port,
    unplug: stopListening,
    replug: async () => {
      if (!server.listening) await listen(port);
    },
    close: stopListening,
  };
}

/**
 * A picture of a printed receipt for people: text lines in a monospace font (12×24 cells,
 * like font A) and raster images dot for dot, on a paper-white strip. PNG bytes.
 */
export function toPng(receipt: SimReceipt, opts: { widthDots?: number } = {}): Buffer {
  registerPreviewFonts();
  const margin = 16;
  const widest = Math.max(opts.widthDots ?? 576, ...receipt.images.map((i) => i.image.widthBytes * 8));
  const heightOf = (l: SimLine): number => (l.kind === 'image' ? (receipt.images[l.index]?.image.height ?? 0) : l.kind === 'text' ? 30 * l.size : 30);
  const height = receipt.lines.reduce((h, l) => h + heightOf(l), 0) + 2 * margin;
  const canvas = createCanvas(widest + 2 * margin, Math.max(height, 2 * margin + 1));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fffef8';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#111111';
  ctx.textBaseline = 'middle';
  let y = margin;
  for (const l of receipt.lines) {
    const h = heightOf(l);
    if (l.kind === 'image') {
      const img = receipt.images[l.index];
      if (img) {
        const w = img.image.widthBytes * 8;
        const x0 = margin + (img.align === 'center' ? Math.floor((widest - w) / 2) : img.align === 'right' ? widest - w : 0);
        for (let row = 0; row < img.image.height; row++)
          for (let col = 0; col < w; col++)
            if (((img.image.data[row * img.image.widthBytes + (col >> 3)] ?? 0) & (0x80 >> (col & 7))) !== 0) ctx.fillRect(x0 + col, y + row, 1, 1);
      }
    } else {
      const size = l.kind === 'text' ? l.size : 1;
      const align: Align = l.kind === 'text' ? l.align : 'center';
      ctx.font = `${l.kind === 'text' && l.bold ? 'bold ' : ''}${20 * size}px LaneMono`;
      ctx.textAlign = align;
      const x = align === 'left' ? margin : align === 'center' ? margin + widest / 2 : margin + widest;
      ctx.fillText(l.text, x, y + h / 2);
    }
    y += h;
  }
  return canvas.toBuffer('image/png');
}

let previewFonts = false;
function registerPreviewFonts(): void {
  if (previewFonts) return;
  previewFonts = true;
  for (const f of DEFAULT_FONT_FILES) if (f.family === 'LaneMono' && existsSync(f.path)) GlobalFonts.registerFromPath(f.path, 'LaneMono');
}
