/**
 * Device-side MT-SICS balance simulator: `S` (waits for stability), `SI`, `SIR` (streams every
 * `streamMs` until the next command or `@`), `Z`, `T`, `@`, `I4`; anything else → `ES`.
 */
import { formatScaled, gramsToScaled } from '../units.ts';
import { ScaleSimulator, type ScaleSimulatorOptions } from '../sim/base.ts';
import type { TimerHandle } from '../../../core/clock.ts';
import { SicsDeviceDecoder, sicsDeviceEncode } from './codec.ts';

export interface SicsSimulatorOptions extends ScaleSimulatorOptions {
  /** Unit the balance prints: `g` (2 decimals) or `kg` (3 decimals). */
  unit?: 'g' | 'kg';
  /** Interval of the `SIR` stream. */
  streamMs?: number;
  serialNumber?: string;
}

export class SicsSimulator extends ScaleSimulator {
  private readonly decoder = new SicsDeviceDecoder();
  private readonly unit: 'g' | 'kg';
  private readonly streamMs: number;
  private readonly serialNumber: string;
  private streamTimer: TimerHandle | undefined;
  private waitingStable: (() => void) | undefined;
  private offChange: (() => void) | undefined;

  constructor(opts: SicsSimulatorOptions) {
    super(opts);
    this.unit = opts.unit ?? 'g';
    this.streamMs = opts.streamMs ?? 100;
    this.serialNumber = opts.serialNumber ?? 'SIM0000001';
    this.offChange = this.scale.onChange(() => this.waitingStable?.());
  }

  get streaming(): boolean {
    return this.streamTimer !== undefined;
  }

  override async close(): Promise<void> {
    this.offChange?.();
    await super.close();
  }

  protected override onLinkDown(): void {
    this.stopStream();
    this.waitingStable = undefined;
  }

  protected handle(chunk: Uint8Array): void {
    for (const e of this.decoder.push(chunk)) {
      if (e.kind === 'invalid') {
        this.reply(sicsDeviceEncode.error('ES'));
        continue;
      }
      this.received.push(e.command);
      this.stopStream();
      this.waitingStable = undefined;
      switch (e.command) {
        case 'SI':
          this.reply(this.weightLine());
          break;
        case 'S':
          if (this.scale.reading().state === 'motion') {
            this.waitingStable = () => {
              if (this.scale.reading().state === 'motion') return;
              this.waitingStable = undefined;
              this.reply(this.weightLine());
            };
          } else this.reply(this.weightLine());
          break;
        case 'SIR':
          this.reply(this.weightLine());
          this.streamTimer = this.later(() => this.tick(), this.streamMs);
          break;
        case 'Z':
          this.reply(sicsDeviceEncode.reply('Z', this.scale.zero() ? 'A' : 'I'));
          break;
        case 'T':
          if (this.scale.tare()) this.reply(sicsDeviceEncode.reply('T', 'S', this.valueText(this.scale.netGrams()), this.unit));
          else this.reply(sicsDeviceEncode.reply('T', 'I'));
          break;
        case '@':
        case 'I4':
          this.reply(sicsDeviceEncode.reply('I4', 'A', `"${this.serialNumber}"`));
          break;
        default:
          this.reply(sicsDeviceEncode.error('ES'));
      }
    }
  }

  private tick(): void {
    this.reply(this.weightLine());
    this.streamTimer = this.later(() => this.tick(), this.streamMs);
  }

  private stopStream(): void {
    this.cancel(this.streamTimer);
    this.streamTimer = undefined;
  }

  private valueText(grams: number): string {
    return this.unit === 'kg' ? formatScaled(gramsToScaled(grams, 'kg', 3), 3) : formatScaled(gramsToScaled(grams, 'g', 2), 2);
  }

  private weightLine(): Uint8Array {
    const r = this.scale.reading();
    switch (r.state) {
      case 'stable':
      case 'motion':
        return sicsDeviceEncode.weight(r.state === 'stable', this.valueText(r.grams), this.unit);
      case 'overload':
        return sicsDeviceEncode.weightStatus('+');
      case 'underZero':
        return sicsDeviceEncode.weightStatus('-');
      case 'zeroError':
        return sicsDeviceEncode.weightStatus('I');
    }
  }
}
