/**
 * Price/weight check digit of in-store variable-measure codes (GS1 General Specifications
 * §7.9.3). Each digit is mapped through a "weighting factor":
 *   2-  multiply by 2, a two-digit product has its tens digit subtracted from its units digit
 *   3   multiply by 3, keep the units digit
 *   5+  multiply by 5, a two-digit product has its tens digit added to its units digit
 *   5-  multiply by 5, a two-digit product has its tens digit subtracted from its units digit
 * (all modulo 10).
 *
 * 4-digit value: factors 2-, 2-, 3, 5-; check digit = units digit of (sum × 3).
 * 5-digit value: factors 5+, 2-, 5-, 5+, 2-; r = (10 − sum mod 10) mod 10; the check digit is the
 * digit whose 5- product equals r.
 */

type Table = readonly number[];
/** Product of each digit 0–9 under a weighting factor. */
const TWO_MINUS: Table = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const THREE: Table = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const FIVE_PLUS: Table = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const FIVE_MINUS: Table = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

const FOUR_DIGIT_FACTORS: readonly Table[] = [TWO_MINUS, TWO_MINUS, THREE, FIVE_MINUS];
const FIVE_DIGIT_FACTORS: readonly Table[] = [FIVE_PLUS, TWO_MINUS, FIVE_MINUS, FIVE_PLUS, TWO_MINUS];

function weightedSum(value: string, factors: readonly Table[]): number {
  let sum = 0;
  for (let i = 0; i < factors.length; i++) {
    const table = factors[i];
    const digit = value.charCodeAt(i) - 48;
    sum += table?.[digit] ?? 0;
  }
  return sum;
}

/** Check digit for a 4- or 5-digit price or weight field; null for anything else. */
export function priceCheckDigit(value: string): number | null {
  if (!/^\d{4,5}$/.test(value)) return null;
  if (value.length === 4) return (weightedSum(value, FOUR_DIGIT_FACTORS) * 3) % 10;
  const r = (10 - (weightedSum(value, FIVE_DIGIT_FACTORS) % 10)) % 10;
  return FIVE_MINUS.indexOf(r);
}
