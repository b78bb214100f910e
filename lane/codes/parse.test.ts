import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../contracts/errors.ts';
import { CodeConfig, VariableMeasureTemplate, defaultCodeConfig, defaultVariableMeasureTemplates } from './config.ts';
import type { ParsedCode } from './parse.ts';
import { parseScan } from './parse.ts';

// ---- independent helpers -------------------------------------------------------------

/** GS1 mod-10 check digit of data digits: weights 3,1,3,… from the right. */
const check = (body: string): string => {
  const sum = [...body].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return String((10 - (sum % 10)) % 10);
};
const full = (body: string): string => body + check(body);
const GS = '\u001d';

const reason = (r: Result<ParsedCode>): unknown => (r.ok ? 'ok' : r.error.detail?.['reason']);
const value = (r: Result<ParsedCode>): ParsedCode => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.message}`);
  return r.value;
};

const config = defaultCodeConfig;
const noTemplates: CodeConfig = { ...defaultCodeConfig, variableMeasure: [] };
const upcEFirst: CodeConfig = { ...defaultCodeConfig, upcE8AsDefault: true };

// ---- retail codes --------------------------------------------------------------------

describe('parseScan: EAN/UPC/GTIN-14', () => {
  const gtin14 = full('1001234567890');
  it.each<[string, string, string | undefined, CodeConfig, string, string]>([
    ['EAN-13', '4006381333931', undefined, config, 'ean13', '04006381333931'],
    ['EAN-13 with AIM prefix in the data', ']E04006381333931', undefined, config, 'ean13', '04006381333931'],
    ['EAN-13 with AIM given by the caller', '5901234123457', ']E0', config, 'ean13', '05901234123457'],
    ['EAN-13 with trailing CR LF', '5901234123457\r\n', undefined, config, 'ean13', '05901234123457'],
    ['EAN-8', '96385074', undefined, config, 'ean8', '00000096385074'],
    ['EAN-8 with ]E4', ']E496385074', undefined, config, 'ean8', '00000096385074'],
    ['UPC-A (12 digits)', '036000291452', undefined, config, 'upca', '00036000291452'],
    ['UPC-A sent as 13 digits', ']E00036000291452', undefined, config, 'upca', '00036000291452'],
    ['UPC-E under ]E0', ']E004252614', undefined, config, 'upce', '00042100005264'],
    ['UPC-E when the caller passes ]E0', '04252614', ']E0', config, 'upce', '00042100005264'],
    ['UPC-E when the caller hints upce', '04252614', 'upce', config, 'upce', '00042100005264'],
    ['UPC-E by the config flag', '04252614', undefined, upcEFirst, 'upce', '00042100005264'],
    ['EAN-8 by hint despite the config flag', '96385074', 'ean8', upcEFirst, 'ean8', '00000096385074'],
    ['EAN-8 starting 0 despite the config flag when hinted', full('0123456'), 'ean8', upcEFirst, 'ean8', full('0123456').padStart(14, '0')],
    ['EAN-13 add-on ignored under ]E3', ']E3400638133393112', undefined, config, 'ean13', '04006381333931'],
    ['GTIN-14', gtin14, undefined, config, 'gtin14', gtin14],
    ['ITF-14', `]I1${gtin14}`, undefined, config, 'gtin14', gtin14],
    ['in-store prefix with no template configured is a plain GTIN', full('211234500299'), undefined, noTemplates, 'ean13', `0${full('211234500299')}`],
  ])('%s: %s', (_case, data, symbology, cfg, sym, expected) => {
    const r = value(parseScan(data, cfg, symbology));
    expect(r).toEqual({ kind: 'gtin', gtin14: expected, symbology: sym, original: data });
  });

  it.each<[string, string, string | undefined, CodeConfig, string]>([
    ['EAN-13 with a wrong check digit', '4006381333932', undefined, config, 'badCheckDigit'],
    ['EAN-8 with a wrong check digit', '96385075', undefined, config, 'badCheckDigit'],
    ['UPC-A with a wrong check digit', '036000291453', undefined, config, 'badCheckDigit'],
    ['UPC-E with a wrong check digit', ']E004252615', undefined, config, 'badCheckDigit'],
    ['ambiguous 8 digits read as EAN-8 by default (UPC-E 04252614 is no valid EAN-8)', '04252614', undefined, config, 'badCheckDigit'],
    ['GTIN-14 with a wrong check digit', '10012345678901', undefined, config, 'badCheckDigit'],
    ['upce hint on a code that cannot be UPC-E', '96385074', 'upce', config, 'malformed'],
    ['8 digits under ]E0 that cannot be UPC-E (EAN-8 is ]E4)', ']E096385074', undefined, config, 'malformed'],
    ['EAN-8 not starting 0/1 stays EAN-8 with the UPC-E flag', '96385075', undefined, upcEFirst, 'badCheckDigit'],
    ['11 digits', '40063813339', undefined, config, 'malformed'],
    ['9 digits', '400638133', undefined, config, 'malformed'],
    ['15 digits', '400638133393100', undefined, config, 'malformed'],
    ['empty', '', undefined, config, 'malformed'],
    ['only an AIM prefix', ']E0', undefined, config, 'malformed'],
    [']E0 with letters', ']E0400638133393A', undefined, config, 'malformed'],
    [']E4 with 13 digits', ']E44006381333931', undefined, config, 'malformed'],
    [']E0 with 14 digits', ']E010012345678902', undefined, config, 'malformed'],
    [']E3 without add-on', ']E34006381333931', undefined, config, 'malformed'],
    ['ITF that is not 14 digits', ']I0123456', undefined, config, 'unsupported'],
    ['plain Code 128', ']C0ABC-123', undefined, config, 'unsupported'],
    ['plain QR with an URL', ']Q1https://example.com/', undefined, config, 'unsupported'],
    ['text with no symbology', 'hello world', undefined, config, 'unsupported'],
    ['digits and text', '4006381333931x', undefined, config, 'unsupported'],
  ])('%s → %s', (_case, data, symbology, cfg, expected) => {
    expect(reason(parseScan(data, cfg, symbology))).toBe(expected);
  });

  it('keeps the original data exactly, AIM prefix included', () => {
    expect(value(parseScan(']E04006381333931', config)).original).toBe(']E04006381333931');
  });

  it('returns errors as invalidInput LaneErrors', () => {
    const r = parseScan('4006381333932', config);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'invalidInput', detail: { reason: 'badCheckDigit' } });
  });
});

// ---- variable measure ----------------------------------------------------------------

describe('parseScan: in-store variable-measure codes', () => {
  // storePrice 20–24: 2p IIIII V PPPP C; price check digits of 0299 = 6, 1234 = 9 (worked by hand).
  const price299 = full('211234560299');
  const price1234 = full('201111191234');
  const weight1250 = full('285432101250');
  const upcPrice = full('21234500499'); // UPC-A number system 2, 12 digits
  const ean02 = full('021234500499'); // the same code as EAN-13

  it.each<[string, string, CodeConfig, Record<string, unknown>]>([
    ['price with price check digit (storePrice)', price299, config, { template: 'storePrice', priceMinor: 299, itemKey: '12345', lookupGtin14: `0${full('211234500000')}` }],
    ['price 12.34 under prefix 20', price1234, config, { template: 'storePrice', priceMinor: 1234, itemKey: '11111', lookupGtin14: `0${full('201111100000')}` }],
    ['weight in grams (storeWeight)', weight1250, config, { template: 'storeWeight', weightGrams: 1250, itemKey: '54321', lookupGtin14: `0${full('285432100000')}` }],
    ['UPC-A number system 2 price (upcPrice)', upcPrice, config, { template: 'upcPrice', priceMinor: 499, itemKey: '12345', lookupGtin14: `00${full('21234500000')}` }],
    ['EAN-13 prefix 02 is the same code', ean02, config, { template: 'upcPrice', priceMinor: 499, lookupGtin14: `00${full('21234500000')}` }],
    ['with ]E0 prefix', `]E0${price299}`, config, { template: 'storePrice', priceMinor: 299 }],
  ])('%s', (_case, data, cfg, expected) => {
    const r = value(parseScan(data, cfg));
    expect(r).toMatchObject({ kind: 'variableMeasure', original: data, ...expected });
  });

  it('the lookup key is the same for any price of the same item', () => {
    const a = value(parseScan(price299, config));
    const b = value(parseScan(full('211234591234'), config));
    expect(a.kind === 'variableMeasure' && b.kind === 'variableMeasure' && a.lookupGtin14 === b.lookupGtin14).toBe(true);
  });

  it.each<[string, string, string]>([
    ['wrong price check digit (5 instead of 6)', full('211234550299'), 'badPriceCheckDigit'],
    ['wrong EAN check digit is reported first', `${full('211234550299').slice(0, 12)}${(Number(check('211234550299')) + 1) % 10}`, 'badCheckDigit'],
    ['wrong UPC-A check digit on a number-system-2 code', `${upcPrice.slice(0, 11)}${(Number(upcPrice[11]) + 1) % 10}`, 'badCheckDigit'],
  ])('%s → %s', (_case, data, expected) => {
    expect(reason(parseScan(data, config))).toBe(expected);
  });

  it('uses a configured 5-digit price with a price check digit', () => {
    // 23 IIII V PPPPP C: item 4 digits, check digit of 00150 = 4 (worked by hand).
    const t = VariableMeasureTemplate.parse({ name: 'deli5', prefixes: ['23'], item: { start: 2, length: 4 }, priceCheckDigit: 6, value: { start: 7, length: 5 }, valueKind: 'price' });
    const cfg: CodeConfig = { ...defaultCodeConfig, variableMeasure: [t, ...defaultVariableMeasureTemplates] };
    expect(value(parseScan(full('231234400150'), cfg))).toMatchObject({ template: 'deli5', priceMinor: 150, itemKey: '1234', lookupGtin14: `0${full('231234000000')}` });
    expect(reason(parseScan(full('231234300150'), cfg))).toBe('badPriceCheckDigit');
  });

  it('takes the first template whose prefix matches', () => {
    const weightFirst = VariableMeasureTemplate.parse({ name: 'w21', prefixes: ['21'], item: { start: 2, length: 5 }, value: { start: 7, length: 5 }, valueKind: 'weight' });
    const cfg: CodeConfig = { ...defaultCodeConfig, variableMeasure: [weightFirst, ...defaultVariableMeasureTemplates] };
    expect(value(parseScan(price299, cfg))).toMatchObject({ template: 'w21', weightGrams: 60299 });
  });
});

describe('CodeConfig and VariableMeasureTemplate schemas', () => {
  it('fills defaults from an empty object', () => {
    const c = CodeConfig.parse({});
    expect(c.variableMeasure.map((t) => t.name)).toEqual(['storePrice', 'storeWeight', 'upcPrice']);
    expect(c.upcE8AsDefault).toBe(false);
    expect(c.currencyExponent).toBe(2);
  });

  it('accepts the default templates', () => {
    for (const t of defaultVariableMeasureTemplates) expect(VariableMeasureTemplate.safeParse(t).success).toBe(true);
  });

  const base = { name: 't', prefixes: ['20'], item: { start: 2, length: 5 }, value: { start: 8, length: 4 }, valueKind: 'price' };
  it.each<[string, Record<string, unknown>]>([
    ['value running into the EAN check digit', { value: { start: 9, length: 4 } }],
    ['value overlapping the item', { value: { start: 5, length: 4 } }],
    ['price check digit over a 3-digit value', { value: { start: 9, length: 3 }, priceCheckDigit: 8 }],
    ['price check digit inside the value', { priceCheckDigit: 9 }],
    ['no prefixes', { prefixes: [] }],
    ['a prefix with letters', { prefixes: ['2a'] }],
    ['an unknown value kind', { valueKind: 'volume' }],
  ])('refuses %s', (_case, change) => {
    expect(VariableMeasureTemplate.safeParse({ ...base, ...change }).success).toBe(false);
  });
});

// ---- GS1 element strings ---------------------------------------------------------------

describe('parseScan: GS1 element strings', () => {
  const gtin = '09501101530003'; // GS1's example GTIN
  const sscc = full('00950110153000000');

  it.each<[string, string, string | undefined, Record<string, unknown>]>([
    ['GS1-128 GTIN, expiry, batch, serial', `]C101${gtin}17251231` + `10ABC123${GS}21S/N-9`, undefined, { gtin14: gtin, expiry: '2025-12-31', batch: 'ABC123', serial: 'S/N-9' }],
    ['day 00 is the end of the month', `]C101${gtin}17250200`, undefined, { expiry: '2025-02-28' }],
    ['day 00 in a leap February', `]C101${gtin}17240200`, undefined, { expiry: '2024-02-29' }],
    ['best before', `]C101${gtin}15260430`, undefined, { bestBefore: '2026-04-30' }],
    ['weight 3103 (kg, 3 decimals) → grams', `]e001${gtin}3103001250`, undefined, { weightGrams: 1250 }],
    ['weight 3100 (whole kg)', `]e001${gtin}3100000002`, undefined, { weightGrams: 2000 }],
    ['weight 3102', `]e001${gtin}3102000125`, undefined, { weightGrams: 1250 }],
    ['weight 3104 rounds 123.5 g half up', `]e001${gtin}3104001235`, undefined, { weightGrams: 124 }],
    ['weight 3105 rounds 123.45 g down', `]e001${gtin}3105012345`, undefined, { weightGrams: 123 }],
    ['price 3922 (2 decimals) → minor units', `]e001${gtin}39221299`, undefined, { priceMinor: 1299 }],
    ['price 3920 (whole units)', `]e001${gtin}392013`, undefined, { priceMinor: 1300 }],
    ['price 3921', `]e001${gtin}3921129`, undefined, { priceMinor: 1290 }],
    ['price 3923 rounds half up', `]e001${gtin}392312995`, undefined, { priceMinor: 1300 }],
    ['price 3932 in the store currency', `]e001${gtin}39329780350`, undefined, { priceMinor: 350, currency: '978' }],
    ['weight and price together', `]e001${gtin}3103000500` + `3922599${GS}10L1`, undefined, { weightGrams: 500, priceMinor: 599, batch: 'L1' }],
    ['GS1 DataMatrix', `]d201${gtin}17270101` + `21XYZ`, undefined, { gtin14: gtin, expiry: '2027-01-01', serial: 'XYZ' }],
    ['GS1 QR', `]Q301${gtin}`, undefined, { gtin14: gtin }],
    ['a leading FNC1 (GS) is skipped', `]C1${GS}01${gtin}`, undefined, { gtin14: gtin }],
    ['symbology given by the caller', `01${gtin}10B7`, ']C1', { batch: 'B7' }],
    ['no symbology, 01 + 14 digits + more AIs', `01${gtin}3103000750`, undefined, { gtin14: gtin, weightGrams: 750 }],
    ['no symbology, 01 + 14 digits alone', `01${gtin}`, undefined, { gtin14: gtin }],
    ['no symbology, 01 + 14 digits then a batch', `01${gtin}10AB12`, undefined, { batch: 'AB12' }],
    ['hint gs1', `01${gtin}`, 'gs1', { gtin14: gtin }],
    ['bracketed human-readable form', `(01)${gtin}(17)250200(10)AB-12`, undefined, { gtin14: gtin, expiry: '2025-02-28', batch: 'AB-12' }],
    ['SSCC with no GTIN', `]C100${sscc}`, undefined, { ais: { '00': sscc } }],
    ['company-internal AIs 91–99 are kept raw', `]C101${gtin}91abc-XYZ${GS}99#?`.replace('#', '%'), undefined, { ais: { '01': gtin, '91': 'abc-XYZ', '99': '%?' } }],
    ['count 37 and variant 20', `]C102${gtin}37${'12'}${GS}2001`, undefined, { ais: { '02': gtin, '37': '12', '20': '01' } }],
    ['a variable field with no separator runs to the end', `]C110ABC17251231`, undefined, { batch: 'ABC17251231' }],
    ['the same AI twice with the same value', `]C101${gtin}01${gtin}`, undefined, { gtin14: gtin }],
  ])('%s', (_case, data, symbology, expected) => {
    const r = value(parseScan(data, config, symbology));
    expect(r).toMatchObject({ kind: 'gs1', original: data, ...expected });
  });

  it('gives no price for a 393n amount in a foreign currency', () => {
    const r = value(parseScan(`]e001${gtin}39328400350`, config));
    expect(r).toMatchObject({ kind: 'gs1', currency: '840' });
    expect(r.kind === 'gs1' && r.priceMinor).toBe(undefined);
  });

  it('converts 3922 with a currency exponent of 0', () => {
    expect(value(parseScan(`]e001${gtin}3922125050`, { ...config, currencyExponent: 0 }))).toMatchObject({ priceMinor: 1251 });
  });

  it('applies the GS1 century window when the lane clock is given', () => {
    const now = Date.UTC(2026, 0, 15);
    expect(value(parseScan(`]C101${gtin}17991231`, config, undefined, { now }))).toMatchObject({ expiry: '1999-12-31' });
    expect(value(parseScan(`]C101${gtin}17761231`, config, undefined, { now }))).toMatchObject({ expiry: '2076-12-31' });
    expect(value(parseScan(`]C101${gtin}17771231`, config, undefined, { now }))).toMatchObject({ expiry: '1977-12-31' });
    expect(value(parseScan(`]C101${gtin}17991231`, config))).toMatchObject({ expiry: '2099-12-31' });
  });

  const badGtin = `${gtin.slice(0, 13)}4`;
  it.each<[string, string, string | undefined, string]>([
    ['AI 01 with a wrong check digit', `]C101${badGtin}`, undefined, 'badCheckDigit'],
    ['AI 01 wrong check digit without symbology', `01${badGtin}3103000750`, undefined, 'badCheckDigit'],
    ['AI 00 with a wrong check digit', `]C100${sscc.slice(0, 17)}${(Number(sscc[17]) + 1) % 10}`, undefined, 'badCheckDigit'],
    ['AI 01 with letters', `]C101095011015300A3`, undefined, 'malformed'],
    ['AI 01 too short', `]C101${gtin.slice(0, 10)}`, undefined, 'malformed'],
    ['month 13', `]C101${gtin}17251301`, undefined, 'badDate'],
    ['30 February', `]C101${gtin}17250230`, undefined, 'badDate'],
    ['29 February in a common year', `]C101${gtin}11250229`, undefined, 'badDate'],
    ['month 00', `]C101${gtin}15250001`, undefined, 'badDate'],
    ['a date without symbology', `01${gtin}17251399`, undefined, 'badDate'],
    ['an unknown AI', `]C101${gtin}89123`, undefined, 'unknownAi'],
    ['an unknown 4-digit measure (3106)', `]C101${gtin}3106001000`, undefined, 'unknownAi'],
    ['unknown AI in bracketed form', `(01)${gtin}(89)12`, undefined, 'unknownAi'],
    ['batch longer than 20', `]C110${'A'.repeat(21)}`, undefined, 'malformed'],
    ['batch with a space', `]C110AB 12`, undefined, 'malformed'],
    ['batch with a character outside set 82', `]C110AB#12`, undefined, 'malformed'],
    ['empty batch', `]C110${GS}01${gtin}`, undefined, 'malformed'],
    ['count 37 with letters', `]C137A1`, undefined, 'malformed'],
    ['price 3922 with 16 digits', `]C13922${'1'.repeat(16)}`, undefined, 'malformed'],
    ['only separators', `]C1${GS}${GS}`, undefined, 'malformed'],
    ['text where an AI should be', `]C1ABC`, undefined, 'malformed'],
    ['the same AI twice with different values', `]C110A${GS}10B`, undefined, 'malformed'],
    ['bracketed form with junk', `(01)${gtin}junk(`, undefined, 'malformed'],
    ['bracketed form with a short GTIN', `(01)0950110153`, undefined, 'malformed'],
    ['01 + 14 digits followed by rubbish without symbology', `01${gtin}ZZ`, undefined, 'malformed'],
  ])('%s → %s', (_case, data, symbology, expected) => {
    expect(reason(parseScan(data, config, symbology))).toBe(expected);
  });
});

