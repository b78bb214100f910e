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

/** A PAN-looking digit run masked as PCI DSS allows showing it: first 6 and last 4 kept (`411111******1111`). */
export function maskPan(digits: string): string {
  return `${digits.slice(0, 6)}${'*'.repeat(Math.max(0, digits.length - 10))}${digits.slice(-4)}`;
}

/** `text` with every PAN-looking digit run masked (see `maskPan`); other text unchanged. */
export function maskPans(text: string): string {
  return text.replace(CANDIDATE, (run) => {
    const digits = run.replace(/[ -]/g, '');
    return isPanLike(digits) ? maskPan(digits) : run;
  });
}

/**
 * `value` with every PAN-looking string, key or number masked: what the journal stores. A
 * shopper can type or scan anything, so such input is stored safely, never refused (a refusal
 * would stop the checkout). Returns the paths it masked. Pure.
 */
export function maskCardData<T>(value: T): { value: T; masked: string[] } {
  const masked: string[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      if (!containsPan(v)) return v;
      masked.push(path);
      return maskPans(v);
    }
    if ((typeof v === 'number' || typeof v === 'bigint') && findCardData(v) !== null) {
      masked.push(path);
      return maskPans(String(v));
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const here = path ? `${path}.${k}` : k;
        let key = k;
        if (containsPan(k)) {
          masked.push(here);
          key = maskPans(k);
        }
        out[key] = walk(x, here);
      }
      return out;
    }
    return v;
  };
  return { value: walk(value, '') as T, masked };
}
