import { isValidGtin } from '../codes/gtin.ts';

/**
 * Card data never reaches the lane's storage. The payment terminal handles cards; the lane
 * keeps result codes, masked numbers (`************1234`) and receipt references only.
 * This guard is the last line of defence: the journal refuses any payload holding something
 * that looks like a full primary account number (PAN).
 *
 * "Looks like a PAN": 13–19 digits, optionally grouped by single spaces or dashes, first
 * digit 1–6 (ISO/IEC 7812 major industry identifiers of card issuers), passing the Luhn
 * check. Exempt, so ordinary lane data is not mistaken for a card: 13- and 14-digit GTINs
 * with a valid GS1 check digit (scanned barcodes), and numbers (not strings) below 15 digits
 * (millisecond timestamps). Keep identifiers such as transaction ids non-numeric (UUIDs) so
 * they can never trip the guard.
 */
export class CardDataError extends Error {
  readonly _tag = 'CardDataError';
  constructor(readonly path: string) {
    super(`payload holds what looks like a card number at '${path || '(root)'}'; card data must never be stored`);
    this.name = 'CardDataError';
  }
}

/** Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const CANDIDATE = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

function isPanLike(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  const first = digits.charCodeAt(0) - 48;
  if (first < 1 || first > 6) return false;
  if ((digits.length === 13 || digits.length === 14) && isValidGtin(digits)) return false;
  return luhnValid(digits);
}

/** True when `text` contains a PAN-looking digit run. */
export function containsPan(text: string): boolean {
  for (const m of text.matchAll(CANDIDATE)) {
    if (isPanLike(m[0].replace(/[ -]/g, ''))) return true;
  }
  return false;
}

/** Path of the first PAN-looking value or key in `value`, or null. */
export function findCardData(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return containsPan(value) ? path : null;
  if (typeof value === 'number' || typeof value === 'bigint') {
    const s = typeof value === 'bigint' ? value.toString() : Number.isSafeInteger(value) ? String(Math.abs(value)) : '';
    return s.length >= 15 && isPanLike(s) ? path : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findCardData(value[i], `${path}[${i}]`);
      if (p !== null) return p;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const here = path ? `${path}.${k}` : k;
      if (containsPan(k)) return here;
      const p = findCardData(v, here);
      if (p !== null) return p;
    }
  }
  return null;
}

/** Throw `CardDataError` if `payload` holds anything that looks like a full card number. */
export function assertNoCardData(payload: unknown): void {
  const path = findCardData(payload);
  if (path !== null) throw new CardDataError(path);
}
