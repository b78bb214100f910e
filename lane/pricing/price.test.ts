import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Promotion, TaxTable } from '../../contracts/catalogue.ts';
import type { PricedBasket, PricingLine, PricingOptions } from './price.ts';
import { createPricer, priceBasket } from './price.ts';

// ---- builders ------------------------------------------------------------------------------

const NOW = Date.UTC(2026, 0, 15, 10, 0, 0);
const opts: PricingOptions = { now: NOW, language: 'en' };
const taxes: TaxTable = { standard: 1900, reduced: 700 };

let seq = 0;
const each = (itemId: string, unitPriceMinor: number, quantity = 1, extra: Partial<PricingLine> = {}): PricingLine => ({
  lineId: `L${++seq}`,
  itemId,
  unit: 'each',
  quantity,
  unitPriceMinor,
  taxClass: 'standard',
  groups: [],
  ...extra,
});
const kg = (itemId: string, pricePerKgMinor: number, weightGrams: number, extra: Partial<PricingLine> = {}): PricingLine => ({
  lineId: `L${++seq}`,
  itemId,
  unit: 'kg',
  quantity: 1,
  weightGrams,
  unitPriceMinor: pricePerKgMinor,
  taxClass: 'reduced',
  groups: [],
  ...extra,
});

const label = (en: string) => ({ en, de: `${en} (de)` });
const multibuy = (id: string, items: string[], buy: number, pay: number, extra: Partial<Promotion> = {}): Promotion =>
  ({ id, label: label(id), items, kind: 'multibuy', buy, pay, ...extra }) as Promotion;
const fixedPrice = (id: string, items: string[], quantity: number, priceMinor: number): Promotion => ({ id, label: label(id), items, kind: 'fixedPrice', quantity, priceMinor });
const mixMatch = (id: string, group: string, quantity: number, priceMinor: number): Promotion => ({ id, label: label(id), items: [], group, kind: 'mixMatch', quantity, priceMinor });
const percent = (id: string, items: string[], pct: number, extra: Partial<Omit<Promotion, 'kind'>> = {}): Promotion => ({ id, label: label(id), items, kind: 'percent', percent: pct, ...extra });
const fixedOff = (id: string, items: string[], amountMinor: number): Promotion => ({ id, label: label(id), items, kind: 'fixedOff', amountMinor });

/** Receipt digest: per line `total-discounts`, then totals. */
const digest = (b: PricedBasket) => ({
  lines: b.lines.map((l) => [l.totalMinor, l.discounts.map((d) => `${d.promotionId}:${d.amountMinor}`)]),
  subtotal: b.subtotalMinor,
  discount: b.discountMinor,
  total: b.totalMinor,
});

// ---- worked receipts -------------------------------------------------------------------------

