import { describe, expect, it } from 'vitest';
import { assertNoCardData, CardDataError, containsPan, findCardData, luhnValid } from './cardData.ts';

describe('luhnValid', () => {
  it('accepts test card numbers and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('5555555555554444')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});

describe('containsPan', () => {
  it('finds a full PAN, plain, grouped by spaces or dashes, or inside text', () => {
    expect(containsPan('4111111111111111')).toBe(true);
    expect(containsPan('4111 1111 1111 1111')).toBe(true);
    expect(containsPan('5555-5555-5555-4444')).toBe(true);
    expect(containsPan('card 378282246310005 approved')).toBe(true);
    expect(containsPan('6011000990139424')).toBe(true); // 16-digit Discover
    expect(containsPan('4222222222222')).toBe(true); // 13-digit Visa, not a valid GTIN
  });

  it('ignores masked numbers, Luhn failures, short and long digit runs', () => {
    expect(containsPan('************1111')).toBe(false);
    expect(containsPan('411111******1111')).toBe(false);
    expect(containsPan('4111111111111112')).toBe(false);
    expect(containsPan('411111111111')).toBe(false); // 12 digits
    expect(containsPan('41111111111111111111')).toBe(false); // 20 digits: not a PAN
  });

  it('ignores scanned GTIN-13 and GTIN-14 codes and numbers not starting 1–6', () => {
    expect(containsPan('4006381333931')).toBe(false);
    expect(containsPan('04006381333931')).toBe(false);
    expect(containsPan('8111111111111119')).toBe(false);
  });
});

describe('findCardData / assertNoCardData', () => {
  it('names the path of a PAN nested in objects and arrays, or in a key', () => {
    expect(findCardData({ a: { b: ['x', 'pan 4111111111111111'] } })).toBe('a.b[1]');
    expect(findCardData({ '4111111111111111': true })).toBe('4111111111111111');
    expect(findCardData({ n: 4111111111111111 })).toBe('n');
  });

  it('passes ordinary lane payloads: timestamps, GTINs, masked PANs, amounts', () => {
    const payload = {
      at: 1768471200000,
      code: '4006381333931',
      maskedPan: '************1111',
      amountMinor: 123456,
      resultCode: '00',
      reference: '7f9c2ba4-e88f-4f3c-8a5c-0b1e2d3c4f50',
    };
    expect(findCardData(payload)).toBeNull();
    expect(() => assertNoCardData(payload)).not.toThrow();
  });

  it('throws CardDataError for a payload with a PAN', () => {
    expect(() => assertNoCardData({ receipt: ['VISA', '4111 1111 1111 1111'] })).toThrow(CardDataError);
    expect(() => assertNoCardData({ receipt: ['VISA', '4111 1111 1111 1111'] })).toThrow("at 'receipt[1]'");
  });
});
