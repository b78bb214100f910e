import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToGrams, formatScaled, gramsToScaled, scaledToGrams } from './units.ts';

describe('decimalToGrams', () => {
  it.each([
    ['532', 'g', 532],
    ['0.532', 'kg', 532],
    ['01.234', 'kg', 1234],
    ['1.2345', 'kg', 1235], // half up
    ['1.2344', 'kg', 1234],
    ['001.00', 'lb', 454], // 453.59237
    ['000.01', 'lb', 5], // 4.5359237
    ['002.50', 'lb', 1134], // 1133.980925
    ['010.00', 'lb', 4536], // 4535.9237
    ['0.5', 'g', 1], // exactly half → up
    ['-0.5', 'g', -1], // half up on the magnitude
    ['-0.4', 'g', 0],
    ['1500', 'mg', 2], // 1.5 g → 2
    ['1', 'oz', 28],
    ['  100.00 ', 'g', 100],
    ['+5', 'g', 5],
    ['7.', 'g', 7],
  ] as const)('%s %s → %i g', (text, unit, grams) => {
    expect(decimalToGrams(text, unit)).toBe(grams);
  });

  it.each(['', '.5', 'abc', '1.2.3', '1e3', '--1', '12 34', '1234567890123', '0.1234567890'])('rejects %j', (text) => {
    expect(decimalToGrams(text, 'g')).toBeNull();
  });

  it('lb conversion equals the exact rational rounded half up for every hundredth up to 100 lb', () => {
    for (let h = 0; h <= 10_000; h++) {
      // 453.59237 g/lb → h × 4535923.7 / 10^6 … compare with BigInt long form
      const exact = BigInt(h) * 45359237n; // in units of 1e-7 g
      const expected = Number((exact + 5_000_000n) / 10_000_000n);
      expect(scaledToGrams(BigInt(h), 2, 'lb')).toBe(expected);
    }
  });

  it('never throws and gives an integer or null for any text (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('g', 'kg', 'mg', 'lb', 'oz' as const), (text, unit) => {
        const g = decimalToGrams(text, unit);
        expect(g === null || Number.isSafeInteger(g)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('gramsToScaled / formatScaled', () => {
  it('renders grams the way a scale would', () => {
    expect(formatScaled(gramsToScaled(1234, 'kg', 3), 3, 6)).toBe('01.234');
    expect(formatScaled(gramsToScaled(454, 'lb', 2), 2, 6)).toBe('001.00');
    expect(formatScaled(gramsToScaled(-20, 'g', 2), 2, 0)).toBe('-20.00');
    expect(formatScaled(-5n, 2, 6)).toBe('-00.05');
  });

  it('kg and g round-trip exactly (fuzz)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (grams) => {
        expect(scaledToGrams(gramsToScaled(grams, 'kg', 3), 3, 'kg')).toBe(grams);
        expect(decimalToGrams(formatScaled(gramsToScaled(grams, 'g', 2), 2), 'g')).toBe(grams);
      }),
      { numRuns: 500 },
    );
  });
});