describe('priceBasket: worked receipts', () => {
  it.each<[string, PricingLine[], Promotion[], ReturnType<typeof digest>]>([
    ['empty basket', [], [multibuy('m', ['A'], 3, 2)], { lines: [], subtotal: 0, discount: 0, total: 0 }],
    ['3 for 2 on 4 units: one set, the 4th at full price', [each('A', 100, 4)], [multibuy('3for2', ['A'], 3, 2)], { lines: [[400, ['3for2:100']]], subtotal: 400, discount: 100, total: 300 }],
    ['3 for 2 on 6 units: two sets', [each('A', 100, 6)], [multibuy('3for2', ['A'], 3, 2)], { lines: [[600, ['3for2:200']]], subtotal: 600, discount: 200, total: 400 }],
    [
      '3 for 2 counts units across lines; the free unit is on the later line',
      [each('A', 100, 2), each('A', 100, 2)],
      [multibuy('3for2', ['A'], 3, 2)],
      { lines: [[200, []], [200, ['3for2:100']]], subtotal: 400, discount: 100, total: 300 },
    ],
    [
      '3 for 2 over two items with different prices: the cheapest of the set is free',
      [each('A', 150, 1), each('B', 100, 1), each('A', 150, 1)],
      [multibuy('3for2', ['A', 'B'], 3, 2)],
      { lines: [[150, []], [100, ['3for2:100']], [150, []]], subtotal: 400, discount: 100, total: 300 },
    ],
    ['2 for 3.00 on 3 units at 1.99', [each('B', 199, 3)], [fixedPrice('2for3', ['B'], 2, 300)], { lines: [[597, ['2for3:98']]], subtotal: 597, discount: 98, total: 499 }],
    ['2 for 3.00 on 4 units at 1.99', [each('B', 199, 4)], [fixedPrice('2for3', ['B'], 2, 300)], { lines: [[796, ['2for3:196']]], subtotal: 796, discount: 196, total: 600 }],
    ['2 for 3.00 when the regular price is lower: no discount', [each('B', 140, 2)], [fixedPrice('2for3', ['B'], 2, 300)], { lines: [[280, []]], subtotal: 280, discount: 0, total: 280 }],
    [
      // Units 250 250 180 | 120 120: one set of the three dearest (680 → 500, saves 180), shared
      // in proportion 500:180 → 132.35 : 47.65 → 132 : 48 (largest remainder); the two cheapest are left over.
      'mix and match any 3 for 5.00 across a group with mixed prices',
      [each('X', 250, 2, { groups: ['drinks'] }), each('Y', 180, 1, { groups: ['drinks'] }), each('Z', 120, 2, { groups: ['drinks'] })],
      [mixMatch('any3', 'drinks', 3, 500)],
      { lines: [[500, ['any3:132']], [180, ['any3:48']], [240, []]], subtotal: 920, discount: 180, total: 740 },
    ],
    [
      'mix and match with six units: the second set is cheaper but still saves',
      [each('X', 250, 3, { groups: ['drinks'] }), each('Z', 200, 3, { groups: ['drinks'] })],
      [mixMatch('any3', 'drinks', 3, 500)],
      // Sets 250 250 250 (saves 250) and 200 200 200 (saves 100).
      { lines: [[750, ['any3:250']], [600, ['any3:100']]], subtotal: 1350, discount: 350, total: 1000 },
    ],
    ['10 % off 3.45 rounds half up (34.5 → 35)', [each('C', 345, 1)], [percent('ten', ['C'], 10)], { lines: [[345, ['ten:35']]], subtotal: 345, discount: 35, total: 310 }],
    ['10 % off a line of three is rounded once per line', [each('C', 345, 3)], [percent('ten', ['C'], 10)], { lines: [[1035, ['ten:104']]], subtotal: 1035, discount: 104, total: 931 }],
    ['100 % off', [each('C', 345, 2)], [percent('free', ['C'], 100)], { lines: [[690, ['free:690']]], subtotal: 690, discount: 690, total: 0 }],
    ['fixed 0.50 off each unit', [each('D', 299, 2)], [fixedOff('fifty', ['D'], 50)], { lines: [[598, ['fifty:100']]], subtotal: 598, discount: 100, total: 498 }],
    ['fixed off never takes a unit below zero', [each('D', 30, 2)], [fixedOff('fifty', ['D'], 50)], { lines: [[60, ['fifty:60']]], subtotal: 60, discount: 60, total: 0 }],
    ['price per kg: 2.99/kg × 1234 g = 368.966 → 369', [kg('apples', 299, 1234)], [], { lines: [[369, []]], subtotal: 369, discount: 0, total: 369 }],
    ['price per kg: 1.50/kg × 333 g = 49.95 → 50', [kg('pears', 150, 333)], [], { lines: [[50, []]], subtotal: 50, discount: 0, total: 50 }],
    ['price per kg: exactly half a cent rounds up', [kg('x', 1, 500)], [], { lines: [[1, []]], subtotal: 1, discount: 0, total: 1 }],
    ['price per kg: just under half a cent rounds down', [kg('x', 1, 499)], [], { lines: [[0, []]], subtotal: 0, discount: 0, total: 0 }],
    ['percent off a weighed line applies to the line total', [kg('apples', 299, 1234)], [percent('ten', ['apples'], 10)], { lines: [[369, ['ten:37']]], subtotal: 369, discount: 37, total: 332 }],
    ['multibuy ignores weighed lines', [kg('apples', 299, 1000), kg('apples', 299, 1000), kg('apples', 299, 1000)], [multibuy('3for2', ['apples'], 3, 2)], { lines: [[299, []], [299, []], [299, []]], subtotal: 897, discount: 0, total: 897 }],
    ['embedded price is the line total, whatever the quantity', [each('cheese', 1999, 2, { fixedTotalMinor: 437 })], [], { lines: [[437, []]], subtotal: 437, discount: 0, total: 437 }],
    ['embedded-price lines take percent but are not counted for multibuy', [each('cheese', 0, 1, { fixedTotalMinor: 437 }), each('cheese', 0, 1, { fixedTotalMinor: 500 })], [multibuy('2for1', ['cheese'], 2, 1), percent('half', ['cheese'], 50)], { lines: [[437, ['half:219']], [500, ['half:250']]], subtotal: 937, discount: 469, total: 468 }],
    ['an overridden line gets no promotion', [each('A', 100, 3, { overridden: true })], [multibuy('3for2', ['A'], 3, 2), percent('ten', ['A'], 10)], { lines: [[300, []]], subtotal: 300, discount: 0, total: 300 }],
    [
      'an overridden line is not counted towards a multibuy either',
      [each('A', 100, 2), each('A', 100, 1, { overridden: true })],
      [multibuy('3for2', ['A'], 3, 2)],
      { lines: [[200, []], [100, []]], subtotal: 300, discount: 0, total: 300 },
    ],
    ['a promotion by group and by item covers both', [each('A', 100, 1), each('B', 100, 1, { groups: ['g'] })], [percent('ten', ['A'], 10, { group: 'g' })], { lines: [[100, ['ten:10']], [100, ['ten:10']]], subtotal: 200, discount: 20, total: 180 }],
  ])('%s', (_case, lines, promotions, expected) => {
    const b = priceBasket(lines, promotions, taxes, opts);
    expect(digest(b)).toEqual(expected);
    expect(b.warnings).toEqual([]);
  });
});

