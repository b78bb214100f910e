import { describe, expect, it } from 'vitest';
import type { CatalogueItemInput } from '../../contracts/index.ts';
import { memoryLane, TEST_ITEMS, type TestLane } from '../../test/helpers/memoryLane.ts';
import { priceCheckDigit } from '../codes/index.ts';
import { withCheckDigit } from '../codes/gtin.ts';

/**
 * Weight-security rule defects found by the population benchmark (issue 17,
 * bench/security). Each test drives a lane through its device ports as the shopper would.
 */

const CHOC = '5901234123457'; // 105 g
const GUM = '96385074'; // 30 g
const WATER = '4006381333931'; // 1560 g
const FOIL = '4012345000986'; // no catalogue weight, category household
const MINT = '4000000000013'; // 9 g: inside the noise band

const ITEMS: CatalogueItemInput[] = [
  ...TEST_ITEMS,
  { id: 'foil', codes: [FOIL], name: { en: 'Aluminium foil 10 m' }, priceMinor: 119, taxClass: 'standard', category: 'household' },
  { id: 'sponge', codes: ['4012345000993'], name: { en: 'Sponges' }, priceMinor: 99, weightGrams: 60, taxClass: 'standard', category: 'household' },
  { id: 'cloth', codes: ['4012345001006'], name: { en: 'Cloths' }, priceMinor: 199, weightGrams: 140, taxClass: 'standard', category: 'household' },
  { id: 'bags', codes: ['4012345001013'], name: { en: 'Bin bags' }, priceMinor: 249, weightGrams: 200, taxClass: 'standard', category: 'household' },
  { id: 'mint', codes: [MINT], name: { en: 'Mint strip' }, priceMinor: 99, weightGrams: 9, taxClass: 'reduced', category: 'sweets' },
];

let seq = 0;
const cmd = (lane: TestLane, body: Record<string, unknown>) => {
  const who = lane.service.attendantAccount('alex')!;
  return lane.service.command({ id: `cmd-sec-${++seq}-xx`, by: who.id, ...body }, { attendant: who });
};
const scan = (lane: TestLane, code: string) => lane.sim.scanner.scan(code);
const bag = (lane: TestLane, grams: number) => lane.sim.baggingScale.change(grams);
const kinds = (lane: TestLane) => lane.service.view().interventions.map((i) => i.kind);
const lines = (lane: TestLane) => lane.service.view().lines;
const open = (config = {}) => memoryLane(config, { items: [...ITEMS] });

describe('bagging security: an item put down before it is scanned', () => {
  it('does not block the scan that explains it: the scan is taken and the alarm clears', () => {
    const lane = open();
    expect(lane.service.intent({ type: 'session.start' }).ok).toBe(true);
    bag(lane, 105);
    expect(kinds(lane)).toEqual(['unexpectedItem']);
    scan(lane, CHOC);
    expect(lines(lane)).toHaveLength(1);
    expect(kinds(lane)).toEqual([]);
    expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(true);
  });

  it('a scan that does not explain what was put down leaves an alarm', () => {
    const lane = open();
    lane.service.intent({ type: 'session.start' });
    bag(lane, 1560);
    scan(lane, CHOC);
    expect(kinds(lane).some((k) => k === 'unexpectedItem' || k === 'weightMismatch')).toBe(true);
  });
});

describe('bagging security: own bags', () => {
  it('a bag put down before "own bag" is pressed is taken as the bag once it is declared', () => {
    const lane = open();
    lane.service.intent({ type: 'session.start' });
    bag(lane, 35);
    expect(kinds(lane)).toEqual(['unexpectedItem']);
    lane.service.intent({ type: 'ownBag.declare' });
    expect(kinds(lane)).toEqual([]);
    scan(lane, CHOC);
    bag(lane, 105);
    expect(kinds(lane)).toEqual([]);
  });

  it('a second bag, declared, is accepted too', () => {
    const lane = open();
    lane.service.intent({ type: 'ownBag.declare' });
    bag(lane, 35);
    scan(lane, CHOC);
    bag(lane, 105);
    lane.service.intent({ type: 'ownBag.declare' });
    bag(lane, 115);
    expect(kinds(lane)).toEqual([]);
    scan(lane, GUM);
    bag(lane, 30);
    expect(kinds(lane)).toEqual([]);
  });

  it('the own-bag window is only right after declaring: a later unscanned rise is an alarm', () => {
    const lane = open();
    lane.service.intent({ type: 'ownBag.declare' });
    scan(lane, CHOC);
    bag(lane, 105);
    bag(lane, 400); // not a bag: something unscanned
    expect(kinds(lane)).toEqual(['unexpectedItem']);
  });
});

