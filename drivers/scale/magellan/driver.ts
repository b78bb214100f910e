/**
 * Datalogic Magellan single-cable driver: one link carries the scanner and the scale, so one
 * driver instance offers both a `ScalePort` and a `ScannerPort`.
 *
 * - Probe on every connect: `S14` must be answered with a status.
 * - Scale: exactly one `S14` outstanding; the next one goes `pollMs` after the answer.
 *   Only changes are reported.
 * - Scanner: `S08…` messages become scans (AIM identifiers, see codec). The reference lists
 *   no enable/disable command for this interface, so `disable()` is done on our side only:
 *   scans that arrive while disabled are dropped (and logged at debug), the scanner itself
 *   keeps reading and beeping. `beep('good')` sends `S334`; there is no distinct error tone
 *   in the reference, so `beep('error')` sends `S334` twice.
 * - Both ports share the link's health. The link closes when every port handed out is closed.
 */
import type { DeviceHealth, Scan } from '../../../contracts/devices.ts';
import type { ScannerPort, Unsubscribe } from '../../../contracts/ports.ts';
import type { MagellanConfig } from '../config.ts';
import { Listeners } from '../core.ts';
import { ScaleDriver, type ScaleDeps } from '../driver.ts';
import type { Transport } from '../../transport/index.ts';
import { MagellanHostDecoder, magellanEncode, magellanReading, type MagellanMessage } from './codec.ts';

export class MagellanDriver extends ScaleDriver<MagellanMessage> {
  private scanningEnabled = true;
  private readonly scanListeners: Listeners<Scan>;

  constructor(config: MagellanConfig, transport: Transport, deps: ScaleDeps) {
    super(config, transport, deps, () => ({
      decoder: new MagellanHostDecoder(config.unit),
      onEvent: (e) => this.onEvent(e),
      probe: () => this.probe(),
      onUp: (g) => void this.pollLoop(g, () => this.poll(), 'S14'),
    }));
    this.scanListeners = new Listeners(this.logger, 'magellan scan');
  }

  // ── scanner side ───────────────────────────────────────────────────────────

  onScan(listener: (scan: Scan) => void): Unsubscribe {
    return this.scanListeners.add(listener);
  }

  get scanning(): boolean {
    return this.scanningEnabled;
  }

  async enableScanning(): Promise<void> {
    this.scanningEnabled = true;
  }

  async disableScanning(): Promise<void> {
    this.scanningEnabled = false;
  }

  async beep(kind: 'good' | 'error'): Promise<void> {
    for (let i = 0; i < (kind === 'good' ? 1 : 2); i++) {
      const r = await this.link.queue.send(magellanEncode.beep(), { timeoutMs: this.config.timeoutMs, label: 'S334 beep' });
      if (!r.ok) {
        this.logger.debug({ err: r.error.message }, 'magellan: beep not sent');
        return;
      }
    }
  }

  /** `S10`: reset the scanner-scale (it is deaf for about 5 s; polls will time out meanwhile). */
  async reset(): Promise<boolean> {
    const r = await this.link.queue.send(magellanEncode.reset(), { timeoutMs: this.config.timeoutMs, label: 'S10 reset' });
    return r.ok;
  }

  override async close(): Promise<void> {
    await super.close();
    this.scanListeners.clear();
  }

  // ── protocol ───────────────────────────────────────────────────────────────

  private onEvent(e: MagellanMessage): void {
    switch (e.kind) {
      case 'invalid':
        this.logger.debug({ reason: e.reason, text: e.text }, 'magellan: unreadable message');
        return;
      case 'scan':
        if (this.scanningEnabled) this.scanListeners.emit(e.scan);
        else this.logger.debug({ symbology: e.scan.symbology }, 'magellan: scan ignored while disabled');
        return;
      default: {
        const reading = magellanReading(e, this.reporter.lastGrams());
        if (reading) this.reporter.report(reading);
      }
    }
  }

  private async probe(): Promise<{ ok: true } | { ok: false; reason: string }> {
    const r = await this.statusRequest('S14 probe');
    return r.ok ? { ok: true } : { ok: false, reason: r.reason };
  }

  private async poll(): Promise<{ ok: true } | { ok: false; reason: string }> {
    return this.statusRequest('S14');
  }

  private async statusRequest(label: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const r = await this.link.queue.request({
      bytes: magellanEncode.scaleStatus(),
      timeoutMs: this.config.timeoutMs,
      accept: (e) => (e.kind === 'status' ? { done: true } : undefined),
      label,
    });
    return r.ok ? { ok: true } : { ok: false, reason: r.error.reason };
  }
}

/** The scanner face of a Magellan driver. */
export class MagellanScanner implements ScannerPort {
  constructor(
    private readonly driver: MagellanDriver,
    private readonly release: () => Promise<void>,
  ) {}

  health(): DeviceHealth {
    return this.driver.health();
  }

  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe {
    return this.driver.onHealth(listener);
  }

  onScan(listener: (scan: Scan) => void): Unsubscribe {
    return this.driver.onScan(listener);
  }

  enable(): Promise<void> {
    return this.driver.enableScanning();
  }

  /** Scans are dropped on our side while disabled (the protocol has no disable command). */
  disable(): Promise<void> {
    return this.driver.disableScanning();
  }

  beep(kind: 'good' | 'error'): Promise<void> {
    return this.driver.beep(kind);
  }

  close(): Promise<void> {
    return this.release();
  }
}
