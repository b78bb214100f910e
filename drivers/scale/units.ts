/**
 * Exact weight conversions. Devices send decimal text; the lane works in integer grams
 * (DESIGN.md "Data"). Conversion is done on integers (BigInt), never on floats, and rounds
 * half up on the magnitude (so −0.5 g → −1 g, +0.5 g → +1 g).
 *
 * 1 lb = 453.59237 g exactly (international yard and pound agreement, 1959);
 * 1 oz = 1/16 lb = 28.349523125 g exactly.
 */

export type WeightUnit = 'g' | 'kg' | 'mg' | 'lb' | 'oz';

/** Grams per unit as a fraction num/den. */
const GRAMS_PER_UNIT: Record<WeightUnit, { num: bigint; den: bigint }> = {
  mg: { num: 1n, den: 1000n },
  g: { num: 1n, den: 1n },
  kg: { num: 1000n, den: 1n },
  lb: { num: 45359237n, den: 100000n },
  oz: { num: 28349523125n, den: 1000000000n },
};

const DECIMAL = /^([+-]?)(\d{1,12})(?:\.(\d{0,9}))?$/;
const MAX_GRAMS = BigInt(Number.MAX_SAFE_INTEGER);

/** Units a device may name in its replies (MT-SICS writes them out). */
export function parseUnit(text: string): WeightUnit | null {
  switch (text) {
    case 'g':
    case 'kg':
    case 'mg':
    case 'lb':
    case 'oz':
      return text;
    default:
      return null;
  }
}

/**
 * Decimal text (`-12.345`, `0012.34`, `532`; leading/trailing blanks allowed) in `unit`
 * → integer grams, rounded half up on the magnitude. `null` when the text is not a decimal
 * number (at most 12 integer and 9 fraction digits).
 */
export function decimalToGrams(text: string, unit: WeightUnit): number | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const negative = m[1] === '-';
  const intPart = m[2] ?? '0';
  const fracPart = m[3] ?? '';
  const scaled = BigInt(intPart + fracPart);
  return scaledToGrams(negative ? -scaled : scaled, fracPart.length, unit);
}

/** `value / 10^decimals` units → integer grams, rounded half up on the magnitude. */
export function scaledToGrams(value: bigint, decimals: number, unit: WeightUnit): number | null {
  const f = GRAMS_PER_UNIT[unit];
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const num = magnitude * f.num;
  const den = 10n ** BigInt(decimals) * f.den;
  const rounded = (2n * num + den) / (2n * den);
  if (rounded > MAX_GRAMS) return null;
  const grams = Number(rounded);
  return negative && grams !== 0 ? -grams : grams;
}

/**
 * Integer grams → `unit` with `decimals` fraction digits, as a scaled integer
 * (value × 10^decimals), rounded half up on the magnitude. Used by simulators to render
 * a weight the way a device would.
 */
export function gramsToScaled(grams: number, unit: WeightUnit, decimals: number): bigint {
  const f = GRAMS_PER_UNIT[unit];
  const g = BigInt(Math.trunc(grams));
  const negative = g < 0n;
  const magnitude = negative ? -g : g;
  const num = magnitude * f.den * 10n ** BigInt(decimals);
  const den = f.num;
  const rounded = (2n * num + den) / (2n * den);
  return negative ? -rounded : rounded;
}

/** A scaled integer as fixed-point text: `formatScaled(1234n, 2, 6)` → `012.34`. */
export function formatScaled(value: bigint, decimals: number, width = 0): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const text = decimals > 0 ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits;
  const sign = negative ? '-' : '';
  return sign + text.padStart(Math.max(0, width - sign.length), '0');
}
