import type { Language } from '../../contracts/catalogue.ts';

/**
 * Locale used for numbers, money, weights and dates per UI language.
 * - en → en-GB: day-month dates, 24 h clock, "€12.34" / "£12.34"; closest to a European store.
 * - de → de-DE, ru → ru-RU.
 * - fa → fa-IR: Persian (extended Arabic-Indic) digits and separators (۱۲٫۳۴).
 * The currency always comes from the view; the locale only decides how it is written.
 */
export const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', de: 'de-DE', ru: 'ru-RU', fa: 'fa-IR' };

export const RTL_LANGUAGES: ReadonlySet<Language> = new Set<Language>(['fa']);
export const dirOf = (language: Language): 'rtl' | 'ltr' => (RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr');

/** Exact decimal string of `units / 10^digits` from integers (no float rounding). */
export function decimalString(units: number, digits: number): `${number}` {
  const neg = units < 0;
  const abs = String(Math.abs(Math.trunc(units))).padStart(digits + 1, '0');
  const whole = digits === 0 ? abs : abs.slice(0, abs.length - digits);
  const frac = digits === 0 ? '' : `.${abs.slice(abs.length - digits)}`;
  return `${neg ? '-' : ''}${whole}${frac}` as `${number}`;
}

const moneyCache = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string, language: Language): Intl.NumberFormat {
  const key = `${currency}|${language}`;
  let f = moneyCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency });
    moneyCache.set(key, f);
  }
  return f;
}

/** Money from integer minor units, e.g. 1234 EUR → "€12.34" (en), "12,34 €" (de). */
export function formatMoney(minor: number, currency: string, language: Language): string {
  const f = moneyFormat(currency, language);
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(decimalString(minor, digits));
}

/** Weight from integer grams, in kilograms with 3 decimals: 1234 → "1.234 kg". */
export function formatWeight(grams: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'unit',
    unit: 'kilogram',
    minimumFractionDigits: 3,
    maximumFractionDigits: 3,
  }).format(decimalString(grams, 3));
}

export function formatNumber(n: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 0 }).format(n);
}

/** Elapsed time as m:ss (or h:mm:ss), digits in the language's numbering system. */
export function formatElapsed(ms: number, language: Language): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = new Intl.NumberFormat(LOCALES[language], { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(LOCALES[language], { useGrouping: false });
  return h > 0 ? `${one.format(h)}:${two.format(m)}:${two.format(s)}` : `${one.format(m)}:${two.format(s)}`;
}

export function formatDateTime(epochMs: number, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/**
 * Separator between two parts of one line ("Your basket · 4 items"). Not the middle dot in
 * Persian: next to a number it reads as the Persian zero (۰), so "· ۴" looked like "۴۰".
 */
export function separator(language: Language): string {
  return language === 'fa' ? '، ' : ' · ';
}

/** Digits of a code (barcode, PIN, PLU) written in the language's digits; the value sent stays ASCII. */
export function localDigits(text: string, language: Language): string {
  if (language !== 'fa') return text;
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}
