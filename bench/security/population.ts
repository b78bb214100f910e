/**
 * The seeded shopper population: what each transaction's shopper does, at the device level
 * (which code is scanned, what true weight goes down on the bagging area, in which order).
 * Pure data from a seed; `drive.ts` plays it against a real lane service. Every figure comes
 * from `params.ts`.
 */
import type { CatalogueItem } from '../../contracts/index.ts';
import { priceCheckDigit } from '../../lane/codes/index.ts';
import { withCheckDigit } from '../../lane/codes/gtin.ts';
import { rng } from '../../test/helpers/rng.ts';
import { PARAMS as P, tne } from './params.ts';

export type Rand = () => number;

export const ACT_TYPES = ['nonScanBagged', 'nonScanCarried', 'swap', 'skipBagging', 'removeThenAdd', 'underCount'] as const;
export type ActType = (typeof ACT_TYPES)[number];
/** Acts a bagging scale cannot see at all (nothing reaches the scale). */
export const WEIGHT_BLIND_ACTS: ReadonlySet<ActType> = new Set<ActType>(['nonScanCarried']);

export interface PlanUnit {
  kind: 'plain' | 'produce' | 'counter';
  item: CatalogueItem;
  /** What the scanner reads (plain/counter) or the PLU (produce). */
  code: string;
  /** True gross weight that goes down on the bagging area. */
  grams: number;
  /** Produce: what the produce scale reads. */
  produceGrams?: number;
  habit: 'normal' | 'bagBeforeScan' | 'pairWithNext';
  /** Share of the weight resting off the platter when put down (0 = none). */
  overhang: number;
  act?: { type: ActType; scanCode?: string; stolenGrams?: number };
}

export interface TxPlan {
  index: number;
  archetype: 'honest' | 'opportunist' | 'habitual';
  /** Own bags, in the order they go down (one per `unitsPerBag` units). */
  bags: number[];
  bagBeforeDeclare: boolean;
  units: PlanUnit[];
  lean?: { atUnit: number; grams: number };
  earlyRemovalAtUnit?: number;
}

export interface Population {
  plain: CatalogueItem[];
  produce: CatalogueItem[];
  counter: CatalogueItem[];
  /** Per SKU: a sampler of its true gross weight. */
  weightOf: (item: CatalogueItem, r: Rand) => number;
  /** The cheapest other SKU of similar catalogue weight (swap target), if any. */
  swapFor: Map<string, CatalogueItem>;
  zipf: number[];
}

export function gauss(r: Rand): number {
  let u = 0;
  while (u === 0) u = r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}
export const lognormal = (r: Rand, median: number, sigma: number): number => median * Math.exp(sigma * gauss(r));
const uniform = (r: Rand, [a, b]: readonly [number, number]): number => a + (b - a) * r();

/** σ_log of a lognormal with the given median and P90. */
export const sigmaFromP90 = (median: number, p90: number): number => Math.log(p90 / median) / 1.2816;

