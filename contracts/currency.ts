import { fail, ok, type Result } from './errors.ts';

/**
 * ISO 4217: alphabetic code → numeric code and minor-unit exponent. The lane has one
 * currency setting (its alphabetic code); the numeric code a card terminal or a GS1 AI 393n
 * price uses and the number of decimals on screen and receipt are derived from this table.
 */
export interface CurrencyInfo {
  /** ISO 4217 alphabetic code, upper case (`EUR`). */
  alpha: string;
  /** ISO 4217 numeric code (`978`). */
  numeric: number;
  /** Minor units per major unit = 10^exponent (2 for EUR, 0 for JPY, 3 for KWD). */
  exponent: number;
}

const TABLE: Readonly<Record<string, readonly [numeric: number, exponent: number]>> = {
  AUD: [36, 2],
  BGN: [975, 2],
  BHD: [48, 3],
  CAD: [124, 2],
  CHF: [756, 2],
  CZK: [203, 2],
  DKK: [208, 2],
  EUR: [978, 2],
  GBP: [826, 2],
  HUF: [348, 2],
  ISK: [352, 0],
  JPY: [392, 0],
  KWD: [414, 3],
  NOK: [578, 2],
  PLN: [985, 2],
  RON: [946, 2],
  SEK: [752, 2],
  TRY: [949, 2],
  USD: [840, 2],
};

/** The currencies the table knows, alphabetic codes. */
export const KNOWN_CURRENCIES: readonly string[] = Object.keys(TABLE);

/** Look up an alphabetic code (case-insensitive). `path` names the setting it came from. */
export function currencyInfo(alpha: string, path = 'currency'): Result<CurrencyInfo> {
  const code = alpha.toUpperCase();
  const row = TABLE[code];
  if (!row) return fail('invalidInput', `unknown currency '${alpha}' (known: ${KNOWN_CURRENCIES.join(', ')})`, { path });
  return ok({ alpha: code, numeric: row[0], exponent: row[1] });
}

/** ISO 4217 numeric code as the 3-digit string GS1 uses (`036` for AUD). */
export function numericString(c: CurrencyInfo): string {
  return String(c.numeric).padStart(3, '0');
}
