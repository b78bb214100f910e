/**
 * The physical state of a simulated scale, independent of any protocol: what lies on the
 * platter, whether it is still swinging, and forced faults. Protocol simulators render it.
 */
import type { ScaleReading } from '../../../contracts/devices.ts';
import type { Clock, TimerHandle } from '../../../core/clock.ts';

export type SimFault = 'overload' | 'underZero' | 'zeroError';

export interface SimScaleOptions {
  /** Above this net weight the scale reports overload (Magellan 9400i: 15 kg). */
  capacityGrams?: number;
}

export class SimScale {
  private grossGrams = 0;
  private zeroGrams = 0;
  private tareGrams = 0;
  private motionUntil = 0;
  private motionTimer: TimerHandle | undefined;
  private fault: SimFault | null = null;
  private readonly capacityGrams: number;
  private readonly changeListeners = new Set<() => void>();

  constructor(
    private readonly clock: Clock,
    opts: SimScaleOptions = {},
  ) {
    this.capacityGrams = opts.capacityGrams ?? 15_000;
  }

  /** Put `grams` on the platter; with `settleMs` the scale swings that long first. */
  place(grams: number, settleMs = 0): void {
    this.grossGrams += Math.trunc(grams);
    if (settleMs > 0) this.motion(settleMs);
    else this.changed();
  }

  remove(grams: number, settleMs = 0): void {
    this.place(-grams, settleMs);
  }

  /** Set the gross weight outright. */
  setGrams(grams: number, settleMs = 0): void {
    this.grossGrams = Math.trunc(grams);
    if (settleMs > 0) this.motion(settleMs);
    else this.changed();
  }

  /** Go into motion for `ms`, then settle by itself. */
  motion(ms: number): void {
    this.motionUntil = this.clock.now() + ms;
    this.clock.clearTimeout(this.motionTimer);
    this.motionTimer = this.clock.setTimeout(() => {
      this.motionTimer = undefined;
      this.changed();
    }, ms);
    this.changed();
  }

  /** End any motion now. */
  settle(): void {
    this.motionUntil = 0;
    this.clock.clearTimeout(this.motionTimer);
    this.motionTimer = undefined;
    this.changed();
  }

  /** Force a fault until `clearFault()` (overload and under zero also follow from the weight). */
  setFault(fault: SimFault | null): void {
    this.fault = fault;
    this.changed();
  }

  /** Zero the scale: refused (false) while in motion or faulted. */
  zero(): boolean {
    if (this.inMotion() || this.fault === 'overload') return false;
    this.zeroGrams = this.grossGrams;
    if (this.fault === 'zeroError' || this.fault === 'underZero') this.fault = null;
    this.changed();
    return true;
  }

  tare(): boolean {
    if (this.inMotion()) return false;
    this.tareGrams = this.grossGrams - this.zeroGrams;
    this.changed();
    return true;
  }

  clearTare(): void {
    this.tareGrams = 0;
    this.changed();
  }

  get hasTare(): boolean {
    return this.tareGrams !== 0;
  }

  inMotion(): boolean {
    return this.clock.now() < this.motionUntil;
  }

  /** Net weight (gross − zero − tare). */
  netGrams(): number {
    return this.grossGrams - this.zeroGrams - this.tareGrams;
  }

  /** What the scale would report now. */
  reading(): ScaleReading {
    if (this.fault === 'overload' || this.grossGrams - this.zeroGrams > this.capacityGrams) return { state: 'overload', grams: 0 };
    if (this.fault === 'underZero' || this.grossGrams - this.zeroGrams < 0) return { state: 'underZero', grams: 0 };
    if (this.fault === 'zeroError') return { state: 'zeroError', grams: 0 };
    const grams = this.netGrams();
    return { state: this.inMotion() ? 'motion' : 'stable', grams };
  }

  /** Called after every change (including the end of a motion). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  dispose(): void {
    this.clock.clearTimeout(this.motionTimer);
    this.changeListeners.clear();
  }

  private changed(): void {
    for (const l of [...this.changeListeners]) l();
  }
}
