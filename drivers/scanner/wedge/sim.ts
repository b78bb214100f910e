/**
 * Device side of a keyboard-wedge scanner: turns a code into the evdev records the kernel
 * would produce for the scanner's keystrokes (Shift/AltGr around keys, SYN_REPORT after each
 * change, Enter at the end), written to any Transport (fake evdev node, memory link).
 * A wedge takes no host commands.
 */
import type { Clock } from '../../../core/clock.ts';
import type { Transport } from '../../transport/types.ts';
import { EV_KEY, EV_SYN, encodeInputEvent, type InputEvent } from './codec.ts';
import { KEY, LAYOUTS, strokeFor, type KeyboardLayout, type LayoutName } from './layouts.ts';

export interface WedgeSimOptions {
  /** The layout the scanner was programmed for (may differ from the host's: a real fault). */
  layout: LayoutName | KeyboardLayout;
  clock: Clock;
  recordSize?: 24 | 16;
}

export class WedgeScannerSim {
  private readonly layout: KeyboardLayout;

  constructor(
    readonly transport: Transport,
    private readonly opts: WedgeSimOptions,
  ) {
    this.layout = typeof opts.layout === 'string' ? LAYOUTS[opts.layout] : opts.layout;
  }

  async open(): Promise<void> {
    if (!this.transport.isOpen) await this.transport.open();
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  /** The records for `data` (+ Enter unless `enter: false`); undefined if a char cannot be typed. */
  records(data: string, opts: { enter?: boolean; timeMs?: number } = {}): Uint8Array | undefined {
    const t = opts.timeMs ?? this.opts.clock.now();
    const events: InputEvent[] = [];
    const key = (code: number, value: number): void => {
      events.push({ timeMs: t, type: EV_KEY, code, value });
      events.push({ timeMs: t, type: EV_SYN, code: 0, value: 0 });
    };
    for (const ch of data) {
      const s = strokeFor(this.layout, ch);
      if (!s) return undefined;
      if (s.shift) key(KEY.LEFTSHIFT, 1);
      if (s.altGr) key(KEY.RIGHTALT, 1);
      key(s.code, 1);
      key(s.code, 0);
      if (s.altGr) key(KEY.RIGHTALT, 0);
      if (s.shift) key(KEY.LEFTSHIFT, 0);
    }
    if (opts.enter !== false) {
      key(KEY.ENTER, 1);
      key(KEY.ENTER, 0);
    }
    const size = this.opts.recordSize ?? 24;
    const out = new Uint8Array(events.length * size);
    events.forEach((e, i) => out.set(encodeInputEvent(e, size), i * size));
    return out;
  }

  /** Type a code. Returns false (nothing sent) if the layout cannot type one of its chars. */
  async scan(data: string, opts: { enter?: boolean; timeMs?: number } = {}): Promise<boolean> {
    const bytes = this.records(data, opts);
    if (!bytes) return false;
    await this.transport.write(bytes);
    return true;
  }

  async raw(bytes: Uint8Array): Promise<void> {
    await this.transport.write(bytes);
  }
}
