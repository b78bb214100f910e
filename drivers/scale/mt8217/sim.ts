/**
 * Device-side Mettler-Toledo 8217 simulator: answers `W` with the weight (lb `0WW.WW` or kg
 * `WW.WWW`) or, without a valid weight, STX `?` status CR; runs the `E…F` echo probe; `Z`,
 * `T`, `C` act on the model. Wire faults come from `ScaleSimulator`.
 */
import { formatScaled, gramsToScaled } from '../units.ts';
import { ScaleSimulator, type ScaleSimulatorOptions } from '../sim/base.ts';
import { Mt8217DeviceDecoder, STATUS_BITS, mt8217DeviceEncode, type Mt8217WeightUnit } from './codec.ts';

export interface Mt8217SimulatorOptions extends ScaleSimulatorOptions {
  unit?: Mt8217WeightUnit;
}

export class Mt8217Simulator extends ScaleSimulator {
  readonly unit: Mt8217WeightUnit;
  private readonly decoder = new Mt8217DeviceDecoder();

  constructor(opts: Mt8217SimulatorOptions) {
    super(opts);
    this.unit = opts.unit ?? 'kg';
  }

  /** The weight text the scale would send for `grams`. */
  weightText(grams: number): string {
    return this.unit === 'lb' ? formatScaled(gramsToScaled(grams, 'lb', 2), 2, 6) : formatScaled(gramsToScaled(grams, 'kg', 3), 3, 6);
  }

  protected override onLinkDown(): void {
    this.decoder.reset();
  }

  protected handle(chunk: Uint8Array): void {
    for (const e of this.decoder.push(chunk)) {
      switch (e.kind) {
        case 'echoOn':
          this.received.push('E');
          this.reply(mt8217DeviceEncode.echoOn());
          break;
        case 'echo':
          this.reply(Uint8Array.of(e.byte));
          if (e.last) this.received.push('F');
          break;
        case 'command':
          this.received.push(e.command);
          this.command(e.command);
          break;
        case 'unknown':
          this.logger.debug({ byte: e.byte }, '8217 sim: unknown command byte');
          break;
      }
    }
  }

  private command(command: 'W' | 'Z' | 'T' | 'C'): void {
    switch (command) {
      case 'W':
        this.reply(this.weightReply());
        break;
      case 'Z':
        this.scale.zero();
        break;
      case 'T':
        this.scale.tare();
        break;
      case 'C':
        this.scale.clearTare();
        break;
    }
  }

  private weightReply(): Uint8Array {
    const r = this.scale.reading();
    const net = this.scale.hasTare ? STATUS_BITS.net : 0;
    switch (r.state) {
      case 'stable':
        return mt8217DeviceEncode.weight(this.weightText(r.grams), this.scale.hasTare);
      case 'motion':
        return mt8217DeviceEncode.status(STATUS_BITS.motion | net);
      case 'overload':
        return mt8217DeviceEncode.status(STATUS_BITS.overCapacity | net);
      case 'underZero':
        return mt8217DeviceEncode.status(STATUS_BITS.underZero | net);
      case 'zeroError':
        return mt8217DeviceEncode.status(STATUS_BITS.outsideZeroCapture);
    }
  }
}
