/**
 * Optional software stability filter (reference/loss-prevention.md §3: "no motion" =
 * n consecutive readings whose max − min is within the motion range, typically 1 division).
 *
 * The device stays authoritative: motion and faults it reports pass through untouched and
 * restart the count. The filter only holds back a device-stable reading (reporting it as
 * `motion`) until `stableReadings` consecutive device-stable readings lie within
 * `motionRangeGrams` of each other. Useful for scales that call every raw value stable.
 */
import type { ScaleReading } from '../../contracts/devices.ts';

export interface StabilityOptions {
  /** Consecutive readings required (n ≥ 2). */
  stableReadings: number;
  /** Largest max − min among them, in grams (one division by default). */
  motionRangeGrams: number;
}

export class StabilityFilter {
  private window: number[] = [];

  constructor(private readonly opts: StabilityOptions) {}

  apply(reading: ScaleReading): ScaleReading {
    if (reading.state !== 'stable') {
      this.window = [];
      return reading;
    }
    this.window.push(reading.grams);
    if (this.window.length > this.opts.stableReadings) this.window.shift();
    if (this.window.length < this.opts.stableReadings) return { state: 'motion', grams: reading.grams };
    const range = Math.max(...this.window) - Math.min(...this.window);
    return range <= this.opts.motionRangeGrams ? reading : { state: 'motion', grams: reading.grams };
  }

  reset(): void {
    this.window = [];
  }
}