describe('priceBasket: competing promotions (best saving first, no stacking)', () => {
  it.each<[string, PricingLine[], Promotion[], ReturnType<typeof digest>]>([
    ['50 % (saves 1.50) beats 3 for 2 (saves 1.00) on three units', [each('A', 100, 3)], [multibuy('3for2', ['A'], 3, 2), percent('half', ['A'], 50)], { lines: [[300, ['half:150']]], subtotal: 300, discount: 150, total: 150 }],
    [
      '3 for 2 takes three units first, 10 % goes to the fourth',
      [each('A', 100, 4)],
      [percent('ten', ['A'], 10), multibuy('3for2', ['A'], 3, 2)],
      { lines: [[400, ['3for2:100', 'ten:10']]], subtotal: 400, discount: 110, total: 290 },
    ],
    [
      'a group mix and match and an item multibuy split the units set by set',
      [each('A', 200, 3, { groups: ['g'] }), each('B', 250, 3, { groups: ['g'] })],
      // any3 at 5.00: BBB saves 250 (best set), then AAA would save 100 under any3 but 200
      // under 3for2, so 3for2 takes it. Applying any3 whole would have given only 350.
      [mixMatch('any3', 'g', 3, 500), multibuy('3for2', ['A'], 3, 2)],
      { lines: [[600, ['3for2:200']], [750, ['any3:250']]], subtotal: 1350, discount: 450, total: 900 },
    ],
    [
      '0.40 off each beats 3 for 2 on three units at 1.00 (1.20 > 1.00)',
      [each('A', 100, 3)],
      [multibuy('3for2', ['A'], 3, 2), fixedOff('off40', ['A'], 40)],
      { lines: [[300, ['off40:120']]], subtotal: 300, discount: 120, total: 180 },
    ],
    [
      'the same units on three lines price the same',
      [each('A', 100, 1), each('A', 100, 1), each('A', 100, 1)],
      [multibuy('3for2', ['A'], 3, 2), fixedOff('off40', ['A'], 40)],
      { lines: [[100, ['off40:40']], [100, ['off40:40']], [100, ['off40:40']]], subtotal: 300, discount: 120, total: 180 },
    ],
    [
      'a group 10 % leaves 3 for 2 its set (gain 1.00 − 0.30) and covers the rest',
      [each('A', 100, 3, { groups: ['g'] }), each('B', 500, 1, { groups: ['g'] })],
      [percent('ten', [], 10, { group: 'g' }), multibuy('3for2', ['A'], 3, 2)],
      { lines: [[300, ['3for2:100']], [500, ['ten:50']]], subtotal: 800, discount: 150, total: 650 },
    ],
    ['equal savings: the smaller promotion id wins', [each('A', 100, 1)], [percent('b-ten', ['A'], 10), percent('a-ten', ['A'], 10)], { lines: [[100, ['a-ten:10']]], subtotal: 100, discount: 10, total: 90 }],
  ])('%s', (_case, lines, promotions, expected) => {
    expect(digest(priceBasket(lines, promotions, taxes, opts))).toEqual(expected);
  });
});

