/** Format integer minor units for receipts (locale-neutral: 1234 → "12.34"). */
export function formatMinor(minor: number, exponent = 2): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (exponent === 0) return `${sign}${abs}`;
  const div = 10 ** exponent;
  return `${sign}${Math.floor(abs / div)}.${String(abs % div).padStart(exponent, '0')}`;
}

/** Integer grams as kilograms with three decimals: 1234 → "1.234". */
export function formatKg(grams: number): string {
  return `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
}
