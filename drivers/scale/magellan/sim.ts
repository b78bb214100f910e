/**
 * Device-side Datalogic Magellan single-cable simulator: scans (`S08…`), `S14` status,
 * `S11` next stable non-zero weight (answered when one appears), `S334` beep, `S10` reset
 * (deaf for `resetMs`).
 */
import { formatScaled, gramsToScaled } from '../units.ts';
import { ScaleSimulator, type ScaleSimulatorOptions } from '../sim/base.ts';
import { MagellanDeviceDecoder, magellanDeviceEncode, type MagellanWeightUnit } from './codec.ts';

export type MagellanScanType = 'A' | 'F' | 'E' | 'R' | 'B1' | 'B2' | 'B3';

export interface MagellanSimulatorOptions extends ScaleSimulatorOptions {
  unit?: MagellanWeightUnit;
  /** How long `S10` keeps the device deaf (manual: about 5 s). */
  resetMs?: number;
}

export class MagellanSimulator extends ScaleSimulator {
  readonly unit: MagellanWeightUnit;
  beeps = 0;
  resets = 0;
  private readonly decoder = new MagellanDeviceDecoder();
  private readonly resetMs: number;
  private resetting = false;
  private pendingWeight = false;
  private readonly offChange: () => void;

  constructor(opts: MagellanSimulatorOptions) {
    super(opts);
    this.unit = opts.unit ?? 'kg';
    this.resetMs = opts.resetMs ?? 5000;
    this.offChange = this.scale.onChange(() => this.answerPendingWeight());
  }

  /** A barcode read at the scanner window. */
  scan(type: MagellanScanType, data: string): this {
    this.reply(magellanDeviceEncode.scan(type, data));
    return this;
  }

  weightDigits(grams: number): string {
    return this.unit === 'lb' ? formatScaled(gramsToScaled(grams, 'lb', 2), 0, 4) : formatScaled(gramsToScaled(grams, 'kg', 3), 0, 5);
  }

  override async close(): Promise<void> {
    this.offChange();
    await super.close();
  }

  protected override onLinkDown(): void {
    this.pendingWeight = false;
  }

  protected handle(chunk: Uint8Array): void {
    for (const e of this.decoder.push(chunk)) {
      if (e.kind === 'invalid' || this.resetting) continue;
      this.received.push(e.command);
      switch (e.command) {
        case 'scaleStatus':
          this.reply(this.status());
          break;
        case 'nextStableWeight':
          this.pendingWeight = true;
          this.answerPendingWeight();
          break;
        case 'beep':
          this.beeps++;
          break;
        case 'reset':
          this.resets++;
          this.resetting = true;
          this.pendingWeight = false;
          this.later(() => (this.resetting = false), this.resetMs);
          break;
      }
    }
  }

  private answerPendingWeight(): void {
    if (!this.pendingWeight) return;
    const r = this.scale.reading();
    if (r.state !== 'stable' || r.grams <= 0) return;
    this.pendingWeight = false;
    this.reply(magellanDeviceEncode.weight(this.weightDigits(r.grams)));
  }

  private status(): Uint8Array {
    const r = this.scale.reading();
    switch (r.state) {
      case 'stable':
        return r.grams === 0 ? magellanDeviceEncode.status(3) : magellanDeviceEncode.stable(this.weightDigits(r.grams));
      case 'motion':
        return magellanDeviceEncode.status(1);
      case 'overload':
        return magellanDeviceEncode.status(2);
      case 'underZero':
        return magellanDeviceEncode.status(5);
      case 'zeroError':
        return magellanDeviceEncode.status(0);
    }
  }
}