describe('priceBasket: validity dates', () => {
  const line = [each('A', 100, 1)];
  it.each<[string, Partial<Omit<Promotion, 'kind'>>, number]>([
    ['no dates: always valid', {}, 10],
    ['expired yesterday: ignored', { validTo: '2026-01-14T23:59:59Z' }, 0],
    ['starts tomorrow: ignored', { validFrom: '2026-01-16T00:00:00Z' }, 0],
    ['inside the window', { validFrom: '2026-01-01T00:00:00Z', validTo: '2026-01-31T00:00:00Z' }, 10],
    ['starts exactly now (inclusive)', { validFrom: new Date(NOW).toISOString() }, 10],
    ['ends exactly now (inclusive)', { validTo: new Date(NOW).toISOString() }, 10],
    ['date-only validTo lasts the whole day', { validTo: '2026-01-15' }, 10],
    ['date-only validTo of yesterday: ignored', { validTo: '2026-01-14' }, 0],
  ])('%s', (_case, dates, discount) => {
    expect(priceBasket(line, [percent('ten', ['A'], 10, dates)], taxes, opts).discountMinor).toBe(discount);
  });

  it('ignores a promotion with an unreadable date and says so', () => {
    const b = priceBasket(line, [percent('ten', ['A'], 10, { validTo: 'next tuesday' })], taxes, opts);
    expect(b.discountMinor).toBe(0);
    expect(b.warnings).toEqual(['promotionBadDate:ten']);
  });
});

describe('priceBasket: taxes', () => {
  it('totals two rates separately, on the discounted gross', () => {
    const b = priceBasket(
      [each('wine', 1190, 1), each('bread', 535, 2, { taxClass: 'reduced' }), kg('apples', 299, 1234)],
      [percent('bread10', ['bread'], 10)],
      taxes,
      opts,
    );
    // reduced: bread 1070 − 107 = 963, apples 369 → 1332 × 700 / 10700 = 87.14 → 87
    // standard: 1190 × 1900 / 11900 = 190
    expect(b.taxes).toEqual([
      { taxClass: 'reduced', rateBasisPoints: 700, grossMinor: 1332, taxMinor: 87 },
      { taxClass: 'standard', rateBasisPoints: 1900, grossMinor: 1190, taxMinor: 190 },
    ]);
    expect(b.totalMinor).toBe(1332 + 1190);
  });

  it('rounds tax half up (3.00 at 19 % → 47.899 → 48)', () => {
    expect(priceBasket([each('A', 100, 3)], [], taxes, opts).taxes).toEqual([{ taxClass: 'standard', rateBasisPoints: 1900, grossMinor: 300, taxMinor: 48 }]);
  });

  it('taxes an unknown class at 0 and warns, without throwing', () => {
    const b = priceBasket([each('A', 500, 1, { taxClass: 'luxury' })], [], taxes, opts);
    expect(b.taxes).toEqual([{ taxClass: 'luxury', rateBasisPoints: 0, grossMinor: 500, taxMinor: 0 }]);
    expect(b.warnings).toEqual(['unknownTaxClass:luxury']);
  });

  it('does not take a tax class from the object prototype', () => {
    const b = priceBasket([each('A', 500, 1, { taxClass: 'toString' })], [], taxes, opts);
    expect(b.warnings).toEqual(['unknownTaxClass:toString']);
  });
});

