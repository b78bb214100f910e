import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScaleReading } from '../../contracts/devices.ts';
import { StabilityFilter } from './stability.ts';

const stable = (grams: number): ScaleReading => ({ state: 'stable', grams });

describe('StabilityFilter', () => {
  it('holds a stable reading back until n consecutive readings agree within the range', () => {
    const f = new StabilityFilter({ stableReadings: 3, motionRangeGrams: 5 });
    expect(f.apply(stable(500))).toEqual({ state: 'motion', grams: 500 });
    expect(f.apply(stable(503))).toEqual({ state: 'motion', grams: 503 });
    expect(f.apply(stable(501))).toEqual(stable(501));
    expect(f.apply(stable(505))).toEqual(stable(505)); // window 503,501,505 → range 4
  });

  it('a jump bigger than the range restarts the count', () => {
    const f = new StabilityFilter({ stableReadings: 2, motionRangeGrams: 5 });
    f.apply(stable(100));
    expect(f.apply(stable(100))).toEqual(stable(100));
    expect(f.apply(stable(200))).toEqual({ state: 'motion', grams: 200 });
    expect(f.apply(stable(201))).toEqual(stable(201));
  });

  it('device motion and faults pass through and restart the count', () => {
    const f = new StabilityFilter({ stableReadings: 2, motionRangeGrams: 5 });
    f.apply(stable(100));
    expect(f.apply({ state: 'motion', grams: 150 })).toEqual({ state: 'motion', grams: 150 });
    expect(f.apply(stable(100))).toEqual({ state: 'motion', grams: 100 });
    expect(f.apply({ state: 'overload', grams: 0 })).toEqual({ state: 'overload', grams: 0 });
    expect(f.apply(stable(100))).toEqual({ state: 'motion', grams: 100 });
    expect(f.apply(stable(100))).toEqual(stable(100));
  });

  it('never reports stable unless the last n device-stable readings are within range (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 50 })), { maxLength: 60 }), fc.integer({ min: 2, max: 6 }), (seq, n) => {
        const f = new StabilityFilter({ stableReadings: n, motionRangeGrams: 5 });
        const recent: number[] = [];
        for (const [isStable, grams] of seq) {
          const out = f.apply(isStable ? stable(grams) : { state: 'motion', grams });
          if (isStable) recent.push(grams);
          else recent.length = 0;
          if (out.state === 'stable') {
            const last = recent.slice(-n);
            expect(last.length).toBe(n);
            expect(Math.max(...last) - Math.min(...last)).toBeLessThanOrEqual(5);
          }
          expect(out.grams).toBe(grams);
        }
      }),
      { numRuns: 500 },
    );
  });
});