// ---- properties ------------------------------------------------------------------------

const REASONS = ['badCheckDigit', 'badPriceCheckDigit', 'malformed', 'unsupported', 'unknownAi', 'badDate'];
const expectWellFormed = (r: Result<ParsedCode>): void => {
  if (r.ok) return;
  expect(r.error.code).toBe('invalidInput');
  expect(REASONS).toContain(r.error.detail?.['reason']);
};

describe('parseScan properties', () => {
  const symbologies = fc.option(fc.constantFrom(']E0', ']E4', ']E3', ']C1', ']e0', ']d2', ']Q3', ']I1', ']C0', 'upce', 'ean8', 'gs1', 'nonsense', ''), { nil: undefined });
  const codeChars = fc.constantFrom(...'0123456789', GS, ']', '(', ')', 'E', 'C', 'e', 'd', 'Q', '1', '0', 'A', '%', ' ', '\r', '\n');

  it('never throws on any string and returns only documented failures', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), symbologies, fc.boolean(), (data, sym, flag) => {
        expectWellFormed(parseScan(data, { ...config, upcE8AsDefault: flag }, sym));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on strings built from barcode-like characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: codeChars, maxLength: 60 }), symbologies, fc.integer({ min: -1e15, max: 1e15 }), (data, sym, now) => {
        expectWellFormed(parseScan(data, config, sym, { now }));
      }),
      { numRuns: 1000 },
    );
  });

  const valid = ['4006381333931', '5901234123457', '96385074', '036000291452', ']E004252614', full('211234560299'), full('285432101250'), full('21234500499'), full('1001234567890')];
  it('refuses every valid EAN/UPC/GTIN code with one digit changed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.nat(), fc.integer({ min: 1, max: 9 }), (code, pos, delta) => {
        const start = code.startsWith(']') ? 3 : 0;
        const at = start + (pos % (code.length - start));
        const mutated = code.slice(0, at) + String((Number(code[at]) + delta) % 10) + code.slice(at + 1);
        const r = parseScan(mutated, config);
        // A changed digit breaks the EAN check digit (or the price check digit); the only way out
        // is landing on a different length rule, which these mutations cannot do.
        expect(r.ok).toBe(false);
        expectWellFormed(r);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutated valid GS1 element strings', () => {
    const samples = [`]C101${'09501101530003'}17250200` + `10AB${GS}21X`, `]e001${'09501101530003'}3103001250392299`, `(01)09501101530003(17)250200`];
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.nat(), fc.oneof(fc.constantFrom(...'0123456789', GS, '(', ')', 'A'), fc.constant('')), (s, pos, ch) => {
        const at = pos % s.length;
        expectWellFormed(parseScan(s.slice(0, at) + ch + s.slice(at + 1), config));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads any valid 13-digit code outside in-store prefixes as its GTIN-14', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 }), (body) => {
        const code = full(body);
        const r = value(parseScan(code, noTemplates));
        expect(r).toMatchObject({ kind: 'gtin', gtin14: `0${code}` });
      }),
      { numRuns: 500 },
    );
  });

  it('reads back the weight of any storeWeight code and keys it without the weight', () => {
    fc.assert(
      fc.property(fc.integer({ min: 25, max: 29 }), fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99999 }), (prefix, item, grams) => {
        const itemDigits = String(item).padStart(5, '0');
        const code = full(`${prefix}${itemDigits}${String(grams).padStart(5, '0')}`);
        expect(value(parseScan(code, config))).toMatchObject({ kind: 'variableMeasure', weightGrams: grams, lookupGtin14: `0${full(`${prefix}${itemDigits}00000`)}` });
      }),
      { numRuns: 500 },
    );
  });
});