function negBin(r: Rand, mean: number, k: number): number {
  // Gamma–Poisson mixture; gamma by Marsaglia–Tsang (k > 1 here).
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let g: number;
  for (;;) {
    const x = gauss(r);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    if (Math.log(r()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
      g = d * v;
      break;
    }
  }
  const lambda = (g * mean) / k;
  let n = 0;
  let p = Math.exp(-lambda);
  let s = p;
  const u = r();
  while (u > s && n < 1000) {
    n++;
    p *= lambda / n;
    s += p;
  }
  return n;
}

function pick<T>(r: Rand, xs: readonly T[], cum?: number[]): T {
  if (!cum) return xs[Math.floor(r() * xs.length)]!;
  const u = r() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return xs[lo]!;
}

export function buildPopulation(items: CatalogueItem[], seed: number): Population {
  const r = rng(seed ^ 0x5eed);
  const plain = items.filter((i) => i.unit === 'each' && i.codes.length > 0 && i.ageLimit === undefined);
  const produce = items.filter((i) => i.unit === 'kg' && i.plu);
  const counter = items.filter((i) => i.unit === 'kg' && !i.plu && i.codes.some((c) => /^2[0-4]/.test(c)));
  // Zipf over a seeded shuffle of the plain items (popularity is not catalogue order).
  const order = plain.map((_, i) => i).sort(() => r() - 0.5);
  const shuffled = order.map((i) => plain[i]!);
  plain.splice(0, plain.length, ...shuffled);
  const zipf: number[] = [];
  let acc = 0;
  plain.forEach((_, i) => zipf.push((acc += 1 / (i + 1) ** P.zipfS.value)));
  // Per SKU: bias and variants, fixed for the run.
  const sku = new Map<string, { base: number; net: number; tne: number; tare: number; variant: number | null }>();
  for (const it of plain) {
    const gross = it.weightGrams ?? Math.round(uniform(r, P.noWeightItemGrams.value));
    const qn = gross * P.netShareOfGross.value;
    const t = tne(qn);
    const variant = r() < P.multiModalShare.value ? (r() < 0.5 ? -1 : 1) * uniform(r, P.multiModalOffset.value) : null;
    sku.set(it.id, { base: gross, net: qn, tne: t, tare: gross - qn, variant });
  }
  const weightOf = (item: CatalogueItem, rr: Rand): number => {
    const s = sku.get(item.id);
    if (!s) return item.weightGrams ?? 100;
    const net = s.net + P.netMeanOverQnTne.value * s.tne + gauss(rr) * s.tne * P.netSdOfTne.value;
    const tare = s.tare * (1 + gauss(rr) * P.tareSdShare.value);
    let g = net + tare;
    if (s.variant !== null && rr() < 0.5) g *= 1 + s.variant;
    return Math.max(1, g);
  };
  const swapFor = new Map<string, CatalogueItem>();
  for (const it of plain) {
    const w = it.weightGrams;
    if (w === undefined || it.noWeight) continue;
    let best: CatalogueItem | undefined;
    for (const o of plain) {
      if (o.id === it.id || o.noWeight || o.weightGrams === undefined || o.priceMinor >= it.priceMinor) continue;
      if (Math.abs(o.weightGrams - w) > w * P.swapBand.value) continue;
      if (!best || o.priceMinor < best.priceMinor) best = o;
    }
    if (best) swapFor.set(it.id, best);
  }
  return { plain, produce, counter, weightOf, swapFor, zipf };
}

/** A price-embedded EAN-13 (store price template, prefixes 20–24) for a counter item and price. */
export function counterCode(item: CatalogueItem, priceMinor: number): string {
  const base = item.codes.find((c) => /^2[0-4]/.test(c))!;
  const price = String(Math.min(9999, priceMinor)).padStart(4, '0');
  return withCheckDigit(`${base.slice(0, 7)}${priceCheckDigit(price)}${price}`);
}

function pickWeighted<K extends string>(r: Rand, shares: Record<K, number>): K {
  const entries = Object.entries(shares) as [K, number][];
  const total = entries.reduce((s, [, v]) => s + v, 0);
  let u = r() * total;
  for (const [k, v] of entries) {
    if ((u -= v) <= 0) return k;
  }
  return entries[entries.length - 1]![0];
}

export function planTransaction(pop: Population, index: number, r: Rand): TxPlan {
  const archetype = pickWeighted(r, P.archetypes.value);
  const nUnits = Math.min(P.basketCap.value, 1 + negBin(r, P.basketNegBinMean.value, P.basketNegBinR.value));
  const units: PlanUnit[] = [];
  const overhang = (): number => (r() < P.overhangShare.value ? uniform(r, P.overhangLoss.value) : 0);
  while (units.length < nUnits) {
    const u = r();
    if (u < P.produceLineShare.value && pop.produce.length > 0) {
      const item = pick(r, pop.produce);
      const g = Math.round(uniform(r, P.produceGrams.value));
      units.push({ kind: 'produce', item, code: item.plu!, grams: g + P.produceBagGrams.value, produceGrams: g, habit: 'normal', overhang: overhang() });
      continue;
    }
    if (u < P.produceLineShare.value + P.counterLineShare.value && pop.counter.length > 0) {
      const item = pick(r, pop.counter);
      const g = Math.round(uniform(r, P.counterGrams.value));
      const price = Math.round((g * item.priceMinor) / 1000);
      // Counter packaging (tray + film) assumed 5 % of the net weight.
      units.push({ kind: 'counter', item, code: counterCode(item, price), grams: Math.round(g * 1.05), habit: 'normal', overhang: overhang() });
      continue;
    }
    const item = pick(r, pop.plain, pop.zipf);
    const qty = r() < P.multiUnitLineShare.value ? 2 + Math.floor(r() * (P.multiUnitMax.value - 1)) : 1;
    for (let q = 0; q < qty && units.length < nUnits; q++) {
      units.push({ kind: 'plain', item, code: item.codes[0]!, grams: pop.weightOf(item, r), habit: 'normal', overhang: overhang() });
    }
  }
  for (let i = 0; i < units.length; i++) {
    const h = r();
    if (h < P.bagBeforeScanShare.value) units[i]!.habit = 'bagBeforeScan';
    else if (h < P.bagBeforeScanShare.value + P.twoAtOnceShare.value && i + 1 < units.length) units[i]!.habit = 'pairWithNext';
  }
  const nBags = r() < P.ownBagShare.value ? Math.ceil(units.length / P.unitsPerBag.value) : 0;
  const bags: number[] = [];
  for (let b = 0; b < nBags; b++) {
    const g = Number(pickWeighted(r, Object.fromEntries(P.ownBagGrams.value.map(([grams, share]) => [String(grams), share])) as Record<string, number>));
    bags.push(Math.round(g * (1 + (r() * 2 - 1) * 0.1)));
  }
  const plan: TxPlan = { index, archetype, bags, bagBeforeDeclare: nBags > 0 && r() < P.bagBeforeDeclareShare.value, units };
  if (r() < P.leanShare.value) plan.lean = { atUnit: Math.floor(r() * units.length), grams: Math.round(uniform(r, P.leanGrams.value)) };
  if (bags.length >= 2 && r() < P.earlyBagRemovalShare.value) plan.earlyRemovalAtUnit = Math.min(units.length - 1, P.unitsPerBag.value + Math.floor(r() * (units.length - P.unitsPerBag.value)));
  // Dishonest acts: one per dishonest visit, on a plain unit (the act needs a catalogue item).
  const pAct = archetype === 'honest' ? 0 : P.actPerVisit.value[archetype];
  if (r() < pAct) {
    const type = pickWeighted(r, P.actMix.value);
    const candidates = units.map((u, i) => ({ u, i })).filter(({ u }) => u.kind === 'plain' && (type !== 'swap' || pop.swapFor.has(u.item.id)));
    const at = candidates.length > 0 ? pick(r, candidates) : undefined;
    if (at) {
      const unit = at.u;
      unit.habit = 'normal';
      const stolen = pick(r, pop.plain, pop.zipf);
      unit.act = {
        type,
        ...(type === 'swap' ? { scanCode: pop.swapFor.get(unit.item.id)!.codes[0]! } : {}),
        ...(type === 'skipBagging' || type === 'removeThenAdd' ? { stolenGrams: pop.weightOf(stolen, r) } : {}),
      };
      unit.overhang = 0;
    }
  }
  return plan;
}
