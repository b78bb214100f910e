import { describe, expect, it } from 'vitest';
import { decimalString, dirOf, formatElapsed, formatMoney, formatWeight, localDigits } from './format.ts';

describe('format', () => {
  it('builds exact decimal strings from integer minor units', () => {
    expect(decimalString(1907, 2)).toBe('19.07');
    expect(decimalString(5, 2)).toBe('0.05');
    expect(decimalString(-18, 2)).toBe('-0.18');
    expect(decimalString(1234, 3)).toBe('1.234');
    expect(decimalString(42, 0)).toBe('42');
  });
  it('formats money per language with the view currency', () => {
    expect(formatMoney(1907, 'EUR', 'en')).toBe('€19.07');
    expect(formatMoney(1907, 'EUR', 'de')).toMatch(/^19,07\s€$/);
    expect(formatMoney(1907, 'RUB', 'ru')).toMatch(/^19,07\s₽$/);
    expect(formatMoney(1907, 'EUR', 'fa')).toContain('۱۹٫۰۷');
  });
  it('uses the currency minor unit (JPY has none)', () => {
    expect(formatMoney(500, 'JPY', 'en')).toBe('JP¥500');
  });
  it('formats integer grams as kilograms with three decimals', () => {
    expect(formatWeight(1234, 'en')).toBe('1.234 kg');
    expect(formatWeight(5, 'en')).toBe('0.005 kg');
    expect(formatWeight(1234, 'de')).toBe('1,234 kg');
    expect(formatWeight(512, 'fa')).toContain('۰٫۵۱۲');
  });
  it('writes elapsed time as m:ss in the language digits', () => {
    expect(formatElapsed(75_000, 'en')).toBe('1:15');
    expect(formatElapsed(3_725_000, 'en')).toBe('1:02:05');
    expect(formatElapsed(-5, 'en')).toBe('0:00');
    expect(formatElapsed(75_000, 'fa')).toBe('۱:۱۵');
  });
  it('shows codes in Persian digits for fa only', () => {
    expect(localDigits('4011', 'fa')).toBe('۴۰۱۱');
    expect(localDigits('4011', 'de')).toBe('4011');
  });
  it('is right-to-left for Persian only', () => {
    expect(dirOf('fa')).toBe('rtl');
    expect(dirOf('en')).toBe('ltr');
  });
});
