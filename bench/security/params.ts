/**
 * Every parameter of the weight-security population benchmark, in ONE place, each with its
 * basis: `src` = a sourced fact (the section of /work/shared/reference/loss-prevention.md it
 * comes from, with the row of its §6 table), or `assumption` = chosen here, no public number.
 * Changing a figure here changes the population; the results file records this table.
 */

export interface Param<T> {
  value: T;
  basis: string;
}
const src = <T>(value: T, basis: string): Param<T> => ({ value, basis: `source: ${basis}` });
const assume = <T>(value: T, basis: string): Param<T> => ({ value, basis: `assumption: ${basis}` });

export const PARAMS = {
  // ---- population --------------------------------------------------------------------
  transactionsFull: assume(2000, 'per seed in full mode (§6 row 1 proposes 100,000; cut to fit the shared 2-core machine)'),
  transactionsQuick: assume(12, 'quick mode (test suite): proves the run works, says nothing'),
  seeds: assume([1, 2, 3], 'three seeds (§6 row 1 proposes 10)'),
  lanes: assume(4, 'lanes of one store sharing one learned-weights store (an island, README)'),

  // ---- basket ----------------------------------------------------------------------------
  basketNegBinMean: src(6.9, '§4 Brijs basket shape r≈1.9 scaled by SCO/store value ratio 0.76 (§6 row 2)'),
  basketNegBinR: src(1.9, '§4 Brijs negative-binomial shape (§6 row 2)'),
  basketCap: src(60, '§6 row 2'),
  multiUnitLineShare: assume(0.2, '§6 row 3: 20 % of lines have qty 2–6'),
  multiUnitMax: assume(6, '§6 row 3'),
  zipfS: assume(1, '§6 row 4: Zipf popularity over the demo catalogue (fixtures/catalogue.json), s = 1'),
  produceLineShare: assume(0.1, '§6 row 9: 10 % of lines are weighed produce'),
  counterLineShare: assume(0.04, 'price-embedded counter goods (cheese/meat/fish, label price only); share chosen here'),
  counterGrams: assume([80, 600] as const, 'counter package net weights, uniform'),
  produceGrams: assume([150, 2000] as const, 'weighed produce per line, uniform'),
  noWeightItemGrams: assume([40, 300] as const, 'true weight of catalogue items that carry no weight (foil, highlighter), uniform'),
  produceBagGrams: src(3, '§4 produce bags 2–4 g'),

  // ---- package variance ----------------------------------------------------------------
  /** Gross = catalogue weight is the DB weight; net part assumed this share of it. */
  netShareOfGross: assume(0.9, 'net content ≈ 90 % of catalogue gross (§6 row 7 tare 3–50 %; a single average)'),
  netMeanOverQnTne: src(0.5, '§2 TNE table; §6 row 6 mean = Qn + 0.5·TNE (factor assumption)'),
  netSdOfTne: src(1 / 3, '§2 legal cap σ ≤ TNE/2; §6 row 6 sd = TNE/3 (factor assumption)'),
  tareSdShare: assume(0.03, '§6 row 7: tare sd 3 % of tare'),
  multiModalShare: assume(0.03, '§6 row 8: 3 % of SKUs have a second packaging variant'),
  multiModalOffset: assume([0.1, 0.3] as const, '§6 row 8: ±10–30 %'),

  // ---- bags ------------------------------------------------------------------------------
  ownBagShare: src(0.9, '§4 Cardiff 2016: ~90 % take own bags (§6 row 11)'),
  unitsPerBag: assume(8, '§6 row 12: bags = ceil(units/8)'),
  ownBagGrams: src(
    [
      [8, 0.4],
      [35, 0.4],
      [115, 0.1],
      [180, 0.1],
    ] as [number, number][],
    '§4 EA LCA bag masses [memory] (§6 row 13), ±10 %',
  ),
  bagBeforeDeclareShare: assume(0.3, '§6 row 14: bag put down before pressing "own bag"'),

  // ---- bagging scale ---------------------------------------------------------------------
  divisionGrams: src(5, '§3 Datalogic 15 kg × 5 g; Intel 0.01 lb (§6 row 16)'),
  noiseSdDivisions: assume(0.3, '§6 row 17: Gaussian sd 0.3 e before rounding, within MPE ±0.5 e (§3)'),
  driftDivisionsPerMin: assume(0.1, '§6 row 18: random walk 0.1 e/min'),
  prematureStableShare: assume(0.03, '§6 row 20: an underdamped placement reports one stable reading 1–3 e off before settling'),
  leanShare: assume(0.03, '§6 row 21: lean/touch in 3 % of transactions, +50–2000 g, then released'),
  leanGrams: assume([50, 2000] as const, '§6 row 21'),
  overhangShare: assume(0.02, '§6 row 21: 2 % of placements rest partly off the platter (−20…−80 %), fixed when an alarm shows'),
  overhangLoss: assume([0.2, 0.8] as const, '§6 row 21'),

  // ---- honest habits ---------------------------------------------------------------------
  bagBeforeScanShare: src(0.05, '§6 row 23: 5 % of units put down before they are scanned (share assumption)'),
  twoAtOnceShare: src(0.04, '§6 row 23: 4 % two items in one drop (share assumption)'),
  earlyBagRemovalShare: assume(0.15, '§6 row 24: 15 % of transactions with ≥ 2 bags lift a full bag before paying'),
  interScanSeconds: src(8, '§6 row 22: lognormal median 8 s, σ_log 0.5'),
  scanToBagSeconds: assume(1.5, '§6 row 23: lognormal median 1.5 s'),
  paymentSeconds: src(30, '§4 bobbiechen card ≈30 s (§6 row 26)'),

  // ---- attendant -------------------------------------------------------------------------
  attendantMedianSeconds: src(30, '§3 "30-second dangle" (§6 row 27): lognormal median 30 s, P90 120 s'),
  attendantP90Seconds: src(120, '§6 row 27'),

  // ---- dishonesty ------------------------------------------------------------------------
  archetypes: src({ honest: 0.85, opportunist: 0.12, habitual: 0.03 }, '§4 LendingTree 15–27 % "ever" (§6 row 29; per-visit rates assumption)'),
  actPerVisit: assume({ opportunist: 0.1, habitual: 0.6 }, '§6 row 29'),
  actsPerDishonestVisit: assume(1, 'one act per dishonest visit (so each act is scored alone)'),
  actMix: src(
    { nonScanBagged: 0.3, nonScanCarried: 0.25, swap: 0.2, skipBagging: 0.1, removeThenAdd: 0.1, underCount: 0.05 },
    '§4 staff survey/ECR ordering (§6 row 30): non-scan 55 % (split here 30 % put in the bagging area, 25 % kept in the trolley — split assumption), swap 20 %, skip-bagging 10 %, remove-then-add 10 %, under-count 5 %',
  ),
  swapBand: src(0.15, '§4 ECR "similar weight, differing values" (§6 row 32: cheapest within ±15 %)'),

  // ---- policies --------------------------------------------------------------------------
  baselineSweep: src(
    [
      { minToleranceGrams: 15, tolerancePercentBp: 300 },
      { minToleranceGrams: 25, tolerancePercentBp: 500 },
      { minToleranceGrams: 25, tolerancePercentBp: 800 },
      { minToleranceGrams: 40, tolerancePercentBp: 1000 },
    ],
    '§6 row 35: fixed ±max(25 g, 5 %) of DB weight, reported as a sweep (hobby 5–10 %, Intel ±1–2 %, §1)',
  ),
  learnMinSamples: src(5, '§6 row 34 / US6779722: 5 readings before an item’s own tolerance'),
} as const;

/** TNE (grams) for a nominal quantity Qn in grams — FPackV §9 / 76/211/EEC (§2). */
export function tne(qnGrams: number): number {
  const q = qnGrams;
  if (q <= 5) return 0;
  if (q <= 50) return Math.ceil(q * 0.9) / 10; // 9 %, rounded up to 0.1 g
  if (q <= 100) return 4.5;
  if (q <= 200) return Math.ceil(q * 0.45) / 10;
  if (q <= 300) return 9;
  if (q <= 500) return Math.ceil(q * 0.3) / 10;
  if (q <= 1000) return 15;
  if (q <= 10_000) return Math.ceil(q * 0.15) / 10;
  if (q <= 15_000) return 150;
  return Math.ceil(q * 0.1) / 10;
}

export function paramTable(): { name: string; value: unknown; basis: string }[] {
  return Object.entries(PARAMS).map(([name, p]) => ({ name, value: p.value, basis: p.basis }));
}
