/**
 * GTIN check digits and normalisation (GS1 General Specifications §7.9: weights 3,1,3,…
 * from the rightmost data digit; check = (10 − sum mod 10) mod 10).
 */

/** Check digit for a string of data digits (without the check digit). */
export function gtinCheckDigit(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const d = data.charCodeAt(data.length - 1 - i) - 48;
    sum += d * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `code` is all digits, 8/12/13/14 long, and its last digit is the right check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^\d+$/.test(code) || ![8, 12, 13, 14].includes(code.length)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** Append the check digit to data digits. */
export function withCheckDigit(data: string): string {
  return data + String(gtinCheckDigit(data));
}

/**
 * Expand an 8-digit UPC-E (number system 0 or 1, with check digit) to its 12-digit UPC-A.
 * Returns null for an impossible code. The check digit is carried over unchanged (UPC-E's
 * check digit is the UPC-A one).
 */
export function expandUpcE(upce: string): string | null {
  if (!/^[01]\d{7}$/.test(upce)) return null;
  const ns = upce[0]!;
  const d = upce.slice(1, 7);
  const check = upce[7]!;
  const last = d[5]!;
  let body: string;
  switch (last) {
    case '0':
    case '1':
    case '2':
      body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
      break;
    case '3':
      body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
      break;
    case '4':
      body = `${d.slice(0, 4)}00000${d[4]}`;
      break;
    default:
      body = `${d.slice(0, 5)}0000${last}`;
  }
  return `${ns}${body}${check}`;
}

/**
 * Normalise any valid GTIN (8, 12, 13 or 14 digits) to GTIN-14 by left-padding with zeros.
 * The catalogue stores and looks up codes in this form. Returns null when invalid.
 */
export function toGtin14(code: string): string | null {
  return isValidGtin(code) ? code.padStart(14, '0') : null;
}
