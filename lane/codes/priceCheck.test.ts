import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceCheckDigit } from './priceCheck.ts';

describe('priceCheckDigit (GS1 General Specifications §7.9.3)', () => {
  it.each([
    // Worked examples of the specification.
    ['2875', 9], // 2-:4, 2-:5, 3:1, 5-:3 → 13 × 3 = 39
    ['14685', 6], // 5+:5, 2-:8, 5-:7, 5+:4, 2-:9 → 33; 40 − 33 = 7 = 5- product of 6
    // Worked by hand.
    ['0299', 6], // 0 + 4 + 7 + 1 = 12 → 36
    ['1234', 9], // 2 + 4 + 9 + 8 = 23 → 69
    ['0000', 0],
    ['00150', 4], // 0 + 0 + 5 + 7 + 0 = 12 → 8 = 5- product of 4
    ['00000', 0],
    ['99999', 6], // 9 + 7 + 1 + 9 + 7 = 33 → 7 = 5- product of 6
  ])('%s → %i', (value, digit) => {
    expect(priceCheckDigit(value)).toBe(digit);
  });

  it.each(['', '123', '123456', '12a4', ' 1234', '１２３４'])('refuses %j', (value) => {
    expect(priceCheckDigit(value)).toBeNull();
  });

  it('detects every single-digit substitution in a 4- or 5-digit value', () => {
    const digits = fc.constantFrom(...'0123456789');
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 5 }).chain((len) => fc.tuple(fc.string({ unit: digits, minLength: len, maxLength: len }), fc.nat({ max: len - 1 }), fc.integer({ min: 1, max: 9 }))),
        ([value, at, delta]) => {
          const changed = value.slice(0, at) + String((Number(value[at]) + delta) % 10) + value.slice(at + 1);
          expect(priceCheckDigit(changed)).not.toBe(priceCheckDigit(value));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