describe('priceBasket: odd input is priced safely and reported', () => {
  it.each<[string, PricingLine, number, string]>([
    ['kg line without a weight', { ...kg('x', 299, 0), weightGrams: undefined }, 0, 'missingWeight'],
    ['negative quantity', each('A', 100, -2), 0, 'badQuantity'],
    ['fractional quantity', each('A', 100, 1.5), 100, 'badQuantity'],
    ['NaN price', each('A', Number.NaN, 1), 0, 'badUnitPrice'],
    ['negative embedded price', each('A', 100, 1, { fixedTotalMinor: -5 }), 0, 'badFixedTotal'],
  ])('%s', (_case, line, total, warning) => {
    const b = priceBasket([line], [], taxes, opts);
    expect(b.totalMinor).toBe(total);
    expect(b.warnings).toEqual([`${warning}:${line.lineId}`]);
  });

  it('labels discounts in the shopper language', () => {
    const b = priceBasket([each('A', 100, 1)], [percent('ten', ['A'], 10)], taxes, { ...opts, language: 'de' });
    expect(b.lines[0]?.discounts[0]?.label).toBe('ten (de)');
  });
});

// ---- properties --------------------------------------------------------------------------------

const ITEMS = ['i1', 'i2', 'i3', 'i4', 'i5'];
const GROUPS = ['g1', 'g2'];
const arbLine = fc.record({
  itemId: fc.constantFrom(...ITEMS),
  unit: fc.constantFrom<'each' | 'kg'>('each', 'each', 'kg'),
  quantity: fc.integer({ min: 0, max: 7 }),
  weightGrams: fc.integer({ min: 0, max: 5000 }),
  unitPriceMinor: fc.integer({ min: 0, max: 5000 }),
  taxClass: fc.constantFrom('standard', 'reduced', 'unknown'),
  groups: fc.subarray(GROUPS),
  fixedTotalMinor: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
  overridden: fc.boolean(),
});
const base = { id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'), label: fc.constant({ en: 'promo' }), items: fc.subarray(ITEMS), group: fc.option(fc.constantFrom(...GROUPS), { nil: undefined }) };
const arbPromo: fc.Arbitrary<Promotion> = fc.oneof(
  fc.record({ ...base, kind: fc.constant('multibuy' as const), buy: fc.integer({ min: 2, max: 5 }), pay: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ ...base, kind: fc.constant('fixedPrice' as const), quantity: fc.integer({ min: 2, max: 4 }), priceMinor: fc.integer({ min: 0, max: 8000 }) }),
  fc.record({ ...base, kind: fc.constant('mixMatch' as const), quantity: fc.integer({ min: 2, max: 4 }), priceMinor: fc.integer({ min: 0, max: 8000 }) }),
  fc.record({ ...base, kind: fc.constant('percent' as const), percent: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ ...base, kind: fc.constant('fixedOff' as const), amountMinor: fc.integer({ min: 1, max: 3000 }) }),
);
const isNat = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;

describe('priceBasket properties', () => {
  it('total = subtotal − discount, every number a non-negative integer, discounts per line within the line', () => {
    fc.assert(
      fc.property(fc.array(arbLine, { maxLength: 12 }), fc.array(arbPromo, { maxLength: 6 }), (raw, promotions) => {
        const lines: PricingLine[] = raw.map((l, i) => ({ ...l, lineId: `l${i}` }));
        const b = priceBasket(lines, promotions, taxes, opts);
        expect(b.totalMinor).toBe(b.subtotalMinor - b.discountMinor);
        for (const v of [b.subtotalMinor, b.discountMinor, b.totalMinor]) expect(isNat(v)).toBe(true);
        expect(b.lines.map((l) => l.lineId)).toEqual(lines.map((l) => l.lineId));
        let sub = 0;
        let off = 0;
        b.lines.forEach((l, i) => {
          expect(isNat(l.totalMinor)).toBe(true);
          const lineOff = l.discounts.reduce((s, d) => s + d.amountMinor, 0);
          for (const d of l.discounts) expect(isNat(d.amountMinor) && d.amountMinor > 0).toBe(true);
          expect(lineOff).toBeLessThanOrEqual(l.totalMinor);
          if (lines[i]?.overridden) expect(l.discounts).toEqual([]);
          sub += l.totalMinor;
          off += lineOff;
        });
        expect(sub).toBe(b.subtotalMinor);
        expect(off).toBe(b.discountMinor);
        expect(b.taxes.reduce((s, t) => s + t.grossMinor, 0)).toBe(b.totalMinor);
        for (const t of b.taxes) expect(isNat(t.taxMinor) && t.taxMinor <= t.grossMinor).toBe(true);
        // Deterministic.
        expect(priceBasket(lines, promotions, taxes, opts)).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });

  it('a promotion never makes the basket dearer than no promotion', () => {
    fc.assert(
      fc.property(fc.array(arbLine, { maxLength: 10 }), fc.array(arbPromo, { maxLength: 6 }), (raw, promotions) => {
        const lines: PricingLine[] = raw.map((l, i) => ({ ...l, lineId: `l${i}` }));
        expect(priceBasket(lines, promotions, taxes, opts).totalMinor).toBeLessThanOrEqual(priceBasket(lines, [], taxes, opts).totalMinor);
      }),
      { numRuns: 300 },
    );
  });
});

describe('priceBasket: splitting lines', () => {
  it('gives the same total when each line of n units is split into n lines of 1 (no percent rounding involved)', () => {
    const noPercent = arbPromo.filter((p) => p.kind !== 'percent');
    fc.assert(
      fc.property(fc.array(arbLine, { maxLength: 8 }), fc.array(noPercent, { maxLength: 5 }), (raw, promotions) => {
        const lines: PricingLine[] = raw.map((l, i) => ({ ...l, unit: 'each', fixedTotalMinor: undefined, lineId: `l${i}` }));
        const split: PricingLine[] = lines.flatMap((l) => Array.from({ length: l.quantity }, (_, k) => ({ ...l, quantity: 1, lineId: `${l.lineId}.${k}` })));
        expect(priceBasket(split, promotions, taxes, opts).totalMinor).toBe(priceBasket(lines, promotions, taxes, opts).totalMinor);
      }),
      { numRuns: 300 },
    );
  });
});

describe('createPricer on a large basket (sanity run, not a timing test)', () => {
  it('reprices a 300-line basket against 1,000 active promotions', () => {
    const kinds = ['multibuy', 'fixedPrice', 'mixMatch', 'percent', 'fixedOff'] as const;
    const promotions: Promotion[] = Array.from({ length: 1000 }, (_, i): Promotion => {
      const common = { id: `p${String(i).padStart(4, '0')}`, label: { en: `promo ${i}` }, items: [`item${i % 400}`, `item${(i * 7) % 400}`] };
      switch (kinds[i % 5]) {
        case 'multibuy':
          return { ...common, kind: 'multibuy', buy: 3, pay: 2 };
        case 'fixedPrice':
          return { ...common, kind: 'fixedPrice', quantity: 2, priceMinor: 300 };
        case 'mixMatch':
          return { ...common, items: [], group: `group${i % 20}`, kind: 'mixMatch', quantity: 3, priceMinor: 500 };
        case 'percent':
          return { ...common, kind: 'percent', percent: 5 + (i % 30) };
        default:
          return { ...common, kind: 'fixedOff', amountMinor: 10 + (i % 50) };
      }
    });
    const lines: PricingLine[] = Array.from({ length: 300 }, (_, i) =>
      i % 10 === 0
        ? kg(`item${i}`, 199 + i, 250 + i * 3, { lineId: `line${i}`, groups: [`group${i % 20}`] })
        : each(`item${i % 350}`, 99 + ((i * 37) % 900), 1 + (i % 4), { lineId: `line${i}`, groups: [`group${i % 20}`, `group${(i + 3) % 20}`] }),
    );
    const price = createPricer(promotions, taxes);
    let b = price(lines, opts);
    for (let round = 0; round < 5; round++) b = price(lines, opts);
    expect(b.lines).toHaveLength(300);
    expect(b.totalMinor).toBe(b.subtotalMinor - b.discountMinor);
    expect(b.discountMinor).toBeGreaterThan(0);
  });
});
