/**
 * Device side of a USB HID POS scanner over any Transport that keeps write boundaries
 * (fake HID device side, memory link): each write is one input report.
 * HID POS scanners take vendor-specific output reports for beeps/disable; the driver sends
 * none, so whatever arrives is only recorded.
 */
import type { Transport } from '../../transport/types.ts';
import { encodeHidPosReports, type HidPosReportOptions } from './codec.ts';

export class HidPosScannerSim {
  /** Output reports the host sent (none expected from our driver). */
  readonly received: Uint8Array[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly transport: Transport,
    private readonly defaults: Omit<HidPosReportOptions, 'symbology'> = {},
  ) {}

  async open(): Promise<void> {
    if (!this.transport.isOpen) await this.transport.open();
    this.unsubscribe ??= this.transport.onData((chunk) => this.received.push(chunk));
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.transport.close();
  }

  /** Scan a code: one or more 64-byte reports, continuation bit set on all but the last. */
  async scan(data: string, opts: HidPosReportOptions = {}): Promise<void> {
    for (const r of encodeHidPosReports(data, { ...this.defaults, ...opts })) await this.transport.write(r);
  }

  /** Send raw reports (orphans, garbage). */
  async report(bytes: Uint8Array): Promise<void> {
    await this.transport.write(bytes);
  }
}
