import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandUpcE, gtinCheckDigit, isValidGtin, toGtin14, withCheckDigit } from './gtin.ts';

// Independent reference: the full code (check digit included) weighted from the left so that the
// check digit gets weight 1; valid when the sum is a multiple of 10.
const validByLeftWeights = (code: string): boolean => {
  let sum = 0;
  for (let i = 0; i < code.length; i++) sum += Number(code[i]) * ((i + code.length) % 2 === 1 ? 1 : 3);
  return sum % 10 === 0;
};

describe('isValidGtin', () => {
  it.each([
    ['4006381333931', true],
    ['5901234123457', true],
    ['96385074', true],
    ['036000291452', true],
    ['042100005264', true],
    ['10012345678902', true],
    ['4006381333932', false],
    ['96385075', false],
    ['4006381333', false],
    ['40063813339a1', false],
    ['', false],
  ])('%s → %s', (code, valid) => {
    expect(isValidGtin(code)).toBe(valid);
  });

  it('agrees with a left-to-right reference for any 8/12/13/14-digit string', () => {
    fc.assert(
      fc.property(fc.constantFrom(8, 12, 13, 14).chain((len) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: len, maxLength: len })), (code) => {
        expect(isValidGtin(code)).toBe(validByLeftWeights(code));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('withCheckDigit / gtinCheckDigit', () => {
  it('appends the digit that makes the code valid', () => {
    expect(withCheckDigit('400638133393')).toBe('4006381333931');
    expect(gtinCheckDigit('9638507')).toBe(4);
  });
});

describe('expandUpcE', () => {
  it.each([
    ['04252614', '042100005264'], // 6th data digit 1: d1 d2 d6 0000 d3 d4 d5
    ['01234505', '012000003455'], // 6th data digit 0
    ['01234133', '012300000413'], // 6th data digit 3: d1 d2 d3 00000 d4 d5
    ['01234145', '012340000015'], // 6th data digit 4: d1 … d4 00000 d5
    ['01234565', '012345000065'], // 6th data digit 5–9: d1 … d5 0000 d6
    ['21234565', null], // number system 2 does not exist for UPC-E
    ['0425261', null],
    ['0425261x', null],
  ])('%s → %s', (upce, upca) => {
    expect(expandUpcE(upce)).toBe(upca);
  });
});

describe('toGtin14', () => {
  it.each([
    ['96385074', '00000096385074'],
    ['036000291452', '00036000291452'],
    ['4006381333931', '04006381333931'],
    ['4006381333930', null],
  ])('%s → %s', (code, gtin14) => {
    expect(toGtin14(code)).toBe(gtin14);
  });
});