describe('bagging security: skip bagging', () => {
  it('skipping bagging of one line skips only that line', () => {
    const lane = open();
    scan(lane, WATER);
    scan(lane, CHOC);
    expect(lane.service.intent({ type: 'bagging.skip' }).ok).toBe(true);
    expect(cmd(lane, { type: 'intervention.approve', kind: 'skipBagging' }).ok).toBe(true);
    // The chocolate still has to be bagged: the lane does not let the shopper pay yet.
    expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(false);
    bag(lane, 105);
    expect(kinds(lane)).toEqual([]);
    expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(true);
  });
});

describe('bagging security: light items', () => {
  it('an item inside the noise band is not checked (counted), so it never waits for a change the scale cannot see', () => {
    const lane = open();
    scan(lane, MINT);
    bag(lane, 10);
    expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(true);
    const added = lane.journal.rows.find((r) => r.type === 'item.added');
    expect((added?.payload as { line: { expectedGramsPerUnit: number | null; unchecked?: string } }).line).toMatchObject({ expectedGramsPerUnit: null, unchecked: 'belowResolution' });
  });
});

describe('bagging security: items without a catalogue weight', () => {
  // Not fixed yet (issue 17): fails on the current rules.
  it.skip('fall back to their category (no alarm for a plausible weight)', () => {
    const lane = open();
    scan(lane, FOIL);
    bag(lane, 150);
    expect(kinds(lane)).toEqual([]);
    expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(true);
  });

  it('learn their own weight, which then replaces the category prior', () => {
    const lane = open();
    for (let i = 0; i < 5; i++) lane.weights.record('foil', 180);
    scan(lane, FOIL);
    bag(lane, 60); // inside the household prior, far from the learned 180 g
    expect(kinds(lane)).toEqual(['weightMismatch']);
  });
});

describe('bagging security: learning', () => {
  it('an attendant approving a mismatch is not learned as a reading', () => {
    const lane = open();
    scan(lane, CHOC);
    bag(lane, 600);
    expect(kinds(lane)).toEqual(['weightMismatch']);
    expect(cmd(lane, { type: 'intervention.approve', kind: 'weightMismatch' }).ok).toBe(true);
    expect(lane.weights.samples.get('choc') ?? []).toEqual([]);
  });

  // Not fixed yet (issue 17): fails on the current rules (mean ± 3σ of every reading).
  it.skip('learned statistics are robust: one dishonest reading does not move the expectation', () => {
    const lane = open();
    for (const g of [104, 106, 105, 103, 107, 105]) lane.weights.record('choc', g);
    lane.weights.record('choc', 900);
    scan(lane, CHOC);
    bag(lane, 105);
    expect(kinds(lane)).toEqual([]);
    scan(lane, CHOC);
    bag(lane, 400); // would pass if the outlier had widened the tolerance (3σ of the mean)
    expect(kinds(lane)).toEqual(['weightMismatch']);
  });

  it('a price-embedded label beats the learned average of that counter item', () => {
    const lane = open();
    for (let i = 0; i < 6; i++) lane.weights.record('cheese', 900);
    // Gouda 18.90/kg, label price 1.89 → 100 g.
    const price = '0189';
    scan(lane, withCheckDigit(`2112345${priceCheckDigit(price)}${price}`));
    expect(lines(lane)).toHaveLength(1);
    bag(lane, 100);
    expect(kinds(lane)).toEqual([]);
  });
});
